import { CallElementsError } from '../internal/errors.js';

/** What a host may tune about the queue (`configure({ outbox })`). */
export interface OutboxSettings {
  /** IndexedDB database of the queue. Default "call-elements-outbox". */
  dbName?: string;
  /** Web Lock that elects the one sending tab of the origin. Default "call-elements-outbox". */
  lockName?: string;
  /** BroadcastChannel shared by the tabs of the origin. Default "call-elements-outbox". */
  channelName?: string;
  /** First retry delay (ms), doubled per attempt. At least 10. Default 1000. */
  baseDelayMs?: number;
  /** Longest retry delay (ms), at least `baseDelayMs`. Default 300000 (5 min). */
  maxDelayMs?: number;
  /** Items sent at once, 1 to 16. Default 4. */
  concurrency?: number;
  /** Use Web Locks to elect one sending tab per origin (default true when the browser has them). */
  useLocks?: boolean;
  /** How long one storage call may take before it counts as a transient failure (ms). At least 100. Default 30000. */
  sendTimeoutMs?: number;
  /**
   * False keeps the queue in this tab's memory only, as when IndexedDB cannot be used (some private
   * modes): items are still sent, and handed to another tab when this one closes. Default true.
   */
  useIndexedDb?: boolean;
}

export const DEFAULT_OUTBOX_NAME = 'call-elements-outbox';
/** The object store of the queue's database (version 2; version 1 had "entries"). */
export const QUEUE_STORE = 'queue';
export const MIN_BASE_DELAY_MS = 10;
export const MAX_CONCURRENCY = 16;
export const MIN_SEND_TIMEOUT_MS = 100;

const invalid = (detail: string) => new CallElementsError('invalid-options', { params: { detail: `outbox.${detail}` }, permanent: true });

const isName = (value: unknown) => typeof value === 'string' && value.trim() !== '' && value.length <= 200;
const isMs = (value: unknown, min: number) => typeof value === 'number' && Number.isFinite(value) && value >= min;

/**
 * Checks `configure({ outbox })` and returns a copy: a wrong type or a value that would hammer a
 * backend (a zero delay) or busy-loop the queue is refused with `invalid-options`, never used.
 */
export function checkOutboxSettings(input: unknown): OutboxSettings {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw invalid('must be an object');
  const settings = input as Record<string, unknown>;
  const known = ['dbName', 'lockName', 'channelName', 'baseDelayMs', 'maxDelayMs', 'concurrency', 'useLocks', 'sendTimeoutMs', 'useIndexedDb'];
  for (const key of Object.keys(settings)) if (!known.includes(key)) throw invalid(`${key} is not a setting (known: ${known.join(', ')})`);
  for (const key of ['dbName', 'lockName', 'channelName'] as const) {
    if (settings[key] !== undefined && !isName(settings[key])) throw invalid(`${key} must be a non-empty string of 200 characters at most`);
  }
  if (settings.baseDelayMs !== undefined && !isMs(settings.baseDelayMs, MIN_BASE_DELAY_MS)) {
    throw invalid(`baseDelayMs must be a number of milliseconds ≥ ${MIN_BASE_DELAY_MS} (got ${String(settings.baseDelayMs)})`);
  }
  if (settings.maxDelayMs !== undefined && !isMs(settings.maxDelayMs, Math.max(MIN_BASE_DELAY_MS, (settings.baseDelayMs as number | undefined) ?? MIN_BASE_DELAY_MS))) {
    throw invalid(`maxDelayMs must be a number of milliseconds ≥ baseDelayMs (got ${String(settings.maxDelayMs)})`);
  }
  if (settings.concurrency !== undefined && !(Number.isInteger(settings.concurrency) && (settings.concurrency as number) >= 1 && (settings.concurrency as number) <= MAX_CONCURRENCY)) {
    throw invalid(`concurrency must be a whole number from 1 to ${MAX_CONCURRENCY} (got ${String(settings.concurrency)})`);
  }
  for (const key of ['useLocks', 'useIndexedDb'] as const) {
    if (settings[key] !== undefined && typeof settings[key] !== 'boolean') throw invalid(`${key} must be true or false`);
  }
  if (settings.sendTimeoutMs !== undefined && !isMs(settings.sendTimeoutMs, MIN_SEND_TIMEOUT_MS)) {
    throw invalid(`sendTimeoutMs must be a number of milliseconds ≥ ${MIN_SEND_TIMEOUT_MS} (got ${String(settings.sendTimeoutMs)})`);
  }
  return { ...(settings as OutboxSettings) };
}
