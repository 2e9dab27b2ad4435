import { QUEUE_STORE } from '../outbox/settings.js';

/** The store an earlier version of the queue used. */
const LEGACY_STORE = 'entries';

/**
 * Whether the queue's database holds anything, pending or dead, without creating the database when
 * there is none (and without loading the queue's code). Resolves true when it cannot tell, so that the
 * queue itself looks (and reports).
 */
export async function hasQueuedRecords(dbName: string): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return false;
  // Where the browser lists its databases, a queue never created is not opened at all: opening one to
  // abort its creation leaves an empty database behind in WebKit.
  if (typeof indexedDB.databases === 'function') {
    try {
      if (!(await indexedDB.databases()).some((database) => database.name === dbName)) return false;
    } catch {
      // Not listable here (some private modes): look by opening it.
    }
  }
  return countEntries(dbName);
}

function countEntries(dbName: string): Promise<boolean> {
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(dbName);
    } catch {
      return resolve(true);
    }
    // A database being created is one that never held anything: abort, so that none is left behind.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = () => resolve(request.error?.name !== 'AbortError');
    request.onblocked = () => resolve(true);
    request.onsuccess = () => {
      const db = request.result;
      const done = (queued: boolean) => {
        db.close();
        resolve(queued);
      };
      const store = [QUEUE_STORE, LEGACY_STORE].find((name) => db.objectStoreNames.contains(name));
      if (!store) return done(false);
      try {
        const count = db.transaction(store).objectStore(store).count();
        count.onsuccess = () => done(count.result > 0);
        count.onerror = () => done(true);
      } catch {
        done(true);
      }
    };
  });
}
