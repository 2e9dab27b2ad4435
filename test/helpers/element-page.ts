import { configure } from '../../src/config.js';
import { createMemoryStorage } from '../../src/storage/memory/index.js';
import { resetAircallConfigs } from '../../src/store/aircall.js';
import { createManualProvider, type ManualProvider } from './manual-provider.js';
import { isolatedOutbox, resetLibrary } from './reset.js';

/**
 * Registers the hooks of a suite that shows every element: before each test a fresh page with a manual
 * provider ("manual": outbound, inbound, mute, tones), a memory storage and every notification shown; after
 * it, calls hung up and the page reset. Returns the current test's provider.
 */
export function useElementPage(): () => ManualProvider {
  let manual: ManualProvider;
  beforeEach(async () => {
    await resetLibrary();
    resetAircallConfigs();
    manual = createManualProvider('manual', ['outbound', 'inbound', 'mute', 'dtmf']);
    configure({ providers: { manual }, storage: createMemoryStorage(), outbox: isolatedOutbox(), notify: 'all' });
  });
  afterEach(async () => {
    document.querySelectorAll('call-button').forEach((el) => el.hangup());
    await resetLibrary();
    resetAircallConfigs();
  });
  return () => manual;
}
