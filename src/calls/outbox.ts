import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { debug } from '../internal/debug.js';
import { CallElementsError, isErrorCode, toCallElementsError } from '../internal/errors.js';
import type { CallRecord } from '../schema/call-record.js';
import { indexedDbError } from '../storage/indexeddb/indexeddb-storage.js';
import type { CallStorage } from '../storage/types.js';
import { resetOutbox, updateOutbox, type DeadLetter } from '../store/outbox.js';
import { DEFAULT_OUTBOX_DB } from './persist-settings.js';
import { checkCallRecord } from './validate.js';

/** How long stop() waits for a send in progress (ms). */
const STOP_WAIT_MS = 2000;

/** How long the $outbox summary may lag behind the queue (ms). */
const REFRESH_DELAY_MS = 50;

export interface OutboxEntry {
  id: string;
  record: CallRecord;
  /** Bumped by every enqueue of this id, so that a send of an older version does not remove a newer one. */
  revision: number;
  attempts: number;
  nextAttemptAt: number;
  createdAt: number;
  state: 'pending' | 'dead';
  lastError?: { code: string; message: string; status?: number };
  failedAt?: number;
}

interface OutboxDb extends DBSchema {
  entries: { key: string; value: OutboxEntry };
}

export interface OutboxOptions {
  storage: CallStorage;
  /** IndexedDB database of the queue. Default "call-elements-outbox". */
  dbName?: string;
  /** Web Lock that elects the one flusher of the origin. Default "call-elements-outbox". */
  lockName?: string;
  /** BroadcastChannel shared by the tabs of the origin. Default "call-elements-outbox". */
  channelName?: string;
  /** First retry delay (ms), doubled per attempt. Default 1000. */
  baseDelayMs?: number;
  /** Longest retry delay (ms). Default 300000 (5 min). */
  maxDelayMs?: number;
  /** Records sent at once by the flusher. Default 4. */
  concurrency?: number;
  /** Use Web Locks to elect one flusher per origin (default true when the browser has them). */
  useLocks?: boolean;
  now?: () => number;
  random?: () => number;
  /** Set to false to keep the queue in memory only (as when IndexedDB cannot be opened). Default true. */
  useIndexedDb?: boolean;
}

export type OutboxEvent =
  | { type: 'queued'; id: string; durable: boolean }
  | { type: 'stored'; id: string }
  | { type: 'retrying'; id: string; error: CallElementsError; attempts: number }
  | { type: 'dead'; id: string; error: CallElementsError }
  | { type: 'unavailable'; error: CallElementsError };

type ChannelMessage =
  | { type: 'wake' }
  | { type: 'changed' }
  | { type: 'stored'; id: string }
  | { type: 'retrying'; id: string; error: SharedError; attempts: number }
  | { type: 'dead'; id: string; error: SharedError };

/** What another tab needs to rebuild the same error (and so the same message). */
type SharedError = { code: string; params: Record<string, string | number> };

function toShared(error: CallElementsError): SharedError {
  return { code: error.code, params: error.params };
}

function fromShared(shared: SharedError): CallElementsError {
  return new CallElementsError(isErrorCode(shared.code) ? shared.code : 'unknown', { params: shared.params });
}

/**
 * The durable queue between a finished call and the storage backend.
 *
 * A record is written to IndexedDB (strict durability) before any network request; the same id
 * enqueued twice is one entry (the newer fields win). One tab per origin flushes (a Web Lock
 * elects it; when it goes away the next waiting tab takes over), with exponential backoff and
 * jitter, honouring Retry-After. Permanent refusals become dead letters, kept until retried. When
 * IndexedDB cannot be used the queue says so and keeps the records in memory, still sending them.
 */
export class Outbox {
  readonly storage: CallStorage;
  private readonly options: Required<Omit<OutboxOptions, 'storage'>>;
  private db?: IDBPDatabase<OutboxDb>;
  private readonly memory = new Map<string, OutboxEntry>();
  /** Last known copy of the durable queue, readable synchronously while the page is going away. */
  private readonly known = new Map<string, OutboxEntry>();
  private readonly inFlight = new Set<string>();
  private readonly listeners = new Set<(event: OutboxEvent) => void>();
  private channel?: BroadcastChannel;
  private timer?: ReturnType<typeof setTimeout>;
  private flushing?: Promise<void>;
  private flushAgain = false;
  private isFlusher = false;
  private releaseLock?: () => void;
  private stopped = false;
  private refreshQueued = false;
  private readonly ready: Promise<void>;
  private readonly cleanups: (() => void)[] = [];

