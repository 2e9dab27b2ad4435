import { CallElementsError } from '../internal/errors.js';
import { checkOutboxSettings } from '../outbox/check-settings.js';
import type { OutboxSettings } from '../outbox/settings.js';
import type { CallProvider } from '../providers/types.js';
import type { CallRecord } from '../schema/call-record.js';
import type { CallStorage } from '../storage/types.js';
import type { NotifyLevel } from '../store/config.js';
import type { CallerLookup } from './caller-lookup.js';
import type { IdentitySource } from './identity.js';

/** Finds the recording of a stored call: its URL, or undefined while there is none yet. */
export type RecordingResolver = (record: CallRecord) => Promise<string | undefined> | string | undefined;

/** The timeline actions the library can trace for every call (Aircall traces its own, per organisation). */
export const TRACEABLE_ACTIONS = ['call-started', 'call-answered', 'call-ended'] as const;
export type TraceableAction = (typeof TRACEABLE_ACTIONS)[number];

export interface CallElementsConfig {
  /** Providers by name, e.g. `{ twilio: createTwilioProvider({...}) }`. "demo" exists by default. */
  providers?: Record<string, CallProvider>;
  /** The current user, or an (async) function that returns it; asked when each call starts. */
  identity?: IdentitySource;
  /**
   * Who is calling: asked with the caller's number when a call comes in, while it rings. What it returns
   * (`leadId`, `requestId`, `displayName`) goes into the record and the ringing UI. A lookup that fails
   * or takes longer than `lookupCallerTimeoutMs` is left out; the call goes on.
   */
  lookupCaller?: CallerLookup;
  /** How long an incoming call's record waits for `lookupCaller` to answer (ms). Default 5000. */
  lookupCallerTimeoutMs?: number;
  /**
   * While an incoming call rings in a background tab: a system notification (once the agent allowed them,
   * see `requestCallNotifications()`) and a flashing tab title. Default false; `notify-incoming` on a
   * `<call-button accept-incoming>` turns it on for its calls.
   */
  notifyIncoming?: boolean;
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
  /** Queue tuning: retry delays, concurrency, timeouts, and the names of its database, lock and channel. */
  outbox?: OutboxSettings;
  /**
   * Timeline actions to log for every call of the providers that do not trace their own (demo, Twilio,
   * yours), through the durable queue: any of "call-started", "call-answered", "call-ended". Default none.
   * Aircall logs its own, as the organisation's `events` configuration says.
   */
  traceActions?: TraceableAction[];
}

const NOTIFY_LEVELS: readonly NotifyLevel[] = ['all', 'errors', 'none'];
const KNOWN_KEYS: readonly (keyof CallElementsConfig)[] = [
  'providers',
  'identity',
  'lookupCaller',
  'lookupCallerTimeoutMs',
  'notifyIncoming',
  'locale',
  'notify',
  'storage',
  'recording',
  'recordingDelaysMs',
  'outbox',
  'traceActions',
];

const invalid = (detail: string) => new CallElementsError('invalid-options', { params: { detail }, permanent: true });
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks what a host passes to `configure()`. Every mistake is an `invalid-options` error that says
 * what is wrong (never a TypeError, never a value used as if it were right); unknown keys are
 * refused so that a typo is not silently ignored. Returns the checked configuration.
 */
export function checkConfig(input: unknown): CallElementsConfig {
  if (!isPlainObject(input)) throw invalid(`configure() takes an object (got ${input === null ? 'null' : typeof input})`);
  for (const key of Object.keys(input)) {
    if (!KNOWN_KEYS.includes(key as keyof CallElementsConfig)) throw invalid(`"${key}" is not an option (known: ${KNOWN_KEYS.join(', ')})`);
  }
  const config = input as CallElementsConfig & Record<string, unknown>;
  if (config.notify !== undefined && !NOTIFY_LEVELS.includes(config.notify)) {
    throw invalid(`notify must be one of ${NOTIFY_LEVELS.join(', ')}`);
  }
  if (config.locale !== undefined && (typeof config.locale !== 'string' || !/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(config.locale))) {
    throw invalid('locale must be a language tag such as "en" or "fr-CA"');
  }
  if (config.identity !== undefined) {
    const identity = config.identity as unknown;
    const ok = typeof identity === 'function' || (isPlainObject(identity) && typeof identity.userId === 'string' && identity.userId !== '');
    if (!ok) throw invalid('identity must be { userId: string } or a function returning it');
  }
  if (config.lookupCaller !== undefined && typeof config.lookupCaller !== 'function') {
    throw invalid('lookupCaller must be a function (from, { from, provider }) returning { leadId?, requestId?, displayName? }');
  }
  if (config.lookupCallerTimeoutMs !== undefined) {
    const ms = config.lookupCallerTimeoutMs as unknown;
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0 || ms > 60_000) throw invalid('lookupCallerTimeoutMs must be a number of milliseconds between 1 and 60000');
  }
  if (config.notifyIncoming !== undefined && typeof config.notifyIncoming !== 'boolean') throw invalid('notifyIncoming must be true or false');
  if (config.storage !== undefined) {
    const storage = config.storage as unknown;
    if (!isPlainObject(storage) || typeof storage.saveCall !== 'function' || typeof storage.listCalls !== 'function') {
      throw invalid('storage must implement saveCall() and listCalls() (see CallStorage)');
    }
  }
  if (config.providers !== undefined) {
    if (!isPlainObject(config.providers)) throw invalid('providers must be an object of providers by name');
    for (const name of Object.keys(config.providers)) {
      if (!/^[a-z][a-z0-9-]{0,31}$/.test(name)) throw invalid(`provider name "${name.slice(0, 40)}" must be lower-case letters, digits and dashes`);
    }
  }
  if (config.recording !== undefined && config.recording !== false && typeof config.recording !== 'function') {
    throw invalid('recording must be a function or false');
  }
  if (config.recordingDelaysMs !== undefined) {
    const delays = config.recordingDelaysMs as unknown;
    if (!Array.isArray(delays) || delays.length > 50 || !delays.every((ms) => typeof ms === 'number' && Number.isFinite(ms) && ms >= 0)) {
      throw invalid('recordingDelaysMs must be a list of at most 50 numbers of milliseconds ≥ 0');
    }
  }
  if (config.traceActions !== undefined) {
    const trace = config.traceActions as unknown;
    if (!Array.isArray(trace) || !trace.every((type) => TRACEABLE_ACTIONS.includes(type as TraceableAction))) {
      throw invalid(`traceActions must be a list of ${TRACEABLE_ACTIONS.join(', ')}`);
    }
  }
  return { ...config, ...(config.outbox !== undefined && { outbox: checkOutboxSettings(config.outbox) }) };
}
