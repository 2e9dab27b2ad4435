import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { CallElementsError } from '../internal/errors.js';
import { indexedDbError } from '../internal/indexeddb-error.js';
import { upgradeEntry, type CallEntry, type QueueEntry } from './entry.js';
import { QUEUE_STORE } from './settings.js';

/** Version 1 kept one store of call records ("entries", keyed by record id); version 2 keys entries of every kind. */
export const QUEUE_DB_VERSION = 2;
const LEGACY_STORE = 'entries';

/** How long one IndexedDB operation may take before the queue stops waiting for it (ms). */
export const QUEUE_DB_TIMEOUT_MS = 10_000;

interface QueueSchema extends DBSchema {
  queue: { key: string; value: QueueEntry };
}

/** Why the database stopped being usable while open. */
export type QueueDbLoss = 'newer-version' | 'closed-by-browser';

export interface QueueDbEvents {
  /** Another tab holds the database at an older version and does not let it upgrade: opening waits. */
  onBlocked(): void;
  /** The database is closed for good for this page (another tab upgraded it, or the browser closed it). */
  onLost(reason: QueueDbLoss): void;
}

function timeout(ms: number, what: string): CallElementsError {
  return new CallElementsError('storage-unavailable', { params: { detail: `IndexedDB did not answer within ${ms} ms (${what})` } });
}

/** Settles with `operation`, or rejects with `storage-unavailable` after `ms`. */
function bounded<T>(operation: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(timeout(ms, what)), ms);
    operation.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(indexedDbError(error))),
    );
  });
}

/**
 * The queue's IndexedDB database (the QueueDb of workbox's split): opening and upgrading it, and each
 * read and write, bounded in time, with IndexedDB's failures turned into our codes. It knows nothing of
 * what the entries mean.
 */
export class QueueDb {
  private constructor(
    private readonly db: IDBPDatabase<QueueSchema>,
    private readonly timeoutMs: number,
  ) {}

  /**
   * Opens (creating or upgrading) the database. `onBlocked` is called while another tab keeps an older
   * version open; the promise then resolves once that tab lets go.
   */
  static async open(name: string, events: QueueDbEvents, timeoutMs = QUEUE_DB_TIMEOUT_MS): Promise<QueueDb> {
    let queueDb: QueueDb | undefined;
    const db = await openDB<QueueSchema>(name, QUEUE_DB_VERSION, {
      async upgrade(database, oldVersion, _newVersion, transaction) {
        const store = database.createObjectStore(QUEUE_STORE, { keyPath: 'key' });
        if (oldVersion >= 1 && database.objectStoreNames.contains(LEGACY_STORE as never)) {
          // An earlier version of the library queued these: they keep their place, as call entries.
          const legacy = transaction.objectStore(LEGACY_STORE as never) as unknown as { getAll(): Promise<Omit<CallEntry, 'key' | 'kind'>[]> };
          for (const old of await legacy.getAll()) await store.put(upgradeEntry(old));
          database.deleteObjectStore(LEGACY_STORE as never);
        }
      },
      blocked: () => events.onBlocked(),
      // A newer version of the page wants to upgrade: let it, this page's queue goes on in memory.
      blocking: () => {
        queueDb?.db.close();
        events.onLost('newer-version');
      },
      terminated: () => events.onLost('closed-by-browser'),
    });
    queueDb = new QueueDb(db, timeoutMs);
    return queueDb;
  }

  get(key: string): Promise<QueueEntry | undefined> {
    return bounded(this.db.get(QUEUE_STORE, key), this.timeoutMs, 'read');
  }

  getAll(): Promise<QueueEntry[]> {
    return bounded(this.db.getAll(QUEUE_STORE), this.timeoutMs, 'read');
  }

  /**
   * Writes an entry after `change` saw the one stored under its key, in one transaction. Strict
   * durability: it resolves once the browser has flushed it to disk.
   */
  update(key: string, change: (current: QueueEntry | undefined) => QueueEntry | undefined): Promise<QueueEntry | undefined> {
    const run = async () => {
      const tx = this.db.transaction(QUEUE_STORE, 'readwrite', { durability: 'strict' });
      const next = change(await tx.store.get(key));
      if (next) await tx.store.put(next);
      await tx.done;
      return next;
    };
    return bounded(run(), this.timeoutMs, 'write');
  }

  /**
   * Removes an entry unless a newer revision was captured meanwhile; that one is then made due now.
   * Relaxed durability: if a crash loses this delete, the item is sent again and the backend upserts it by id.
   */
  removeIfRevision(key: string, revision: number): Promise<'removed' | 'newer' | 'gone'> {
    const run = async (): Promise<'removed' | 'newer' | 'gone'> => {
      const tx = this.db.transaction(QUEUE_STORE, 'readwrite', { durability: 'relaxed' });
      const current = await tx.store.get(key);
      let outcome: 'removed' | 'newer' | 'gone' = 'gone';
      if (current && current.revision === revision) {
        await tx.store.delete(key);
        outcome = 'removed';
      } else if (current) {
        await tx.store.put({ ...current, attempts: 0, nextAttemptAt: 0 });
        outcome = 'newer';
      }
      await tx.done;
      return outcome;
    };
    return bounded(run(), this.timeoutMs, 'write');
  }

  delete(key: string): Promise<void> {
    return bounded(this.db.delete(QUEUE_STORE, key), this.timeoutMs, 'write');
  }

  close(): void {
    this.db.close();
  }
}
