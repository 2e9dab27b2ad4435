// What `configure()` and the `storage-url` attribute say about persistence, kept apart from the queue
// itself (persist.ts, outbox.ts, the adapters) so that a page pays for those only once it has a call to
// store, or records left by an earlier page.
import { debug } from '../internal/debug.js';
import type { CallRecord } from '../schema/call-record.js';
import { normaliseBaseUrl } from '../storage/http/base-url.js';
import type { CallStorage } from '../storage/types.js';
import type { Outbox, OutboxOptions } from './outbox.js';

/** Finds the recording of a stored call: its URL, or undefined while there is none yet. */
export type RecordingResolver = (record: CallRecord) => Promise<string | undefined> | string | undefined;

export type OutboxSettings = Pick<
  OutboxOptions,
  'dbName' | 'lockName' | 'channelName' | 'baseDelayMs' | 'maxDelayMs' | 'concurrency' | 'useLocks'
>;

/** How long to wait before each look for a recording (ms): about two minutes in all, then give up. */
export const DEFAULT_RECORDING_DELAYS_MS = [2000, 4000, 8000, 16_000, 30_000, 60_000];

/** The queue's database when `configure({ outbox: { dbName } })` names none. */
export const DEFAULT_OUTBOX_DB = 'call-elements-outbox';

export interface PersistState {
  storage?: CallStorage;
  /** The backend of the `storage-url` attribute (normalised), used when the host chose no storage. */
  storageUrl?: string;
  /** True when the host chose the storage (configure), so HTML attributes do not override it. */
  chosenByHost: boolean;
  outbox?: Outbox;
  outboxSettings: OutboxSettings;
  recording?: RecordingResolver | false;
  recordingDelaysMs: number[];
}

const initialPersistState = (): PersistState => ({
  chosenByHost: false,
  outboxSettings: {},
  recordingDelaysMs: DEFAULT_RECORDING_DELAYS_MS,
});

/** Shared with persist.ts, which creates the storage and the queue from it. */
export const persistState: PersistState = initialPersistState();

/** Forgets every setting, as on a fresh page (the caller stops the queue). */
export function resetPersistState(): void {
  Object.assign(persistState, { storage: undefined, storageUrl: undefined, outbox: undefined, recording: undefined }, initialPersistState());
}

export interface PersistSettings {
  storage?: CallStorage;
  recording?: RecordingResolver | false;
  recordingDelaysMs?: number[];
  outbox?: OutboxSettings;
}

/** Stops the queue, if there is one; the next use creates it again with the current settings. */
function restartOutbox(): void {
  const outbox = persistState.outbox;
  persistState.outbox = undefined;
  void outbox?.stop();
}

/** Applies `configure({ storage, recording, outbox })`. A new storage or queue setting restarts the queue. */
export function configurePersistence(settings: PersistSettings): void {
  let restart = false;
  if (settings.storage && settings.storage !== persistState.storage) {
    persistState.storage = settings.storage;
    persistState.chosenByHost = true;
    restart = true;
  }
  if (settings.outbox) {
    persistState.outboxSettings = { ...persistState.outboxSettings, ...settings.outbox };
    restart = true;
  }
  if (settings.recording !== undefined) persistState.recording = settings.recording;
  if (settings.recordingDelaysMs) persistState.recordingDelaysMs = settings.recordingDelaysMs;
  if (restart) restartOutbox();
}

/** Whether HTML attributes (`storage-url`) may still choose the storage. */
export function storageChosenByHost(): boolean {
  return persistState.chosenByHost;
}

/** The storage in use, once there is one (the default IndexedDB storage is created on first use). */
export function currentStorage(): CallStorage | undefined {
  return persistState.storage;
}

/**
 * HTML-only configuration (`storage-url` attribute): uses the HTTP storage at `url` unless the host
 * chose a storage with `configure()`, which always wins. Returns false when the URL is not usable.
 * The HTTP adapter's code loads when the storage is first used.
 */
export function useStorageUrl(url: string): boolean {
  let baseUrl: string;
  try {
    baseUrl = normaliseBaseUrl(url);
  } catch (error) {
    debug('persist', 'storage-url-invalid', { url, error: String(error) });
    return false;
  }
  if (persistState.chosenByHost) {
    debug('persist', 'storage-url-ignored', { url, reason: 'configure({ storage }) was called' });
    return true;
  }
  if (persistState.storageUrl === baseUrl) return true;
  persistState.storageUrl = baseUrl;
  persistState.storage = undefined;
  restartOutbox();
  return true;
}
