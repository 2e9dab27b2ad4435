import { debug } from '../internal/debug.js';
import { CallElementsError, isErrorCode, toCallElementsError } from '../internal/errors.js';
import { isHttpUrl } from '../internal/url.js';
import type { CallAction } from '../schema/call-action.js';
import type { CallRecord } from '../schema/call-record.js';
import { checkCallAction, checkCallRecord } from '../schema/check.js';
import type { CallStorage } from '../storage/types.js';
import { resetOutbox, updateOutbox, type DeadLetter } from '../store/outbox.js';
import { deliverBatch, planSends } from './batch.js';
import { FlusherElection, QueueChannel, type QueueMessage } from './coordination.js';
import type { CallEntry, QueueEntry, QueueError, QueueItem, QueueKind } from './entry.js';
import { QueueStore } from './queue-store.js';
import { nextWake, SendPolicy } from './send-policy.js';
import { DEFAULT_OUTBOX_NAME, type OutboxSettings } from './settings.js';

export type { QueueEntry as OutboxEntry, QueueKind } from './entry.js';

/** How long stop() waits for a send in progress (ms). */
const STOP_WAIT_MS = 2000;
/** How long the $outbox summary may lag behind the queue (ms). */
const REFRESH_DELAY_MS = 50;
/** At most this many memory entries are handed to another tab as this one goes away. */
const MAX_ADOPTED = 500;

/** Finds the recording of a stored call: its URL, or undefined while there is none yet. */
export type RecordingFinder = (record: CallRecord) => Promise<string | undefined> | string | undefined;

export interface OutboxOptions extends OutboxSettings {
  storage: CallStorage;
  /** Looks for an answered call's recording once it is stored; the record is then upserted with it. */
  findRecording?: RecordingFinder;
  /** Delays (ms) before each look for a recording. Default none: no look. */
  recordingDelaysMs?: readonly number[];
  now?: () => number;
  random?: () => number;
}

export type OutboxEvent =
  | { type: 'queued'; kind: QueueKind; id: string; durable: boolean; own: boolean }
  | { type: 'stored'; kind: QueueKind; id: string; own: boolean }
  | { type: 'retrying'; kind: QueueKind; id: string; error: CallElementsError; attempts: number; own: boolean }
  | { type: 'dead'; kind: QueueKind; id: string; error: CallElementsError; own: boolean }
  | { type: 'unavailable'; error: CallElementsError };

/**
 * What became of one send: a transient failure is its error (the queue pauses on it); `unbatched`: a
 * batch the storage refused as a whole, whose entries go one by one next.
 */
type Outcome = 'stored' | 'permanent' | 'gone' | 'unbatched' | CallElementsError;

function toQueueError(error: CallElementsError): QueueError {
  return { code: error.code, message: error.message, params: error.params, ...(error.status !== undefined && { status: error.status }) };
}

function fromQueueError(shared: QueueError): CallElementsError {
  return new CallElementsError(isErrorCode(shared.code) ? shared.code : 'unknown', { params: shared.params ?? { detail: shared.message } });
}

function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('');
}

const kindOfKey = (key: string) => key.slice(0, key.indexOf(':')) as QueueKind;

/**
 * The durable queue between the page and the storage backend (the Queue of workbox's split), for call
 * records, timeline actions and recording look-ups.
 *
 * An item is written to IndexedDB (strict durability) before anything else happens to it, by code that
 * needs nothing from the network; it is normalised and validated only before it is sent (an item that
 * fails becomes a dead letter with the reason, never dropped). One tab of the origin sends what is on
 * disk (a Web Lock elects it; when it goes away the next waiting tab takes over); every tab sends what
 * only its memory holds (IndexedDB unusable), and hands it to another tab as it goes away.
 */
