import { configurePersistence, type OutboxSettings, type RecordingResolver } from './calls/persist-settings.js';
import { CallElementsError } from './internal/errors.js';
import { registerProvider } from './providers/registry.js';
import type { CallProvider } from './providers/types.js';
import type { CallStorage } from './storage/types.js';
import { updateSettings, type NotifyLevel } from './store/config.js';

/** Who is using the page. Comes from the host's authentication; the library never invents it. */
export interface Identity {
  userId: string;
  displayName?: string;
}

export type IdentitySource = Identity | (() => Identity | Promise<Identity>);

export interface CallElementsConfig {
  /** Providers by name, e.g. `{ twilio: createTwilioProvider({...}) }`. "demo" exists by default. */
  providers?: Record<string, CallProvider>;
  /** The current user, or an (async) function that returns it; asked once per call. */
  identity?: IdentitySource;
  /** Language when no `lang` attribute says otherwise ("en", "fr", or one added with registerLocale). */
  locale?: string;
  /** What `<call-notification>` shows: everything, errors only (default), or nothing. */
  notify?: NotifyLevel;
  /** Where finished calls go. Default: IndexedDB in this browser (`createIndexedDbStorage()`). */
  storage?: CallStorage;
  /**
   * How to find a call's recording after it is stored: a function of the record, or `false` for
   * never. Default: the storage's `getRecordingUrl` when it has one (the HTTP storage does).
   */
  recording?: RecordingResolver | false;
  /** Delays (ms) between looks for a recording. Default 2, 4, 8, 16, 30 and 60 s. */
  recordingDelaysMs?: number[];
  /** Queue tuning: retry delays, concurrency, and the names of its database, lock and channel. */
  outbox?: OutboxSettings;
}

let identitySource: IdentitySource | undefined;

const NOTIFY_LEVELS: readonly NotifyLevel[] = ['all', 'errors', 'none'];

/**
 * Configures the library for this page. Can be called again: each call changes only the keys it
 * names. Throws `invalid-options` (synchronously, to the developer) for values it cannot use.
 */
export function configure(config: CallElementsConfig): void {
  if (config.notify !== undefined && !NOTIFY_LEVELS.includes(config.notify)) {
    throw new CallElementsError('invalid-options', {
      params: { detail: `notify must be one of ${NOTIFY_LEVELS.join(', ')}` },
      permanent: true,
    });
  }
  if (config.identity !== undefined) {
    const ok =
      typeof config.identity === 'function' ||
      (typeof config.identity === 'object' && config.identity !== null && typeof config.identity.userId === 'string' && config.identity.userId !== '');
    if (!ok) {
      throw new CallElementsError('invalid-options', {
        params: { detail: 'identity must be { userId: string } or a function returning it' },
        permanent: true,
      });
    }
    identitySource = config.identity;
  }
  if (config.storage !== undefined && (typeof config.storage?.saveCall !== 'function' || typeof config.storage?.listCalls !== 'function')) {
    throw new CallElementsError('invalid-options', {
      params: { detail: 'storage must implement saveCall() and listCalls() (see CallStorage)' },
      permanent: true,
    });
  }
  if (config.recording !== undefined && config.recording !== false && typeof config.recording !== 'function') {
    throw new CallElementsError('invalid-options', { params: { detail: 'recording must be a function or false' }, permanent: true });
  }
  if (config.recordingDelaysMs !== undefined && !config.recordingDelaysMs.every((ms) => Number.isFinite(ms) && ms >= 0)) {
    throw new CallElementsError('invalid-options', { params: { detail: 'recordingDelaysMs must be numbers of milliseconds ≥ 0' }, permanent: true });
  }
  for (const [name, provider] of Object.entries(config.providers ?? {})) registerProvider(provider, name);
  configurePersistence({
    storage: config.storage,
    recording: config.recording,
    recordingDelaysMs: config.recordingDelaysMs,
    outbox: config.outbox,
  });
  const settings: Parameters<typeof updateSettings>[0] = {};
  if (config.locale !== undefined) settings.locale = config.locale;
  if (config.notify !== undefined) settings.notify = config.notify;
  if (Object.keys(settings).length) updateSettings(settings);
}

/** The current user, or undefined when the host configured none. Rejects if the host's function fails. */
export async function resolveIdentity(): Promise<Identity | undefined> {
  const source = identitySource;
  if (source === undefined) return undefined;
  const identity = typeof source === 'function' ? await source() : source;
  if (!identity || typeof identity.userId !== 'string' || identity.userId === '') {
    throw new TypeError('the identity function did not return { userId }');
  }
  return identity;
}

/** How long a finishing call, a settings save or a traced action waits for the host's identity function (ms). */
export const IDENTITY_TIMEOUT_MS = 10_000;

/** {@link resolveIdentity}, rejecting when the host's function has not answered within `ms`. */
export function resolveIdentityWithin(ms: number = IDENTITY_TIMEOUT_MS): Promise<Identity | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer after ${ms} ms`)), ms);
    resolveIdentity().then(
      (identity) => (clearTimeout(timer), resolve(identity)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}

/** Forgets the identity (for tests and sign-out). */
export function clearIdentity(): void {
  identitySource = undefined;
}
