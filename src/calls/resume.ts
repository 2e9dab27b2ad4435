import { debug } from '../internal/debug.js';
import { loadedPipeline, loadPipeline } from './lazy.js';
import { DEFAULT_OUTBOX_DB, persistState } from './persist-settings.js';

/**
 * Whether the queue's database holds any record, pending or dead, without creating the database when
 * there is none. Resolves true when it cannot tell, so that the queue itself looks (and reports).
 */
export function hasQueuedRecords(dbName: string): Promise<boolean> {
  return new Promise((resolve) => {
    if (typeof indexedDB === 'undefined') return resolve(false);
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(dbName);
    } catch {
      return resolve(true);
    }
    // A database being created is one that never held anything: abort, so that none is left behind.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = () => resolve(request.error?.name !== 'AbortError');
    request.onsuccess = () => {
      const db = request.result;
      const done = (queued: boolean) => {
        db.close();
        resolve(queued);
      };
      try {
        const count = db.transaction('entries').objectStore('entries').count();
        count.onsuccess = () => done(count.result > 0);
        count.onerror = () => done(true);
      } catch {
        done(true);
      }
    };
  });
}

/** True from the call that schedules the look until the look is over, so that concurrent elements share it. */
let looking = false;
/** The queue database found empty: every element that connects calls resumePersistence, the look is once. */
let foundEmpty: string | undefined;

/**
 * Starts the queue soon after the page loads when records left by an earlier page wait in it, so
 * that they are sent without waiting for the next call; a page with an empty queue does not load the
 * queue's code until its first call. Deferred by one task so that a host's `configure()` in the same
 * script runs first. When the pipeline's code is there already, the queue simply starts.
 */
export function resumePersistence(): void {
  if (looking || persistState.outbox) return;
  looking = true;
  setTimeout(() => {
    const pipeline = loadedPipeline();
    const dbName = persistState.outboxSettings.dbName ?? DEFAULT_OUTBOX_DB;
    if (persistState.outbox || pipeline || foundEmpty === dbName) {
      looking = false;
      pipeline?.getOutbox();
      return;
    }
    void hasQueuedRecords(dbName)
      .then((queued) => {
        if (!queued) foundEmpty = dbName;
        return queued ? loadPipeline() : undefined;
      })
      .then(
        (loaded) => loaded?.getOutbox(),
        (error: unknown) => debug('persist', 'resume-load-failed', { error: String(error) }),
      )
      .finally(() => (looking = false));
  }, 0);
}
