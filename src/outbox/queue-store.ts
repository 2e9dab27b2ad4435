import { debug } from '../internal/debug.js';
import { CallElementsError } from '../internal/errors.js';
import { indexedDbError } from '../internal/indexeddb-error.js';
import { captureEntry, entryKey, itemId, type QueueEntry, type QueueItem } from './entry.js';
import { QueueDb, RECEIPT_TTL_MS, type QueueDbLoss } from './queue-db.js';

export interface QueueStoreOptions {
  dbName: string;
  /** False keeps the queue in memory only (as when IndexedDB cannot be opened). */
  useIndexedDb: boolean;
  /** This tab's queue id, written into what it captures. */
  tabId: string;
  now: () => number;
  /** How long opening may take before records go to memory meanwhile (ms). */
  openTimeoutMs?: number;
  /** Told when the entries stop (error) or start again (undefined) being kept on disk. */
  onDurability(error: CallElementsError | undefined): void;
}

/** How many confirmed versions a tab without IndexedDB remembers, to refuse late hand-overs of what was already stored. */
const MAX_STORED_REVISIONS = 2000;

/** A version of an entry the backend confirmed; `createdAt` (its generation) is unknown from an older version's report. */
interface StoredVersion {
  revision: number;
  createdAt?: number;
}

const storedAlready = (stored: StoredVersion | undefined, entry: QueueEntry) =>
  !!stored && (stored.createdAt === undefined || stored.createdAt === entry.createdAt) && stored.revision >= entry.revision;

const LOSS_DETAIL: Record<QueueDbLoss, string> = {
  'newer-version': 'a newer version of this page, open in another tab, took over the queue; reload this tab',
  'closed-by-browser': 'the browser closed the database',
};

/**
 * The queue's entries (the QueueStore of workbox's split): kept in IndexedDB, or in this tab's memory
 * while IndexedDB cannot be used, and moved to disk as soon as it can. Capturing an item merges it with
 * what the same key holds. A copy of the entries on disk is kept for the moment the page goes away,
 * when IndexedDB cannot be read any more.
 */
export class QueueStore {
  private db?: QueueDb;
  private readonly memory = new Map<string, QueueEntry>();
  /** The last known copy of the entries on disk, readable synchronously while the page goes away. */
  private readonly known = new Map<string, QueueEntry>();
  /**
   * The version of each entry lately confirmed stored, oldest first, for the hand-overs kept in memory
   * (see adopt(); on disk, the database's receipts do this in the same transaction).
   */
  private readonly storedVersions = new Map<string, StoredVersion>();
  /** Keys this tab captured that are still queued: this tab tells the person about them. */
  readonly ownKeys = new Set<string>();
  readonly ready: Promise<void>;
  private closed = false;

  constructor(private readonly options: QueueStoreOptions) {
    this.ready = this.open();
  }

  get durable(): boolean {
    return !!this.db && this.memory.size === 0;
  }

  /**
   * Writes an item durably (memory when IndexedDB cannot), merged with the same key's entry. `own`:
   * this tab tells the person what becomes of it.
   */
  async capture(item: QueueItem, own: boolean): Promise<{ entry: QueueEntry; durable: boolean }> {
    await this.ready;
    const key = entryKey(item.kind, itemId(item));
    const now = this.options.now();
    if (own) this.ownKeys.add(key);
    if (this.db && !this.memory.has(key)) {
      try {
        const entry = (await this.db.update(key, (current) => captureEntry(current, item, now, this.options.tabId)))!;
        this.known.set(key, entry);
        return { entry, durable: true };
      } catch (error) {
        this.unavailable(indexedDbError(error));
      }
    }
    const entry = captureEntry(this.memory.get(key) ?? this.known.get(key), item, now, this.options.tabId);
    this.memory.set(key, entry);
    return { entry, durable: false };
  }

  /**
   * Entries another tab hands over as it goes away (they were only in its memory). A hand-over can come
   * twice (`pagehide` fires again when the page is removed or leaves the back-forward cache), and late,
   * even while the same entry is being confirmed: a version already confirmed stored is not taken
   * again, or it would be sent twice. On disk, the check and the write are one transaction with the
   * receipts the confirmations write, whichever tab of the origin confirmed it.
   */
  async adopt(entries: readonly QueueEntry[]): Promise<void> {
    await this.ready;
    for (const entry of entries) {
      if (this.db && !this.memory.has(entry.key)) {
        try {
          if ((await this.db.adopt(entry)) === 'adopted') this.known.set(entry.key, entry);
          continue;
        } catch (error) {
          this.unavailable(indexedDbError(error));
        }
      }
      if (storedAlready(this.storedVersions.get(entry.key), entry)) continue;
      const current = this.memory.get(entry.key);
      if (current && (current.createdAt !== entry.createdAt || current.revision >= entry.revision)) continue;
      this.memory.set(entry.key, entry);
    }
  }

  /** Remembers that the backend confirmed this version of an entry (sent by this tab or, as it said, another). */
  noteStored(key: string, version: StoredVersion): void {
    this.storedVersions.delete(key);
    this.storedVersions.set(key, version);
    if (this.storedVersions.size > MAX_STORED_REVISIONS) this.storedVersions.delete(this.storedVersions.keys().next().value!);
  }

