import { debug } from '../internal/debug.js';
import { CallElementsError } from '../internal/errors.js';
import { indexedDbError } from '../internal/indexeddb-error.js';
import { captureEntry, entryKey, itemId, type QueueEntry, type QueueItem } from './entry.js';
import { QueueDb, type QueueDbLoss } from './queue-db.js';

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

/** How many confirmed revisions a tab remembers, to refuse late hand-overs of what was already stored. */
const MAX_STORED_REVISIONS = 2000;

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
  /** The revision of each entry lately confirmed stored, oldest first (see adopt()). */
  private readonly storedRevisions = new Map<string, number>();
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
   * twice (`pagehide` fires again when the page is removed or leaves the back-forward cache), and late:
   * an entry whose revision was already confirmed stored is not taken again, or it would be sent twice.
   */
  async adopt(entries: readonly QueueEntry[]): Promise<void> {
    await this.ready;
    for (const entry of entries) {
      const stored = this.storedRevisions.get(entry.key);
      if (stored !== undefined && entry.revision <= stored) continue;
      if (await this.get(entry.key)) continue;
      await this.put(entry);
    }
  }

  /** Remembers that the backend confirmed `revision` of an entry (sent by this tab or, as it said, another). */
  noteStored(key: string, revision: number): void {
    this.storedRevisions.delete(key);
    this.storedRevisions.set(key, Math.max(revision, 0));
    if (this.storedRevisions.size > MAX_STORED_REVISIONS) this.storedRevisions.delete(this.storedRevisions.keys().next().value!);
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
    this.noteStored(sent.key, sent.revision);
    const inMemory = this.memory.get(sent.key);
    if (inMemory) {
      if (inMemory.revision === sent.revision) this.forget(sent.key);
      else this.memory.set(sent.key, { ...inMemory, attempts: 0, nextAttemptAt: 0 });
      return;
    }
    if (!this.db) return;
    if ((await this.db.removeIfRevision(sent.key, sent.revision)) === 'removed') this.forget(sent.key);
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
    for (const entry of [...this.memory.values()]) {
      try {
        await db.update(entry.key, (current) => (current && current.revision > entry.revision ? current : entry));
        this.memory.delete(entry.key);
      } catch (error) {
        this.unavailable(indexedDbError(error));
        return;
      }
    }
    debug('outbox', 'durable', { db: this.options.dbName });
    this.options.onDurability(undefined);
  }

  private unavailable(error: CallElementsError): void {
    debug('outbox', 'not-durable', { code: error.code, message: error.message });
    this.options.onDurability(error);
  }
}
