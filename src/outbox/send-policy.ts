import { CallElementsError, toCallElementsError } from '../internal/errors.js';
import type { QueueEntry } from './entry.js';

export interface SendPolicyOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  sendTimeoutMs: number;
  random: () => number;
}

/**
 * How the queue treats a backend (the send policy of workbox's split): each storage call bounded in
 * time, exponential backoff with jitter honouring Retry-After, and one pause for the whole queue
 * while the backend fails, lifted by the first success, so that a backend coming back after an outage
 * gets every waiting item at once instead of each item's own remaining backoff.
 */
export class SendPolicy {
  /** While the backend is failing: no item is sent before this time (epoch ms). */
  pausedUntil = 0;
  /** Rounds of sends that failed in a row, whichever items they were: the pause grows with them. */
  private failures = 0;

  constructor(private readonly options: SendPolicyOptions) {}

  /** Exponential backoff with "equal jitter"; Retry-After wins when it asks for longer (within reason). */
  backoff(attempts: number, retryAfterMs?: number): number {
    const { baseDelayMs, maxDelayMs, random } = this.options;
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(attempts - 1, 30));
    const jittered = ceiling / 2 + (random() * ceiling) / 2;
    return Math.round(Math.max(jittered, Math.min(retryAfterMs ?? 0, maxDelayMs * 12)));
  }

  /**
   * Runs one storage call, rejecting with a transient `storage-failed` when it has not settled in time
   * (a custom adapter whose save never answers must not hold the queue). What it rejects with is
   * turned into our error type.
   */
  bounded<T>(operation: () => Promise<T>, what: string): Promise<T> {
    const ms = this.options.sendTimeoutMs;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new CallElementsError('storage-failed', { params: { detail: `no answer to ${what} within ${ms} ms` } })),
        ms,
      );
      let started: Promise<T>;
      try {
        started = Promise.resolve(operation());
      } catch (error) {
        started = Promise.reject(error);
      }
      started.then(
        (value) => (clearTimeout(timer), resolve(value)),
        (error: unknown) => (clearTimeout(timer), reject(toCallElementsError(error, 'storage-failed'))),
      );
    });
  }

  /**
   * A round of sends that met a transient failure pauses the whole queue, for longer with each such
   * round in a row: during an outage the backend sees a few attempts spaced by the backoff, not one
   * attempt per waiting item.
   */
  failed(now: number, retryAfterMs?: number): void {
    this.failures += 1;
    this.pausedUntil = Math.max(this.pausedUntil, now + this.backoff(this.failures, retryAfterMs));
  }

  /** A success lifts the pause. */
  succeeded(): void {
    this.failures = 0;
    this.pausedUntil = 0;
  }

  /** Lifts the pause without a success (the network came back, the page became visible). */
  resume(): void {
    this.pausedUntil = 0;
  }
}

/**
 * When the queue next has something to do: the earliest attempt among the pending entries, sends not
 * before `pausedUntil` (recording look-ups keep their own schedule). Infinity when nothing waits. A
 * loop, not `Math.min(...list)`, which overflows the call stack for a queue of 100,000 entries.
 */
export function nextWake(entries: Iterable<QueueEntry>, pausedUntil: number, busy: (entry: QueueEntry) => boolean = () => false): number {
  let next = Infinity;
  for (const entry of entries) {
    if (entry.state !== 'pending' || busy(entry)) continue;
    const at = entry.kind === 'recording' ? entry.nextAttemptAt : Math.max(entry.nextAttemptAt, pausedUntil);
    if (at < next) next = at;
  }
  return next;
}