export class Outbox {
  readonly storage: CallStorage;
  /** This tab's queue, as written into what it captures. */
  readonly tabId = `tab-${randomId()}`;
  private readonly options: Required<Omit<OutboxOptions, 'storage' | 'findRecording'>> & Pick<OutboxOptions, 'findRecording'>;
  private readonly store: QueueStore;
  private readonly policy: SendPolicy;
  private readonly channel: QueueChannel;
  private readonly election: FlusherElection;
  private readonly inFlight = new Set<string>();
  private readonly listeners = new Set<(event: OutboxEvent) => void>();
  private readonly cleanups: (() => void)[] = [];
  private timer?: ReturnType<typeof setTimeout>;
  private flushing?: Promise<void>;
  private flushAgain = false;
  private isFlusher = false;
  private stopped = false;
  private refreshQueued = false;
  /** Items whose last failure is older than this are due whatever their backoff (a send succeeded since). */
  private recoveredAt = 0;
  /** The storage's saveCalls said it cannot take batches (`not-supported`): one send per record from now on. */
  private batchUnsupported = false;
  /** Entries of a batch the storage refused as a whole: each is sent alone, for a verdict of its own. */
  private readonly alone = new Set<string>();

  constructor(options: OutboxOptions) {
    this.storage = options.storage;
    this.options = {
      dbName: options.dbName ?? DEFAULT_OUTBOX_NAME,
      lockName: options.lockName ?? DEFAULT_OUTBOX_NAME,
      channelName: options.channelName ?? DEFAULT_OUTBOX_NAME,
      baseDelayMs: options.baseDelayMs ?? 1000,
      maxDelayMs: options.maxDelayMs ?? 300_000,
      concurrency: options.concurrency ?? 4,
      useLocks: options.useLocks ?? true,
      sendTimeoutMs: options.sendTimeoutMs ?? 30_000,
      recordingDelaysMs: options.recordingDelaysMs ?? [],
      findRecording: options.findRecording,
      now: options.now ?? Date.now,
      random: options.random ?? Math.random,
      useIndexedDb: options.useIndexedDb ?? true,
    };
    resetOutbox();
    this.policy = new SendPolicy(this.options);
    this.store = new QueueStore({
      dbName: this.options.dbName,
      useIndexedDb: this.options.useIndexedDb,
      tabId: this.tabId,
      now: this.options.now,
      onDurability: (error) => this.onDurability(error),
    });
    this.channel = new QueueChannel(this.options.channelName, (message) => void this.onChannelMessage(message));
    this.listen();
    this.election = new FlusherElection(this.options.lockName, this.options.useLocks, () => void this.store.ready.then(() => this.becomeFlusher()));
    void this.store.ready.then(() => {
      this.changed(false);
      void this.flush();
    });
  }

