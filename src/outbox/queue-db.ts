import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { CallElementsError } from '../internal/errors.js';
import { indexedDbError } from '../internal/indexeddb-error.js';
import { upgradeEntry, type CallEntry, type QueueEntry } from './entry.js';
import { QUEUE_STORE } from './settings.js';

/**
 * Version 1 kept one store of call records ("entries", keyed by record id); version 2 keys entries of
 * every kind; version 3 adds the receipts of what was sent (`sent`).
 */
export const QUEUE_DB_VERSION = 3;
const LEGACY_STORE = 'entries';
const SENT_STORE = 'sent';

/** How long a receipt is kept: a hand-over comes late by seconds, a tab back from the cache by hours at most (ms). */
export const RECEIPT_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * What the backend confirmed of a key: the generation of its entry (`createdAt`, which every capture of
 * that entry keeps) and the revision sent. A hand-over of that generation at that revision or older
 * was stored already.
 */
export interface SentReceipt {
  key: string;
  createdAt: number;
  revision: number;
  sentAt: number;
}

/** What a hand-over became: written, already queued at that revision or newer, or already stored. */
export type AdoptOutcome = 'adopted' | 'queued' | 'stored';

/** Whether `receipt` says this version of the entry was stored already. */
export const coveredBy = (receipt: Pick<SentReceipt, 'createdAt' | 'revision'> | undefined, entry: QueueEntry): boolean =>
  !!receipt && receipt.createdAt === entry.createdAt && receipt.revision >= entry.revision;

/** How long one IndexedDB operation may take before the queue stops waiting for it (ms). */
export const QUEUE_DB_TIMEOUT_MS = 10_000;

interface QueueSchema extends DBSchema {
  queue: { key: string; value: QueueEntry };
  sent: { key: string; value: SentReceipt };
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
        if (!database.objectStoreNames.contains(SENT_STORE)) database.createObjectStore(SENT_STORE, { keyPath: 'key' });
        if (oldVersion >= 2) return;
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
   * The backend confirmed `sent`: its receipt is written and the entry removed, in one transaction,
   * unless a newer revision was captured meanwhile (that one is then made due now). Relaxed durability:
   * if a crash loses this, the item is sent again and the backend upserts it by id.
   */
  removeSent(sent: QueueEntry, now: number): Promise<'removed' | 'newer' | 'gone'> {
    const run = async (): Promise<'removed' | 'newer' | 'gone'> => {
      const tx = this.db.transaction([QUEUE_STORE, SENT_STORE], 'readwrite', { durability: 'relaxed' });
      const queue = tx.objectStore(QUEUE_STORE);
      const receipts = tx.objectStore(SENT_STORE);
      const [current, receipt] = await Promise.all([queue.get(sent.key), receipts.get(sent.key)]);
      if (!coveredBy(receipt, sent)) await receipts.put({ key: sent.key, createdAt: sent.createdAt, revision: sent.revision, sentAt: now });
      let outcome: 'removed' | 'newer' | 'gone' = 'gone';
      if (current && current.revision === sent.revision) {
        await queue.delete(sent.key);
        outcome = 'removed';
      } else if (current) {
        await queue.put({ ...current, attempts: 0, nextAttemptAt: 0 });
        outcome = 'newer';
      }
      await tx.done;
      return outcome;
    };
    return bounded(run(), this.timeoutMs, 'write');
  }

  /**
   * Writes an entry another tab handed over, in one transaction with what it checks: not when the key
   * holds this generation at that revision or newer, nor when its receipt says it was stored (a late or
   * second hand-over). A newer revision of the generation queued replaces it; another generation queued
   * is kept. Strict durability, as a capture.
   */
  adopt(entry: QueueEntry): Promise<AdoptOutcome> {
    const run = async (): Promise<AdoptOutcome> => {
      const tx = this.db.transaction([QUEUE_STORE, SENT_STORE], 'readwrite', { durability: 'strict' });
      const queue = tx.objectStore(QUEUE_STORE);
      const [current, receipt] = await Promise.all([queue.get(entry.key), tx.objectStore(SENT_STORE).get(entry.key)]);
      let outcome: AdoptOutcome;
      if (coveredBy(receipt, entry)) outcome = 'stored';
      else if (current && (current.createdAt !== entry.createdAt || current.revision >= entry.revision)) outcome = 'queued';
      else {
        await queue.put(entry);
        outcome = 'adopted';
      }
      await tx.done;
      return outcome;
    };
    return bounded(run(), this.timeoutMs, 'write');
  }

  /** Deletes the receipts written before `before` (a time in ms). Relaxed durability: a crash only delays it. */
  pruneReceipts(before: number): Promise<number> {
    const run = async () => {
      const tx = this.db.transaction(SENT_STORE, 'readwrite', { durability: 'relaxed' });
      let pruned = 0;
      for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue()) {
        if (cursor.value.sentAt < before) {
          await cursor.delete();
          pruned += 1;
        }
      }
      await tx.done;
      return pruned;
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
