import { configure } from '../../src/config.js';
import { pageRuntime, resetPageRuntime } from '../../src/calls/page-runtime.js';
// Tests use the engine as a page does after its first call (test/elements/first-call.test.ts covers the download).
import * as engineModule from '../../src/calls/engine.js';
import { createMemoryStorage } from '../../src/storage/memory/index.js';
import { clearNotifications } from '../../src/store/notifications.js';
import { isolatedOutbox } from './outbox-names.js';

export { isolatedOutbox };

/**
 * A fresh page's call runtime (the previous one disposed: its queue stopped, providers disposed,
 * stores reset, notifications cleared), with calls persisted to a memory storage through an outbox of their own (tests that
 * need another storage configure it), and the engine already there.
 */
export async function resetLibrary(): Promise<void> {
  await resetPageRuntime();
  // Disposing a runtime clears the notifications, but a test may have pushed some with no runtime there
  // (after resetPageRuntime, or before any element made one): they would show in the next test's toasts.
  clearNotifications();
  document.documentElement.lang = 'en';
  configure({ storage: createMemoryStorage(), outbox: isolatedOutbox() });
  pageRuntime().attachEngine(engineModule);
}