  /** Receives what happens to items (in this tab, and stored or failed in other tabs too). */
  subscribe(listener: (event: OutboxEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get durable(): boolean {
    return this.store.durable;
  }

  /**
   * Captures an item: resolves once it is written durably (or kept in memory when IndexedDB cannot be
   * used, which is then reported). Nothing is downloaded, validated or sent before that. A `silent`
   * capture (a recording found later, a late detail) is not announced, and does not make the item
   * this tab's to announce.
   */
  async capture(item: QueueItem, options: { silent?: boolean } = {}): Promise<QueueEntry> {
    const { entry, durable } = await this.store.capture(item, !options.silent);
    const own = this.store.ownKeys.has(entry.key);
    debug('outbox', 'queued', { key: entry.key, durable, state: entry.state });
    if (entry.state === 'dead') {
      this.emit({ type: 'dead', kind: entry.kind, id: entry.id, error: fromQueueError(entry.lastError!), own });
    } else if (item.kind !== 'recording' && !options.silent) {
      this.emit({ type: 'queued', kind: entry.kind, id: entry.id, durable, own });
    }
    this.changed();
    this.wake();
    return entry;
  }

  /** Captures a finished call's record. */
  async enqueue(record: CallRecord): Promise<void> {
    await this.capture({ kind: 'call', record });
  }

  /** Captures a timeline action. */
  async enqueueAction(action: CallAction): Promise<void> {
    await this.capture({ kind: 'action', action });
  }

  /** Sends what is due now. Resolves when this round is over. */
  flush(): Promise<void> {
    // A tab that does not send has only its memory to send (reading the whole queue for nothing, on every
    // capture, would make queueing quadratic).
    if (this.stopped || (!this.isFlusher && this.store.memoryEntries().length === 0)) return Promise.resolve();
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

  /** Puts a dead letter (by item id, or every one) back in the queue for an immediate attempt. */
  async retry(id?: string): Promise<void> {
    for (const entry of await this.store.entries()) {
      if (entry.state !== 'dead' || (id !== undefined && entry.id !== id)) continue;
      await this.store.put({ ...entry, state: 'pending', attempts: 0, nextAttemptAt: 0, lastError: undefined, failedAt: undefined });
    }
    this.changed();
    this.wake();
  }

  /** Makes every pending item due now (coming back online, the page becoming visible, a backend back). */
  async retryNow(): Promise<void> {
    await this.store.ready;
    this.recoveredAt = this.options.now() + 1;
    this.policy.resume();
    this.wake();
  }

  /** Every entry (pending and dead), oldest first. */
  entries(): Promise<QueueEntry[]> {
    return this.store.entries();
  }

  /** Stops sending, releases the sender lock and closes the database (the queue stays on disk). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.cleanups.splice(0).forEach((cleanup) => cleanup());
    this.election.stop();
    this.isFlusher = false;
    // Lets a send in progress record its outcome, but not forever: a storage may never answer. An
    // unrecorded send is sent again later, and the backend upserts it by id.
    if (this.flushing) await Promise.race([this.flushing, new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS))]);
    this.channel.close();
    this.store.close();
  }

  private listen(): void {
    const on = (target: EventTarget | undefined, type: string, handler: () => void) => {
      if (!target) return;
      target.addEventListener(type, handler);
      this.cleanups.push(() => target.removeEventListener(type, handler));
    };
    const page = typeof window === 'undefined' ? undefined : window;
    on(page, 'online', () => void this.retryNow());
    on(page?.document, 'visibilitychange', () => {
      if (document.visibilityState === 'visible') void this.retryNow();
    });
    on(page, 'pagehide', () => this.onPageHide());
  }

  private async onChannelMessage(message: QueueMessage): Promise<void> {
    if (this.stopped) return;
    switch (message.type) {
      case 'wake':
        void this.flush();
        return;
      case 'changed':
        this.changed(false);
        return;
      case 'adopt':
        await this.store.adopt(message.entries);
        this.changed();
        this.wake();
        return;
    }
    // Reports from other tabs are believed only when the queue says the same: a forged "stored" must
    // not tell the person that a queued call is safe.
    const current = await this.store.get(message.key);
    const own = this.store.ownKeys.has(message.key);
    const kind = kindOfKey(message.key);
    if (message.type === 'stored') {
      if (current) return;
      if (message.revision !== undefined) this.store.noteStored(message.key, { revision: message.revision, createdAt: message.createdAt });
      this.store.ownKeys.delete(message.key);
      this.emit({ type: 'stored', kind, id: message.id, own });
    } else if (message.type === 'dead') {
      if (current?.state !== 'dead') return;
      this.emit({ type: 'dead', kind, id: message.id, error: fromQueueError(message.error), own });
    } else if (current && current.attempts >= message.attempts) {
      this.emit({ type: 'retrying', kind, id: message.id, attempts: message.attempts, error: fromQueueError(message.error), own });
    }
  }

  /**
   * The page is going away: what only this tab holds goes to another tab, and this tab's own pending
   * calls (all of them when it is the sending tab, since then no other tab is sending) go out through
   * the storage's keepalive path. Nothing is marked stored: the next sender sends them again (upsert).
   */
  private onPageHide(): void {
    const memory = this.store.memoryEntries();
    if (memory.length) this.channel.post({ type: 'adopt', entries: memory.slice(0, MAX_ADOPTED) });
    if (!this.storage.saveCallsOnUnload) return;
    const records = this.store
      .knownEntries()
      .filter((entry) => entry.kind === 'call' && entry.state === 'pending' && (this.isFlusher || this.store.ownKeys.has(entry.key) || memory.includes(entry)))
      .map((entry) => (entry as Extract<QueueEntry, { kind: 'call' }>).record);
    if (!records.length) return;
    try {
      this.storage.saveCallsOnUnload(records);
    } catch (error) {
      debug('outbox', 'unload-send-failed', { error: String(error) });
    }
  }

  private becomeFlusher(): void {
    if (this.stopped) return;
    this.isFlusher = true;
    this.publish({ flusher: true });
    debug('outbox', 'flusher', { lock: this.options.lockName });
    void this.flush();
  }

  /** Sends now if this tab can, else asks the sending tab to. */
  private wake(): void {
    if (this.stopped) return;
    void this.flush();
    if (!this.isFlusher) this.channel.post({ type: 'wake' });
  }

  private isDue(entry: QueueEntry, now: number): boolean {
    if (entry.state !== 'pending' || this.inFlight.has(entry.key)) return false;
    // A look for a recording keeps its own schedule: it is not a retry.
    if (entry.kind === 'recording') return entry.nextAttemptAt <= now;
    return entry.nextAttemptAt <= now || (entry.attempts > 0 && (entry.failedAt ?? 0) < this.recoveredAt);
  }

  private async runFlush(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const now = this.options.now();
      const candidates = this.isFlusher ? await this.store.entries() : this.store.memoryEntries();
      const due = candidates.filter((entry) => this.isDue(entry, now));
      const lookups = due.filter((entry) => entry.kind === 'recording');
      // Recordings are asked of the host or the backend apart from the sends, and never pause them.
      for (const lookup of lookups) void this.lookForRecording(lookup);
      const sends = this.policy.pausedUntil > now ? [] : due.filter((entry) => entry.kind !== 'recording');
      if (sends.length === 0) return;
      // Call records go in batches when the storage takes them (saveCalls), each confirmed on its own.
      const units = planSends(sends, !!this.storage.saveCalls && !this.batchUnsupported, this.alone);
      // A pool of senders: a slow request does not hold back the others.
      let transient: CallElementsError | undefined;
      let next = 0;
      const sender = async () => {
        while (next < units.length && !transient && !this.stopped) {
          const unit = units[next++]!;
          const outcome = Array.isArray(unit) ? await this.sendBatch(unit) : await this.send(unit);
          if (outcome instanceof CallElementsError) transient = outcome;
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.options.concurrency, units.length) }, sender));
      // While the backend is failing, the whole queue waits (one round of failures, one step of backoff).
      if (transient) {
        this.policy.failed(this.options.now(), transient.retryAfterMs);
        return;
      }
    }
  }

