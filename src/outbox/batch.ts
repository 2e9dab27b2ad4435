import { CallElementsError, toCallElementsError } from '../internal/errors.js';
import type { CallRecord } from '../schema/call-record.js';
import type { SaveCallResult } from '../storage/types.js';
import type { CallEntry, QueueEntry } from './entry.js';

/**
 * Records per `saveCalls` call: well under the reference server's 500, and a body of a few hundred
 * kilobytes, so that one slow batch does not hold much of the queue.
 */
export const BATCH_SIZE = 200;

/** One unit of a sending round: an entry sent alone, or call entries sent together. */
export type SendUnit = QueueEntry | CallEntry[];

/**
 * A round's work: when the storage takes batches, the due call entries (but those that must go alone)
 * in batches of {@link BATCH_SIZE}, then everything else alone. A lone call goes alone: a batch of
 * one buys nothing.
 */
export function planSends(due: readonly QueueEntry[], batching: boolean, alone: ReadonlySet<string>): SendUnit[] {
  if (!batching) return [...due];
  const calls = due.filter((entry): entry is CallEntry => entry.kind === 'call' && !alone.has(entry.key));
  if (calls.length < 2) return [...due];
  const batches: SendUnit[] = [];
  for (let i = 0; i < calls.length; i += BATCH_SIZE) batches.push(calls.slice(i, i + BATCH_SIZE));
  const batched = new Set<QueueEntry>(calls);
  return [...batches, ...due.filter((entry) => !batched.has(entry))];
}

export interface BatchDeliveryHooks {
  /** Normalises and validates a record before it is sent (throws as for a single send). */
  check(record: CallRecord): Promise<CallRecord>;
  /** The storage's `saveCalls`, bounded in time. */
  save(records: CallRecord[]): Promise<SaveCallResult[]>;
}

/**
 * Validates then sends call entries in one `saveCalls`; resolves with what became of each entry
 * (undefined = stored). A record the checks refuse is not sent and gets their error. Rejects as the
 * storage rejected when nothing could be tried (the caller decides: transient for all, or one by one).
 */
export async function deliverBatch(entries: readonly CallEntry[], hooks: BatchDeliveryHooks): Promise<Map<CallEntry, CallElementsError | undefined>> {
  const outcomes = new Map<CallEntry, CallElementsError | undefined>();
  const sending: { entry: CallEntry; record: CallRecord }[] = [];
  for (const entry of entries) {
    try {
      sending.push({ entry, record: await hooks.check(entry.record) });
    } catch (error) {
      outcomes.set(entry, toCallElementsError(error, 'invalid-record'));
    }
  }
  if (sending.length === 0) return outcomes;
  const results = await hooks.save(sending.map(({ record }) => record));
  sending.forEach(({ entry, record }, index) => {
    const result = results[index];
    // A storage that answers for fewer records, or for others, has not said this one is stored.
    if (!result || result.id !== record.id) {
      outcomes.set(entry, new CallElementsError('storage-failed', { params: { detail: `saveCalls gave no result for ${record.id}` }, permanent: false }));
    } else {
      outcomes.set(entry, result.error === undefined ? undefined : toCallElementsError(result.error, 'storage-failed'));
    }
  });
  return outcomes;
}
