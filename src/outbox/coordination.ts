import { debug } from '../internal/debug.js';
import type { QueueEntry, QueueError } from './entry.js';

/**
 * What the tabs of an origin tell each other about the queue. Anything else arriving on the channel
 * (another library, a forged message, an older version's message) is ignored, never trusted.
 */
export type QueueMessage =
  | { type: 'wake' }
  | { type: 'changed' }
  /**
   * `revision` and `createdAt`: the version of the entry the backend confirmed (its revision, and the
   * generation it belongs to); absent from older versions' messages.
   */
  | { type: 'stored'; key: string; id: string; revision?: number; createdAt?: number }
  | { type: 'retrying'; key: string; id: string; attempts: number; error: QueueError }
  | { type: 'dead'; key: string; id: string; error: QueueError }
  /** A tab going away hands over the entries only its memory held. */
  | { type: 'adopt'; entries: QueueEntry[] };

const MAX_TEXT = 2000;
const MAX_ADOPTED = 500;

const isText = (value: unknown, max = MAX_TEXT): value is string => typeof value === 'string' && value.length > 0 && value.length <= max;
const isRecordOf = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function isQueueError(value: unknown): value is QueueError {
  if (!isRecordOf(value) || !isText(value.code, 100) || typeof value.message !== 'string' || value.message.length > MAX_TEXT) return false;
  if (value.params === undefined) return true;
  return isRecordOf(value.params) && Object.values(value.params).every((param) => (typeof param === 'string' && param.length <= MAX_TEXT) || Number.isFinite(param));
}

function isEntry(value: unknown): value is QueueEntry {
  if (!isRecordOf(value) || !isText(value.key, 400) || !isText(value.id, 300) || value.key !== `${String(value.kind)}:${value.id}`) return false;
  const counters = [value.revision, value.attempts, value.nextAttemptAt, value.createdAt].every((n) => typeof n === 'number' && Number.isFinite(n));
  if (!counters || (value.state !== 'pending' && value.state !== 'dead')) return false;
  if (value.kind === 'action') return isRecordOf(value.action) && value.action.id === value.id;
  return (value.kind === 'call' || value.kind === 'recording') && isRecordOf(value.record) && value.record.id === value.id;
}

/** The message, if it is one of ours and well formed. */
export function parseQueueMessage(data: unknown): QueueMessage | undefined {
  if (!isRecordOf(data)) return undefined;
  switch (data.type) {
    case 'wake':
    case 'changed':
      return { type: data.type };
    case 'stored':
      if (!isText(data.key, 400) || !isText(data.id, 300)) return undefined;
      if (!Number.isSafeInteger(data.revision) || (data.revision as number) <= 0) return { type: 'stored', key: data.key, id: data.id };
      return Number.isFinite(data.createdAt)
        ? { type: 'stored', key: data.key, id: data.id, revision: data.revision as number, createdAt: data.createdAt as number }
        : { type: 'stored', key: data.key, id: data.id, revision: data.revision as number };
    case 'retrying':
      return isText(data.key, 400) && isText(data.id, 300) && Number.isInteger(data.attempts) && (data.attempts as number) > 0 && isQueueError(data.error)
        ? { type: 'retrying', key: data.key, id: data.id, attempts: data.attempts as number, error: data.error }
        : undefined;
    case 'dead':
      return isText(data.key, 400) && isText(data.id, 300) && isQueueError(data.error) ? { type: 'dead', key: data.key, id: data.id, error: data.error } : undefined;
    case 'adopt':
      return Array.isArray(data.entries) && data.entries.length <= MAX_ADOPTED && data.entries.every(isEntry)
        ? { type: 'adopt', entries: data.entries }
        : undefined;
    default:
      return undefined;
  }
}

/** The BroadcastChannel of the queue, with what arrives checked first. */
export class QueueChannel {
  private readonly channel?: BroadcastChannel;

  constructor(name: string, onMessage: (message: QueueMessage) => void) {
    if (typeof BroadcastChannel !== 'function') return;
    this.channel = new BroadcastChannel(name);
    this.channel.onmessage = (event: MessageEvent<unknown>) => {
      const message = parseQueueMessage(event.data);
      if (message) onMessage(message);
      else debug('outbox', 'channel-message-ignored', { type: isRecordOf(event.data) ? String(event.data.type).slice(0, 40) : typeof event.data });
    };
  }

  post(message: QueueMessage): void {
    try {
      this.channel?.postMessage(message);
    } catch (error) {
      // A closed channel (the page is going away) or an uncloneable payload: the other tabs will read the database.
      debug('outbox', 'channel-post-failed', { type: message.type, error: String(error) });
    }
  }

  close(): void {
    this.channel?.close();
  }
}

/**
 * Elects the one tab of the origin that sends the queue, with a Web Lock: when that tab goes away,
 * the next waiting tab takes over. Without Web Locks (an insecure context, an old browser) every tab
 * sends, which is safe because the backend upserts by id.
 */
export class FlusherElection {
  private release?: () => void;
  private stopped = false;
  private readonly abort = new AbortController();

  constructor(lockName: string, useLocks: boolean, onElected: () => void) {
    const locks = (globalThis.navigator as Navigator & { locks?: LockManager } | undefined)?.locks;
    if (!useLocks || !locks) {
      queueMicrotask(() => !this.stopped && onElected());
      return;
    }
    locks
      .request(lockName, { signal: this.abort.signal }, () => {
        if (this.stopped) return undefined;
        onElected();
        return new Promise<void>((resolve) => (this.release = resolve));
      })
      .catch((error: unknown) => {
        if (this.stopped) return;
        debug('outbox', 'lock-failed', { error: String(error) });
        onElected();
      });
  }

  stop(): void {
    this.stopped = true;
    // A tab still waiting for the lock leaves the line; one holding it lets the next tab in.
    this.abort.abort();
    this.release?.();
  }
}