  /** Validates, then hands one call or action to the storage. */
  private async deliver(entry: QueueEntry): Promise<void> {
    if (entry.kind === 'call') {
      const record = await checkCallRecord(entry.record);
      await this.policy.bounded(() => this.storage.saveCall(record), 'saveCall');
    } else if (entry.kind === 'action') {
      const action = await checkCallAction(entry.action);
      const logAction = this.storage.logAction?.bind(this.storage);
      if (!logAction) {
        throw new CallElementsError('not-supported', { params: { provider: `storage "${this.storage.name}"`, feature: 'timeline actions (logAction)' }, permanent: true });
      }
      await this.policy.bounded(() => logAction(action), 'logAction');
    }
  }

  private async send(entry: QueueEntry): Promise<Outcome> {
    this.inFlight.add(entry.key);
    this.publish({ inFlight: this.inFlight.size });
    try {
      await this.deliver(entry);
      return await this.confirmed(entry);
    } catch (caught) {
      return await this.failed(entry, toCallElementsError(caught, 'storage-failed'));
    } finally {
      this.alone.delete(entry.key);
      this.inFlight.delete(entry.key);
      this.publish({ inFlight: this.inFlight.size });
      this.changed();
    }
  }

  /**
   * Sends call entries in one `saveCalls`; each entry is then confirmed, retried or dead-lettered on its
   * own, as its single send would be. When the storage refuses the batch as a whole, its entries are
   * left due and go one by one in the same round.
   */
  private async sendBatch(entries: CallEntry[]): Promise<Outcome> {
    for (const entry of entries) this.inFlight.add(entry.key);
    this.publish({ inFlight: this.inFlight.size });
    try {
      let outcomes: Map<CallEntry, CallElementsError | undefined>;
      try {
        outcomes = await deliverBatch(entries, {
          check: checkCallRecord,
          save: (records) => this.policy.bounded(() => this.storage.saveCalls!(records), 'saveCalls'),
        });
      } catch (caught) {
        const error = toCallElementsError(caught, 'storage-failed');
        if (error.permanent) {
          if (error.code === 'not-supported') this.batchUnsupported = true;
          else for (const entry of entries) this.alone.add(entry.key);
          debug('outbox', 'unbatched', { code: error.code, entries: entries.length });
          return 'unbatched';
        }
        outcomes = new Map(entries.map((entry) => [entry, error]));
      }
      let transient: CallElementsError | undefined;
      for (const [entry, error] of outcomes) {
        let outcome: Outcome;
        try {
          outcome = error ? await this.failed(entry, error) : await this.confirmed(entry);
        } catch (caught) {
          outcome = await this.failed(entry, toCallElementsError(caught, 'storage-failed'));
        }
        this.inFlight.delete(entry.key);
        if (outcome instanceof CallElementsError) transient ??= outcome;
      }
      return transient ?? 'stored';
    } finally {
      for (const entry of entries) this.inFlight.delete(entry.key);
      this.publish({ inFlight: this.inFlight.size });
      this.changed();
    }
  }

