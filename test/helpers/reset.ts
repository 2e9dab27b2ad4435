import { clearIdentity } from '../../src/config.js';
import { $call } from '../../src/store/call.js';
import { clearNotifications } from '../../src/store/notifications.js';
import { updateSettings } from '../../src/store/config.js';
import { unregisterProvider } from '../../src/providers/registry.js';

/** Puts the page-wide state back as a fresh page has it. */
export function resetLibrary(): void {
  $call.set(null);
  clearNotifications();
  clearIdentity();
  updateSettings({ locale: undefined, notify: 'errors' });
  for (const name of ['demo', 'manual', 'other']) unregisterProvider(name);
  document.documentElement.lang = 'en';
}
