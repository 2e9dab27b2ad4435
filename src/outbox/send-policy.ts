import { CallElementsError, toCallElementsError } from '../internal/errors.js';

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
  /** Transient failures in a row, whichever items they were: the pause grows with them. */
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
   * A transient failure pauses the whole queue, for longer with each failure in a row: during an outage
   * the backend sees a few attempts spaced by the backoff, not one attempt per waiting item.
   */
  failed(now: number, retryAfterMs?: number): void {
    this.failures += 1;
    this.pausedUntil = Math.max(this.pausedUntil, now + this.backoff(this.failures, retryAfterMs));
  }

  /** A success lifts the pause; returns whether there was one (then every waiting item is due now). */
  succeeded(): boolean {
    const wasFailing = this.failures > 0;
    this.failures = 0;
    this.pausedUntil = 0;
    return wasFailing;
  }

  /** Lifts the pause without a success (the network came back, the page became visible). */
  resume(): void {
    this.pausedUntil = 0;
  }
}