  /** The backend confirmed this revision of the entry: it leaves the queue, and every tab hears of it. */
  private async confirmed(entry: QueueEntry): Promise<Outcome> {
    const own = this.store.ownKeys.has(entry.key);
    await this.store.removeSent(entry);
    debug('outbox', 'stored', { key: entry.key, attempts: entry.attempts + 1 });
    // The backend works: whatever waits for its own backoff after a failure is due now.
    this.policy.succeeded();
    this.recoveredAt = this.options.now() + 1;
    this.emit({ type: 'stored', kind: entry.kind, id: entry.id, own });
    this.channel.post({ type: 'stored', key: entry.key, id: entry.id, revision: entry.revision, createdAt: entry.createdAt });
    if (entry.kind === 'call') void this.scheduleRecordingLookup(entry.record);
    return 'stored';
  }

  private async failed(entry: QueueEntry, error: CallElementsError): Promise<Outcome> {
    const attempts = entry.attempts + 1;
    const now = this.options.now();
    const current = await this.store.get(entry.key);
    if (!current) return 'gone';
    const own = this.store.ownKeys.has(entry.key);
    if (error.permanent) {
      await this.store.put({ ...current, state: 'dead', attempts, failedAt: now, lastError: toQueueError(error) });
      debug('outbox', 'dead', { key: entry.key, code: error.code, message: error.message });
      this.emit({ type: 'dead', kind: entry.kind, id: entry.id, error, own });
      this.channel.post({ type: 'dead', key: entry.key, id: entry.id, error: toQueueError(error) });
      return 'permanent';
    }
    const delay = this.policy.backoff(attempts, error.retryAfterMs);
    await this.store.put({ ...current, attempts, nextAttemptAt: now + delay, failedAt: now, lastError: toQueueError(error) });
    this.publish({ lastError: { code: error.code, message: error.message, params: error.params, at: now } });
    debug('outbox', 'retrying', { key: entry.key, attempts, delay, code: error.code, status: error.status });
    this.emit({ type: 'retrying', kind: entry.kind, id: entry.id, error, attempts, own });
    this.channel.post({ type: 'retrying', key: entry.key, id: entry.id, error: toQueueError(error), attempts });
    return error;
  }