  async get(key: string): Promise<QueueEntry | undefined> {
    const inMemory = this.memory.get(key);
    if (inMemory || !this.db) return inMemory;
    try {
      return await this.db.get(key);
    } catch {
      return this.known.get(key);
    }
  }

  /** Every entry, oldest first. */
  async entries(): Promise<QueueEntry[]> {
    await this.ready;
    let stored: QueueEntry[] = [];
    if (this.db) {
      try {
        stored = await this.db.getAll();
        this.known.clear();
        for (const entry of stored) this.known.set(entry.key, entry);
      } catch (error) {
        this.unavailable(indexedDbError(error));
        stored = [...this.known.values()];
      }
    }
    const byKey = new Map(stored.map((entry) => [entry.key, entry]));
    for (const entry of this.memory.values()) byKey.set(entry.key, entry);
    return [...byKey.values()].sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Entries only this tab holds (in memory): nobody else can send them. */
  memoryEntries(): QueueEntry[] {
    return [...this.memory.values()];
  }

  /** What is known synchronously, for the page's last moment: memory first, then the copy of the disk. */
  knownEntries(): QueueEntry[] {
    return [...this.memory.values(), ...[...this.known.values()].filter((entry) => !this.memory.has(entry.key))];
  }

  /** Stores a changed entry (attempts, schedule, dead letter) where it lives. */
  async put(entry: QueueEntry): Promise<void> {
    if (this.db && !this.memory.has(entry.key)) {
      try {
        await this.db.update(entry.key, () => entry);
        this.known.set(entry.key, entry);
        return;
      } catch (error) {
        this.unavailable(indexedDbError(error));
      }
    }
    this.memory.set(entry.key, entry);
  }

  /** Removes what was sent, unless a newer revision was captured meanwhile (that one is made due now). */
  async removeSent(sent: QueueEntry): Promise<void> {
    this.noteStored(sent.key, { revision: sent.revision, createdAt: sent.createdAt });
    const inMemory = this.memory.get(sent.key);
    if (inMemory) {
      if (inMemory.revision === sent.revision) this.forget(sent.key);
      else this.memory.set(sent.key, { ...inMemory, attempts: 0, nextAttemptAt: 0 });
      return;
    }
    if (!this.db) return;
    if ((await this.db.removeSent(sent, this.options.now())) === 'removed') this.forget(sent.key);
  }

  /** Removes an entry whatever its revision (a recording given up on). */
  async remove(key: string): Promise<void> {
    if (this.memory.delete(key) || !this.db) return this.forget(key);
    await this.db.delete(key);
    this.forget(key);
  }

  close(): void {
    this.closed = true;
    this.db?.close();
  }

  private forget(key: string): void {
    this.memory.delete(key);
    this.known.delete(key);
    this.ownKeys.delete(key);
  }

  private async open(): Promise<void> {
    // Let the creator subscribe before the first report.
    await Promise.resolve();
    if (!this.options.useIndexedDb || typeof globalThis.indexedDB === 'undefined') {
      this.unavailable(new CallElementsError('storage-unavailable', { params: { detail: 'IndexedDB is not available' } }));
      return;
    }
    let blocked = false;
    const opening = QueueDb.open(this.options.dbName, {
      onBlocked: () => {
        blocked = true;
        this.unavailable(
          new CallElementsError('storage-unavailable', {
            params: { detail: 'another tab runs an older version of this page and keeps the queue closed; close or reload it' },
          }),
        );
      },
      onLost: (reason) => {
        this.db = undefined;
        this.unavailable(new CallElementsError('storage-unavailable', { params: { detail: LOSS_DETAIL[reason] } }));
      },
    });
    // While another tab blocks the upgrade, records go to memory; they move to disk once it opens.
    const openTimeoutMs = this.options.openTimeoutMs ?? 3000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const waited = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), openTimeoutMs)));
    const first = await Promise.race([opening.then(() => 'open' as const, () => 'failed' as const), waited]);
    clearTimeout(timer);
    if (first === 'late') {
      // A blocked upgrade said why already; otherwise IndexedDB is just slow (or stuck).
      if (!blocked) this.unavailable(new CallElementsError('storage-unavailable', { params: { detail: `IndexedDB did not open within ${openTimeoutMs} ms` } }));
      void opening.then((db) => this.attach(db), () => undefined);
      return;
    }
    try {
      await this.attach(await opening);
    } catch (error) {
      this.unavailable(indexedDbError(error));
    }
  }

  /** Starts using the database, moving there what was kept in memory meanwhile. */
  private async attach(db: QueueDb): Promise<void> {
    if (this.closed) {
      db.close();
      return;
    }
    this.db = db;
    // What went to memory meanwhile may have been handed over and stored by another tab: moved as a hand-over.
    for (const entry of [...this.memory.values()]) {
      try {
        await db.adopt(entry);
        this.memory.delete(entry.key);
      } catch (error) {
        this.unavailable(indexedDbError(error));
        return;
      }
    }
    debug('outbox', 'durable', { db: this.options.dbName });
    this.options.onDurability(undefined);
    db.pruneReceipts(this.options.now() - RECEIPT_TTL_MS).catch((error: unknown) => debug('outbox', 'prune-failed', { error: String(error) }));
  }

  private unavailable(error: CallElementsError): void {
    debug('outbox', 'not-durable', { code: error.code, message: error.message });
    this.options.onDurability(error);
  }
}