  constructor(options: OutboxOptions) {
    this.storage = options.storage;
    this.options = {
      dbName: options.dbName ?? DEFAULT_OUTBOX_DB,
      lockName: options.lockName ?? 'call-elements-outbox',
      channelName: options.channelName ?? 'call-elements-outbox',
      baseDelayMs: options.baseDelayMs ?? 1000,
      maxDelayMs: options.maxDelayMs ?? 300_000,
      concurrency: Math.max(1, options.concurrency ?? 4),
      useLocks: options.useLocks ?? true,
      now: options.now ?? Date.now,
      random: options.random ?? Math.random,
      useIndexedDb: (options.useIndexedDb ?? true) && typeof globalThis.indexedDB !== 'undefined',
    };
    resetOutbox();
    this.ready = this.open();
    this.listen();
    void this.ready.then(() => this.electFlusher());
  }

  /** Receives what happens to records (in this tab, and stored/failed in other tabs too). */
  subscribe(listener: (event: OutboxEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get durable(): boolean {
    return !!this.db;
  }

  /**
   * Validates and queues a record; resolves once it is written durably (or kept in memory when
   * IndexedDB cannot be used, which is then reported). Rejects only for an invalid record.
   */
  async enqueue(input: CallRecord): Promise<void> {
    const record = await checkCallRecord(input);
    await this.ready;
    const now = this.options.now();
    let durable = !!this.db;
    if (this.db) {
      try {
        const tx = this.db.transaction('entries', 'readwrite', { durability: 'strict' });
        const existing = await tx.store.get(record.id);
        const entry = this.merge(existing ?? this.memory.get(record.id), record, now);
        await Promise.all([tx.store.put(entry), tx.done]);
        this.memory.delete(record.id);
        this.known.set(entry.id, entry);
      } catch (error) {
        durable = false;
        this.reportUnavailable(indexedDbError(error));
      }
    }
    if (!durable) this.memory.set(record.id, this.merge(this.memory.get(record.id), record, now));
    debug('outbox', 'queued', { id: record.id, durable });
    this.emit({ type: 'queued', id: record.id, durable });
    this.changed();
    this.wakeFlusher();
  }

  /** Sends what is due now (only in the flusher tab). Resolves when this round is over. */
  flush(): Promise<void> {
    if (!this.isFlusher || this.stopped) return Promise.resolve();
    if (this.flushing) {
      this.flushAgain = true;
      return this.flushing;
    }
    // A send that outlives stop() finds the database closed: that must not become an unhandled rejection.
    this.flushing = this.runFlush()
      .catch((error: unknown) => debug('outbox', 'flush-failed', { error: String(error) }))
      .finally(() => {
        this.flushing = undefined;
        if (this.flushAgain && !this.stopped) {
          this.flushAgain = false;
          void this.flush();
        } else {
          this.schedule();
        }
      });
    return this.flushing;
  }

  /** Puts a dead letter (or every one) back in the queue for an immediate attempt. */
  async retry(id?: string): Promise<void> {
    await this.ready;
    await this.update((entry) => {
      if (entry.state !== 'dead' || (id !== undefined && entry.id !== id)) return undefined;
      return { ...entry, state: 'pending', attempts: 0, nextAttemptAt: 0, lastError: undefined, failedAt: undefined };
    });
    this.changed();
    this.wakeFlusher();
  }

  /** Makes every pending record due now (coming back online, the page becoming visible). */
  async retryNow(): Promise<void> {
    await this.ready;
    await this.update((entry) => (entry.state === 'pending' && entry.nextAttemptAt > 0 ? { ...entry, nextAttemptAt: 0 } : undefined));
    this.wakeFlusher();
  }

  /** Every entry (pending and dead), oldest first. */
  async entries(): Promise<OutboxEntry[]> {
    await this.ready;
    const stored = this.db ? await this.db.getAll('entries').catch(() => [] as OutboxEntry[]) : [];
    const byId = new Map(stored.map((entry) => [entry.id, entry]));
    for (const entry of this.memory.values()) byId.set(entry.id, entry);
    return [...byId.values()].sort((a, b) => a.createdAt - b.createdAt);
  }

  /**
   * Hands what is pending to the storage's keepalive path as the page goes away. Nothing is marked
   * stored: the next load sends the records again (the backend upserts by id).
   */
  sendOnUnload(records: CallRecord[]): string[] {
    if (!this.storage.saveCallsOnUnload || records.length === 0) return [];
    try {
      return this.storage.saveCallsOnUnload(records);
    } catch (error) {
      debug('outbox', 'unload-send-failed', { error: String(error) });
      return [];
    }
  }

  /** Stops flushing, releases the flusher lock and closes the database (the queue stays on disk). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.cleanups.splice(0).forEach((cleanup) => cleanup());
    this.releaseLock?.();
    this.isFlusher = false;
    // Lets a send in progress record its outcome, but not forever: a storage may never answer. An
    // unrecorded send is sent again later, and the backend upserts it by id.
    if (this.flushing) await Promise.race([this.flushing, new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS))]);
    this.channel?.close();
    this.db?.close();
  }

  private async open(): Promise<void> {
    // Let the creator subscribe before the first report.
    await Promise.resolve();
    if (!this.options.useIndexedDb) {
      this.reportUnavailable(new CallElementsError('storage-unavailable', { params: { detail: 'IndexedDB is not available' } }));
      return;
    }
    try {
      this.db = await openDB<OutboxDb>(this.options.dbName, 1, {
        upgrade(database) {
          database.createObjectStore('entries', { keyPath: 'id' });
        },
      });
      this.changed();
    } catch (error) {
      this.reportUnavailable(indexedDbError(error));
    }
  }

  private reportUnavailable(error: CallElementsError): void {
    debug('outbox', 'not-durable', { code: error.code, message: error.message });
    updateOutbox({ durable: false });
    this.emit({ type: 'unavailable', error });
  }

  private merge(existing: OutboxEntry | undefined, record: CallRecord, now: number): OutboxEntry {
    if (!existing) {
      return { id: record.id, record, revision: 1, attempts: 0, nextAttemptAt: 0, createdAt: now, state: 'pending' };
    }
    const merged = { ...existing.record } as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) if (value !== undefined) merged[key] = value;
    return {
      ...existing,
      record: merged as CallRecord,
      revision: existing.revision + 1,
      // A new version of a dead letter deserves a new chance; a pending one keeps its schedule.
      state: 'pending',
      attempts: existing.state === 'dead' ? 0 : existing.attempts,
      nextAttemptAt: existing.state === 'dead' ? 0 : existing.nextAttemptAt,
      lastError: existing.state === 'dead' ? undefined : existing.lastError,
    };
  }

  private listen(): void {
    const on = (target: EventTarget, type: string, handler: () => void) => {
      target.addEventListener(type, handler);
      this.cleanups.push(() => target.removeEventListener(type, handler));
    };
    on(window, 'online', () => void this.retryNow());
    on(document, 'visibilitychange', () => {
      if (document.visibilityState === 'visible') void this.retryNow();
    });
    on(window, 'pagehide', () => this.unloadSend());
    if (typeof BroadcastChannel === 'function') {
      this.channel = new BroadcastChannel(this.options.channelName);
      this.channel.onmessage = (event: MessageEvent<ChannelMessage>) => this.onChannelMessage(event.data);
    }
  }

  private onChannelMessage(message: ChannelMessage): void {
    switch (message.type) {
      case 'wake':
        void this.flush();
        break;
      case 'changed':
        this.changed(false);
        break;
      case 'stored':
        this.emit({ type: 'stored', id: message.id });
        break;
      case 'retrying':
        this.emit({ type: 'retrying', id: message.id, attempts: message.attempts, error: fromShared(message.error) });
        break;
      case 'dead':
        this.emit({ type: 'dead', id: message.id, error: fromShared(message.error) });
        break;
    }
  }

  private unloadSend(): void {
    // IndexedDB reads may not finish while the page goes away: send from what is known synchronously,
    // the in-memory entries first (they are the ones that would otherwise be lost).
    const entries = [...this.memory.values(), ...[...this.known.values()].filter((entry) => !this.memory.has(entry.id))];
    this.sendOnUnload(entries.filter((entry) => entry.state === 'pending').map((entry) => entry.record));
  }

  private electFlusher(): void {
    if (this.stopped) return;
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    if (!this.options.useLocks || !locks) {
      this.becomeFlusher();
      return;
    }
    locks
      .request(this.options.lockName, () => {
        if (this.stopped) return undefined;
        this.becomeFlusher();
        return new Promise<void>((resolve) => (this.releaseLock = resolve));
      })
      .catch((error: unknown) => {
        debug('outbox', 'lock-failed', { error: String(error) });
        this.becomeFlusher();
      });
  }

  private becomeFlusher(): void {
    this.isFlusher = true;
    updateOutbox({ flusher: true });
    debug('outbox', 'flusher', { lock: this.options.lockName });
    void this.flush();
  }

  private wakeFlusher(): void {
    if (this.isFlusher) void this.flush();
    else this.channel?.postMessage({ type: 'wake' } satisfies ChannelMessage);
  }

  private async runFlush(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const now = this.options.now();
      const due = (await this.entries()).filter(
        (entry) => entry.state === 'pending' && entry.nextAttemptAt <= now && !this.inFlight.has(entry.id),
      );
      if (due.length === 0) return;
      // A pool of `concurrency` senders: a slow request does not hold back the others.
      let transientFailure = false;
      let next = 0;
      const sender = async () => {
        while (next < due.length && !transientFailure && !this.stopped) {
          const result = await this.send(due[next++]!);
          if (result === 'transient') transientFailure = true;
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.options.concurrency, due.length) }, sender));
      // While the backend is failing, stop and wait for the backoff instead of trying every record.
      if (transientFailure) return;
    }
  }

  private async send(entry: OutboxEntry): Promise<'stored' | 'transient' | 'permanent' | 'gone'> {
    this.inFlight.add(entry.id);
    updateOutbox({ inFlight: this.inFlight.size });
    try {
      await this.storage.saveCall(entry.record);
      await this.removeIfUnchanged(entry);
      debug('outbox', 'stored', { id: entry.id, attempts: entry.attempts + 1 });
      this.emit({ type: 'stored', id: entry.id });
      this.channel?.postMessage({ type: 'stored', id: entry.id } satisfies ChannelMessage);
      return 'stored';
    } catch (caught) {
      const error = toCallElementsError(caught, 'storage-failed');
      const attempts = entry.attempts + 1;
      const current = await this.get(entry.id);
      if (!current) return 'gone';
      if (error.permanent) {
        await this.put({ ...current, state: 'dead', attempts, failedAt: this.options.now(), lastError: this.errorInfo(error) });
        debug('outbox', 'dead', { id: entry.id, code: error.code, message: error.message });
        this.emit({ type: 'dead', id: entry.id, error });
        this.channel?.postMessage({ type: 'dead', id: entry.id, error: toShared(error) } satisfies ChannelMessage);
        return 'permanent';
      }
      const delay = this.backoff(attempts, error.retryAfterMs);
      await this.put({ ...current, attempts, nextAttemptAt: this.options.now() + delay, lastError: this.errorInfo(error) });
      updateOutbox({ lastError: { code: error.code, message: error.message, params: error.params, at: this.options.now() } });
      debug('outbox', 'retrying', { id: entry.id, attempts, delay, code: error.code, status: error.status });
      this.emit({ type: 'retrying', id: entry.id, error, attempts });
      this.channel?.postMessage({ type: 'retrying', id: entry.id, error: toShared(error), attempts } satisfies ChannelMessage);
      return 'transient';
    } finally {
      this.inFlight.delete(entry.id);
      this.changed();
    }
  }

  /** Exponential backoff with "equal jitter"; Retry-After wins when it asks for longer. */
  private backoff(attempts: number, retryAfterMs?: number): number {
    const { baseDelayMs, maxDelayMs, random } = this.options;
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(attempts - 1, 30));
    const jittered = ceiling / 2 + (random() * ceiling) / 2;
    return Math.round(Math.max(jittered, Math.min(retryAfterMs ?? 0, maxDelayMs * 12)));
  }

  private errorInfo(error: CallElementsError): OutboxEntry['lastError'] {
    return { code: error.code, message: error.message, ...(error.status !== undefined && { status: error.status }) };
  }

  private async get(id: string): Promise<OutboxEntry | undefined> {
    if (this.memory.has(id)) return this.memory.get(id);
    if (!this.db) return undefined;
    try {
      return await this.db.get('entries', id);
    } catch {
      return undefined;
    }
  }

  private async put(entry: OutboxEntry): Promise<void> {
    if (this.db && !this.memory.has(entry.id)) {
      try {
        const tx = this.db.transaction('entries', 'readwrite', { durability: 'strict' });
        await Promise.all([tx.store.put(entry), tx.done]);
        this.known.set(entry.id, entry);
        return;
      } catch (error) {
        this.reportUnavailable(indexedDbError(error));
      }
    }
    this.memory.set(entry.id, entry);
  }

  /** Removes a sent entry unless a newer version was enqueued while it was in flight. */
  private async removeIfUnchanged(sent: OutboxEntry): Promise<void> {
    const memoryEntry = this.memory.get(sent.id);
    if (memoryEntry) {
      if (memoryEntry.revision === sent.revision) this.memory.delete(sent.id);
      else this.memory.set(sent.id, { ...memoryEntry, attempts: 0, nextAttemptAt: 0 });
      return;
    }
    if (!this.db) return;
    // Relaxed: if a crash loses this delete, the record is sent again and the backend upserts it by id.
    const tx = this.db.transaction('entries', 'readwrite', { durability: 'relaxed' });
    const current = await tx.store.get(sent.id);
    if (current && current.revision === sent.revision) {
      await tx.store.delete(sent.id);
      this.known.delete(sent.id);
    } else if (current) {
      await tx.store.put({ ...current, attempts: 0, nextAttemptAt: 0 });
    }
    await tx.done;
  }

  private async update(change: (entry: OutboxEntry) => OutboxEntry | undefined): Promise<void> {
    for (const entry of await this.entries()) {
      const next = change(entry);
      if (next) await this.put(next);
    }
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.isFlusher || this.stopped) return;
    void this.entries().then((entries) => {
      if (!this.isFlusher || this.stopped) return;
      const next = Math.min(...entries.filter((e) => e.state === 'pending').map((e) => e.nextAttemptAt));
      if (!Number.isFinite(next)) return;
      const delay = Math.max(0, next - this.options.now());
      updateOutbox({ nextAttemptAt: next });
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.flush(), delay);
    });
  }

  /**
   * Recomputes $outbox from the queue, and tells the other tabs when `broadcast`. Coalesced over
   * {@link REFRESH_DELAY_MS}: reading the whole queue after each of a thousand sends would make
   * flushing a long queue quadratic.
   */
  private changed(broadcast = true): void {
    if (broadcast) this.channel?.postMessage({ type: 'changed' } satisfies ChannelMessage);
    if (this.refreshQueued) return;
    this.refreshQueued = true;
    setTimeout(() => {
      this.refreshQueued = false;
      void this.entries().then((entries) => {
        this.known.clear();
        for (const entry of entries) if (!this.memory.has(entry.id)) this.known.set(entry.id, entry);
        const deadLetters: DeadLetter[] = entries
          .filter((entry) => entry.state === 'dead')
          .map((entry) => ({
            id: entry.id,
            code: entry.lastError?.code ?? 'unknown',
            message: entry.lastError?.message ?? '',
            attempts: entry.attempts,
            failedAt: entry.failedAt ?? entry.createdAt,
          }));
        const pending = entries.filter((entry) => entry.state === 'pending').length;
        updateOutbox({
          pending,
          deadLetters,
          inFlight: this.inFlight.size,
          durable: !!this.db && this.memory.size === 0,
          ...(pending === 0 && { lastError: undefined, nextAttemptAt: undefined }),
        });
      });
    }, REFRESH_DELAY_MS);
  }

  private emit(event: OutboxEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        console.error('[call-elements] an outbox listener failed', error);
      }
    }
  }
}