  /** After an answered call is stored, its recording is looked for with growing delays, through the queue. */
  private async scheduleRecordingLookup(record: CallRecord): Promise<void> {
    const first = this.options.recordingDelaysMs[0];
    if (!this.options.findRecording || first === undefined || record.recordingUrl || record.status !== 'completed') return;
    const entry = await this.capture({ kind: 'recording', record }, { silent: true });
    if (entry.attempts === 0 && entry.nextAttemptAt === 0) await this.store.put({ ...entry, nextAttemptAt: this.options.now() + first });
    this.schedule();
  }

  private async lookForRecording(entry: QueueEntry): Promise<void> {
    if (entry.kind !== 'recording') return;
    this.inFlight.add(entry.key);
    try {
      const find = this.options.findRecording;
      let url: string | undefined;
      if (find) {
        try {
          url = (await this.policy.bounded(async () => (await find(entry.record)) ?? undefined, 'the recording look-up')) ?? undefined;
        } catch (error) {
          debug('recording', 'lookup-failed', { id: entry.id, error: String(error) });
        }
      }
      const looks = entry.attempts + 1;
      if (url !== undefined && isHttpUrl(url)) {
        debug('recording', 'found', { id: entry.id, looks });
        await this.store.remove(entry.key);
        await this.capture({ kind: 'call', record: { ...entry.record, recordingUrl: url } }, { silent: true });
        return;
      }
      if (url !== undefined) debug('recording', 'refused', { id: entry.id, reason: 'not an http(s) URL' });
      const delay = find ? this.options.recordingDelaysMs[looks] : undefined;
      if (delay === undefined) {
        debug('recording', 'gave-up', { id: entry.id, looks });
        await this.store.remove(entry.key);
      } else {
        await this.store.put({ ...entry, attempts: looks, nextAttemptAt: this.options.now() + delay });
      }
    } finally {
      this.inFlight.delete(entry.key);
      this.schedule();
    }
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.stopped) return;
    const candidates = this.isFlusher ? this.store.entries() : Promise.resolve(this.store.memoryEntries());
    void candidates.then((entries) => {
      if (this.stopped) return;
      const next = nextWake(entries, this.policy.pausedUntil, (entry) => this.inFlight.has(entry.key));
      if (!Number.isFinite(next)) return;
      this.publish({ nextAttemptAt: next });
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.flush(), Math.max(0, next - this.options.now()));
    });
  }

  private onDurability(error: CallElementsError | undefined): void {
    if (error) {
      this.publish({ durable: false });
      this.emit({ type: 'unavailable', error });
    } else {
      this.changed();
    }
  }

  /**
   * Recomputes $outbox from the queue, and tells the other tabs when `broadcast`. Coalesced over
   * {@link REFRESH_DELAY_MS}: reading the whole queue after each of a thousand sends would make
   * flushing a long queue quadratic.
   */
  private changed(broadcast = true): void {
    if (broadcast) this.channel.post({ type: 'changed' });
    if (this.refreshQueued) return;
    this.refreshQueued = true;
    setTimeout(() => {
      this.refreshQueued = false;
      if (this.stopped) return;
      void this.store.entries().then((entries) => {
        if (this.stopped) return;
        const deadLetters: DeadLetter[] = [];
        let pending = 0;
        for (const entry of entries) {
          if (entry.kind === 'recording') continue;
          if (entry.state === 'pending') pending += 1;
          else {
            deadLetters.push({
              id: entry.id,
              kind: entry.kind,
              code: entry.lastError?.code ?? 'unknown',
              message: entry.lastError?.message ?? '',
              attempts: entry.attempts,
              failedAt: entry.failedAt ?? entry.createdAt,
            });
          }
        }
        this.publish({
          pending,
          deadLetters,
          inFlight: this.inFlight.size,
          durable: this.store.durable,
          ...(pending === 0 && { lastError: undefined, nextAttemptAt: undefined }),
        });
      });
    }, REFRESH_DELAY_MS);
  }

  /** Updates `$outbox`, unless this queue was stopped (another one may be the page's by now). */
  private publish(patch: Parameters<typeof updateOutbox>[0]): void {
    if (!this.stopped) updateOutbox(patch);
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
