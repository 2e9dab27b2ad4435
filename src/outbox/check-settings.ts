// The check of `configure({ outbox })`: its own module, so that a page which never calls configure() (the
// script-tag bundle's call-elements.js, an agent page) does not carry it with the queue's names.
import { CallElementsError } from '../internal/errors.js';
import { MAX_CONCURRENCY, MIN_BASE_DELAY_MS, MIN_SEND_TIMEOUT_MS, type OutboxSettings } from './settings.js';

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
