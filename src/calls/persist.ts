import { debug } from '../internal/debug.js';
import { CallElementsError } from '../internal/errors.js';
import type { CallRecord } from '../schema/call-record.js';
import { createLazyHttpStorage } from '../storage/http/lazy-http-storage.js';
import { createIndexedDbStorage } from '../storage/indexeddb/indexeddb-storage.js';
import type { CallStorage } from '../storage/types.js';
import { pushNotification } from '../store/notifications.js';
import { Outbox, type OutboxEvent } from './outbox.js';
import { persistState as state, resetPersistState, type RecordingResolver } from './persist-settings.js';
import { checkCallRecord } from './validate.js';

// The settings live apart so that configure() and the elements do not load the queue; re-exported here.
export {
  configurePersistence,
  currentStorage,
  DEFAULT_RECORDING_DELAYS_MS,
  storageChosenByHost,
  useStorageUrl,
  type OutboxSettings,
  type PersistSettings,
  type RecordingResolver,
} from './persist-settings.js';

/** Records this page queued itself: it tells the person about those, and looks for their recordings. */
const own = new Map<string, CallRecord>();
const storedListeners = new Set<(id: string) => void>();
const recordingTimers = new Map<string, ReturnType<typeof setTimeout>>();

/** The storage in use: the configured one, else the default IndexedDB storage (shared with the queue). */
export function activeStorage(): CallStorage {
  state.storage ??= state.storageUrl ? createLazyHttpStorage(state.storageUrl) : createIndexedDbStorage();
  return state.storage;
}

/** The page's queue, created on first use with the configured storage (IndexedDB by default). */
export function getOutbox(): Outbox {
  if (!state.outbox) {
    state.outbox = new Outbox({ storage: activeStorage(), ...state.outboxSettings });
    state.outbox.subscribe(onOutboxEvent);
  }
  return state.outbox;
}

/**
 * Queues a finished call for storage: durably first, then sent by the flusher with retries.
 * Resolves once the record is safe on this device (or held in memory when IndexedDB is unusable,
 * which is reported); rejects only for an invalid record, with a permanent `invalid-record`.
 */
export async function persistCall(record: CallRecord): Promise<void> {
  own.set(record.id, record);
  await getOutbox().enqueue(record);
}

/**
 * The programmatic path (the seed's `storeCall` hook): validates, then goes through the same
 * outbox as the elements. An invalid record is refused before it reaches the queue, with a clear
 * error (also shown as a notification).
 */
export async function storeCall(record: unknown): Promise<void> {
  let valid: CallRecord;
  try {
    valid = await checkCallRecord(record);
  } catch (error) {
    const invalid = error as CallElementsError;
    pushNotification({ kind: 'error', messageKey: 'error.invalid-record', params: invalid.params, code: invalid.code });
    throw invalid;
  }
  await persistCall(valid);
}

/** Called with the id of every record the backend confirmed (from this tab's queue or another's). */
export function onCallStored(listener: (id: string) => void): () => void {
  storedListeners.add(listener);
  return () => storedListeners.delete(listener);
}

/** Sends dead letters again: one by id, or all of them. */
export function retryDeadLetters(id?: string): Promise<void> {
  return getOutbox().retry(id);
}

/** Stops the queue and forgets the configuration (for tests, and hosts that sign the user out). */
export async function resetPersistence(): Promise<void> {
  recordingTimers.forEach(clearTimeout);
  recordingTimers.clear();
  own.clear();
  storedListeners.clear();
  const outbox = state.outbox;
  resetPersistState();
  await outbox?.stop();
}

function onOutboxEvent(event: OutboxEvent): void {
  const key = 'id' in event ? `call:${event.id}` : 'outbox';
  switch (event.type) {
    case 'queued':
      if (own.has(event.id)) pushNotification({ kind: 'info', messageKey: 'notify.saving', key, callId: event.id });
      break;
    case 'stored': {
      storedListeners.forEach((listener) => listener(event.id));
      const record = own.get(event.id);
      if (!record) break;
      own.delete(event.id);
      pushNotification({ kind: 'success', messageKey: 'notify.saved', key, callId: event.id });
      lookForRecording(record);
      break;
    }
    case 'retrying':
      if (own.has(event.id) && event.attempts === 1) {
        pushNotification({ kind: 'error', messageKey: 'notify.retrying', key, callId: event.id, code: event.error.code });
      }
      break;
    case 'dead':
      pushNotification({
        kind: 'error',
        messageKey: 'notify.dead',
        params: { detail: event.error.message },
        key,
        callId: event.id,
        code: event.error.code,
        action: { labelKey: 'notify.retry', run: () => void retryDeadLetters(event.id) },
      });
      break;
    case 'unavailable':
      pushNotification({
        kind: 'error',
        messageKey: event.error.code === 'storage-quota' ? 'error.storage-quota' : 'error.storage-unavailable',
        params: event.error.params,
        key: 'outbox:unavailable',
        code: event.error.code,
      });
      break;
  }
}

function recordingResolver(): RecordingResolver | undefined {
  if (state.recording === false) return undefined;
  if (state.recording) return state.recording;
  const storage = state.storage;
  return storage?.getRecordingUrl ? (record) => storage.getRecordingUrl!(record.id) : undefined;
}

/**
 * After an answered call is stored, asks for its recording with growing delays (the seed waited a
 * fixed 2 s once); when one appears, the record is upserted with `recordingUrl` through the queue.
 */
function lookForRecording(record: CallRecord, attempt = 0): void {
  const resolve = recordingResolver();
  if (!resolve || record.recordingUrl || record.status !== 'completed') return;
  const delay = state.recordingDelaysMs[attempt];
  if (delay === undefined) {
    debug('recording', 'gave-up', { id: record.id, attempts: attempt });
    return;
  }
  const timer = setTimeout(async () => {
    recordingTimers.delete(record.id);
    let url: string | undefined;
    try {
      url = (await resolve(record)) ?? undefined;
    } catch (error) {
      debug('recording', 'lookup-failed', { id: record.id, error: String(error) });
    }
    if (url && /^https?:\/\//i.test(url)) {
      debug('recording', 'found', { id: record.id, attempts: attempt + 1 });
      void persistCall({ ...record, recordingUrl: url }).catch((error: unknown) =>
        debug('recording', 'rejected', { id: record.id, error: String(error) }),
      );
    } else {
      lookForRecording(record, attempt + 1);
    }
  }, delay);
  recordingTimers.set(record.id, timer);
}
