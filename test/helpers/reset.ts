import { clearIdentity, configure } from '../../src/config.js';
import { resetPersistence } from '../../src/calls/persist.js';
// Tests use the call pipeline as a page does after its first call (test/elements/first-call.test.ts covers the download).
import '../../src/calls/pipeline.js';
import { $call } from '../../src/store/call.js';
import { resetAircallConfigs } from '../../src/store/aircall.js';
import { clearNotifications } from '../../src/store/notifications.js';
import { updateSettings } from '../../src/store/config.js';
import { resetOutbox } from '../../src/store/outbox.js';
import { unregisterProvider } from '../../src/providers/registry.js';
import { createMemoryStorage } from '../../src/storage/memory/index.js';
import { isolatedOutbox } from './outbox-names.js';

export { isolatedOutbox };

/**
 * Puts the page-wide state back as a fresh page has it, except that calls are persisted to a
 * memory storage through an outbox of their own (tests that need another storage configure it).
 */
export async function resetLibrary(): Promise<void> {
  $call.set(null);
  clearNotifications();
  resetAircallConfigs();
  resetOutbox();
  clearIdentity();
  updateSettings({ locale: undefined, notify: 'errors' });
  for (const name of ['demo', 'manual', 'other']) unregisterProvider(name);
  document.documentElement.lang = 'en';
  await resetPersistence();
  configure({ storage: createMemoryStorage(), outbox: isolatedOutbox() });
}
