import { jsonProblem, jsonSafeCopy } from '../internal/json.js';
import type { CallAction } from '../schema/call-action.js';
import type { CallRecord } from '../schema/call-record.js';

/** What the queue carries: finished calls, timeline actions, and the looks for a stored call's recording. */
export type QueueKind = 'call' | 'action' | 'recording';

/** An item to queue: its kind and its payload. */
export type QueueItem =
  | { kind: 'call'; record: CallRecord }
  | { kind: 'action'; action: CallAction }
  | { kind: 'recording'; record: CallRecord };

export interface QueueError {
  code: string;
  message: string;
  params?: Record<string, string | number>;
  status?: number;
}

interface EntryState {
  /** Primary key in the queue's database: `kind:id`, so that a call and an action may share an id. */
  key: string;
  /** The item's own id: the record's or the action's, which the backend upserts by. */
  id: string;
  /** Bumped by every capture of this key, so that a send of an older version does not remove a newer one. */
  revision: number;
  /** Sends tried (calls, actions) or looks done (recordings). */
  attempts: number;
  nextAttemptAt: number;
  createdAt: number;
  state: 'pending' | 'dead';
  lastError?: QueueError;
  failedAt?: number;
  /** The queue (one per tab) that captured this version: that tab tells the person what becomes of it. */
  capturedBy?: string;
}

export interface CallEntry extends EntryState {
  kind: 'call';
  record: CallRecord;
}

export interface ActionEntry extends EntryState {
  kind: 'action';
  action: CallAction;
}

export interface RecordingEntry extends EntryState {
  kind: 'recording';
  /** The stored call whose recording is looked for; it is upserted with `recordingUrl` once found. */
  record: CallRecord;
}

export type QueueEntry = CallEntry | ActionEntry | RecordingEntry;

export function entryKey(kind: QueueKind, id: string): string {
  return `${kind}:${id}`;
}

export function itemId(item: QueueItem): string {
  return item.kind === 'action' ? item.action.id : item.record.id;
}

function payloadOf(item: QueueItem): unknown {
  return item.kind === 'action' ? item.action : item.record;
}

/** Fields of a newer capture win; fields it does not have keep their value (a late detail adds, never erases). */
function mergeFields<T extends object>(older: T, newer: T): T {
  const merged = { ...older } as Record<string, unknown>;
  for (const [key, value] of Object.entries(newer)) if (value !== undefined) merged[key] = value;
  return merged as T;
}

/**
 * The entry for a capture: a new one, or the existing entry of the same key with the newer fields.
 * A payload that JSON cannot carry (a function or a BigInt in `details`) becomes a dead letter that says
 * why, with a copy that can be kept: it is never dropped, and never retried forever.
 */
export function captureEntry(existing: QueueEntry | undefined, item: QueueItem, now: number, capturedBy: string): QueueEntry {
  const problem = jsonProblem(payloadOf(item));
  const safe: QueueItem = problem ? ({ ...item, ...(item.kind === 'action' ? { action: jsonSafeCopy(item.action) } : { record: jsonSafeCopy(item.record) }) } as QueueItem) : item;
  const id = itemId(item);
  const base: EntryState = existing
    ? {
        ...existing,
        revision: existing.revision + 1,
        // A new version of a dead letter deserves a new chance; a pending one keeps its schedule.
        state: 'pending',
        attempts: existing.state === 'dead' ? 0 : existing.attempts,
        nextAttemptAt: existing.state === 'dead' ? 0 : existing.nextAttemptAt,
        lastError: existing.state === 'dead' ? undefined : existing.lastError,
        failedAt: undefined,
        capturedBy,
      }
    : { key: entryKey(item.kind, id), id, revision: 1, attempts: 0, nextAttemptAt: 0, createdAt: now, state: 'pending', capturedBy };
  let entry: QueueEntry;
  if (safe.kind === 'call') {
    const record = existing?.kind === 'call' ? mergeFields(existing.record, safe.record) : safe.record;
    entry = { ...base, kind: 'call', record };
  } else if (safe.kind === 'action') {
    entry = { ...base, kind: 'action', action: safe.action };
  } else {
    // Looking again for a recording already looked for keeps its schedule.
    entry = existing?.kind === 'recording' ? { ...existing, record: safe.record } : { ...base, kind: 'recording', record: safe.record };
  }
  if (!problem) return entry;
  return {
    ...entry,
    state: 'dead',
    failedAt: now,
    lastError: { code: 'invalid-record', message: `The call record is invalid: ${problem}`, params: { detail: problem } },
  };
}

/** What entries of an older version of the queue (a record per entry, keyed by its id) become. */
export function upgradeEntry(old: Omit<CallEntry, 'key' | 'kind'>): CallEntry {
  return { ...old, key: entryKey('call', old.id), kind: 'call' };
}
