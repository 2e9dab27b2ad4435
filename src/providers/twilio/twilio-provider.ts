import { atom } from 'nanostores';
import { CallElementsError } from '../../internal/errors.js';
import type { MessageKey } from '../../locales/en.js';
import { pushNotification } from '../../store/push-notification.js';
import { debug } from '../../internal/debug.js';
import { isHttpUrl } from '../../internal/url.js';
import { isE164 } from '../../schema/phone.js';
import type { EndedBy } from '../../schema/call-record.js';
import type {
  CallCheckOptions,
  CallProvider,
  CallRequest,
  IncomingHandler,
  ProviderCapability,
  ProviderEvent,
  ProviderSink,
  ReceptionState,
  CallFeedback,
} from '../types.js';
import { applyAudioPreferences, readAudioPreferences, type AudioDeviceKind, type TwilioAudioAccess, type TwilioAudioHelper } from './audio-preferences.js';
import { runPreflight, type TwilioPreflightOptions, type TwilioPreflightTest } from './preflight.js';
import { loadTwilioSdk } from './sdk.js';
import { classifyTwilioError, describeTwilioError, isTokenError, twilioCode, type TwilioErrorLike } from './twilio-errors.js';
import '../../locales/on-demand-errors.js';
import '../../locales/engine-messages.js';

// The SDK surface this provider uses, written structurally so that a test can inject a fake module.
// Each member mirrors node_modules/@twilio/voice-sdk/es5/twilio/device.d.ts and call.d.ts.

/**
 * Listener of a Node-style EventEmitter. `any[]` as in the SDK's own (events package) typing: each
 * event name has its own payload, and `unknown[]` would reject every typed handler.
 */
export type TwilioListener = (...args: any[]) => void;

export interface TwilioEmitter {
  on(event: string, listener: TwilioListener): unknown;
  removeListener(event: string, listener: TwilioListener): unknown;
}

export interface TwilioCall extends TwilioEmitter {
  /** CallSid, From, To...: the CallSid of an outbound call only appears at `ringing` or `accept`. */
  readonly parameters: Record<string, string>;
  accept(): void;
  reject(): void;
  disconnect(): void;
  mute(shouldMute?: boolean): void;
  isMuted(): boolean;
  sendDigits(digits: string): void;
  status(): string;
  /** Reports the call's quality to Twilio Insights (call.d.ts): a score of 1–5 and, optionally, what was wrong. */
  postFeedback(score?: number, issue?: string): Promise<void>;
}

export interface TwilioDevice extends TwilioEmitter {
  readonly state: string;
  connect(options: { params: Record<string, string> }): Promise<TwilioCall>;
  register(): Promise<void>;
  unregister(): Promise<void>;
  destroy(): void;
  updateToken(token: string): void;
  /** The microphones and speakers (audiohelper.d.ts); null once destroyed. */
  readonly audio?: TwilioAudioHelper | null;
}

/** The Device options a host may set (the rest are test hooks, overrides, or fixed by this provider). */
export interface TwilioDeviceOptions {
  appName?: string;
  appVersion?: string;
  /** Ask before leaving the page during a call; a string is the message. */
  closeProtection?: boolean | string;
  codecPreferences?: ('opus' | 'pcmu')[];
  disableAudioContextSounds?: boolean;
  dscp?: boolean;
  /** Twilio edge(s), e.g. "dublin" or ["frankfurt", "roaming"]. */
  edge?: string | string[];
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'silent' | 0 | 1 | 2 | 3 | 4 | 5;
  maxAverageBitrate?: number;
  maxCallSignalingTimeoutMs?: number;
  /** Custom sound URLs by sound name (incoming, outgoing, disconnect, dtmf0...). */
  sounds?: Record<string, string>;
  /** How long before the token expires the Device asks for a new one (ms, default 10 000). */
  tokenRefreshMs?: number;
}

export interface TwilioDeviceConstructor {
  /**
   * `options` is typed loosely because the SDK's `Device.Options` spells codecs as a string enum that
   * plain strings cannot satisfy; the provider builds this object itself from checked options.
   */
  new (token: string, options: object): TwilioDevice;
  readonly isSupported: boolean;
  /** The pre-call test (preflight.d.ts); absent from fakes that do not need it. A method: the SDK's codecs are an enum. */
  runPreflight?(token: string, options?: TwilioPreflightOptions): TwilioPreflightTest;
}

export interface TwilioSdkModule {
  Device: TwilioDeviceConstructor;
}

export interface TwilioProviderOptions {
  /**
   * Your endpoint that returns `{ "token": "<Twilio Access Token>" }` for the signed-in user. Fetched
   * with GET and `credentials: 'include'` (the user's session cookie). Give this or `getToken`.
   */
  tokenUrl?: string;
  /** Returns a fresh Access Token (e.g. with your own auth headers). Give this or `tokenUrl`. */
  getToken?: () => Promise<string> | string;
  /** Receive calls: adds the "inbound" capability and `listen()`. Default false. */
  incoming?: boolean;
  /** Passed to `new Device()`. The provider always sets `enableImprovedSignalingErrorPrecision: true`. */
  deviceOptions?: TwilioDeviceOptions;
  /**
   * How long to wait for Twilio to take the call (signaling connected) and for the token endpoint, in
   * ms. Default 10 000. The SDK retries a lost connection forever; this bounds the wait for a call.
   */
  connectTimeoutMs?: number;
  /**
   * Keep each answered call (and its Device) this long after it ends, so that the agent's quality
   * rating can be sent to Twilio Insights with `call.postFeedback` (see `rateCall()`), in ms. Default 0:
   * the Device is released at once and no rating goes to Twilio (the record still keeps it).
   */
  feedbackWindowMs?: number;
  /**
   * Problems outside a call's own outcome (token refresh failed, registration for incoming calls
   * failed). Default: an error notification (shown by `<call-notification>`). Never receives the token.
   */
  onError?: (error: CallElementsError) => void;
  /** Loads the SDK module; tests inject a fake. Default: the lazy `loadTwilioSdk()`. */
  sdk?: () => Promise<TwilioSdkModule>;
}

export const TWILIO_DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** What Call.sendDigits accepts (call.js): digits, *, # and w (a half-second pause). */
const TWILIO_DIGITS = /^[0-9*#w]+$/;

const PROVIDER_LABEL = 'Twilio';

const DEVICE_OPTION_CHECKS: Record<keyof TwilioDeviceOptions, (value: unknown) => boolean> = {
  appName: (v) => typeof v === 'string',
  appVersion: (v) => typeof v === 'string',
  closeProtection: (v) => typeof v === 'boolean' || typeof v === 'string',
  codecPreferences: (v) => Array.isArray(v) && v.every((codec) => codec === 'opus' || codec === 'pcmu'),
  disableAudioContextSounds: (v) => typeof v === 'boolean',
  dscp: (v) => typeof v === 'boolean',
  edge: (v) => typeof v === 'string' || (Array.isArray(v) && v.every((edge) => typeof edge === 'string')),
  logLevel: (v) =>
    (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 5) ||
    (typeof v === 'string' && ['trace', 'debug', 'info', 'warn', 'error', 'silent'].includes(v.toLowerCase())),
  maxAverageBitrate: (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0,
  maxCallSignalingTimeoutMs: (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0,
  sounds: (v) =>
    typeof v === 'object' && v !== null && Object.values(v).every((url) => isHttpUrl(url, document.baseURI)),
  tokenRefreshMs: (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0,
};


function invalid(detail: string): CallElementsError {
  return new CallElementsError('invalid-options', { params: { detail }, permanent: true });
}

function checkOptions(options: TwilioProviderOptions): void {
  if (typeof options !== 'object' || options === null) throw invalid('createTwilioProvider needs an options object');
  const hasUrl = options.tokenUrl !== undefined;
  const hasGetter = options.getToken !== undefined;
  if (hasUrl === hasGetter) throw invalid('give exactly one of tokenUrl and getToken');
  if (hasUrl && !isHttpUrl(options.tokenUrl, document.baseURI)) {
    throw invalid('tokenUrl must be an http: or https: URL (absolute or relative to the page)');
  }
  if (hasGetter && typeof options.getToken !== 'function') throw invalid('getToken must be a function returning the token');
  if (options.incoming !== undefined && typeof options.incoming !== 'boolean') throw invalid('incoming must be true or false');
  const timeout = options.connectTimeoutMs;
  if (timeout !== undefined && (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0)) {
    throw invalid(`connectTimeoutMs must be a number of milliseconds > 0 (got ${String(timeout)})`);
  }  const feedbackWindow = options.feedbackWindowMs;
  if (feedbackWindow !== undefined && (typeof feedbackWindow !== 'number' || !Number.isFinite(feedbackWindow) || feedbackWindow < 0 || feedbackWindow > 600_000)) {
    throw invalid(`feedbackWindowMs must be a number of milliseconds from 0 to 600000 (got ${String(feedbackWindow)})`);
  }

  if (options.onError !== undefined && typeof options.onError !== 'function') throw invalid('onError must be a function');
  if (options.sdk !== undefined && typeof options.sdk !== 'function') throw invalid('sdk must be a function returning the SDK module');
  const deviceOptions = options.deviceOptions;
  if (deviceOptions === undefined) return;
  if (typeof deviceOptions !== 'object' || deviceOptions === null) throw invalid('deviceOptions must be an object');
  for (const [key, value] of Object.entries(deviceOptions)) {
    const check = DEVICE_OPTION_CHECKS[key as keyof TwilioDeviceOptions];
    if (!check) {
      throw invalid(
        `deviceOptions.${key} is not supported (allowed: ${Object.keys(DEVICE_OPTION_CHECKS).join(', ')})`,
      );
    }
    if (value !== undefined && !check(value)) throw invalid(`deviceOptions.${key} has an invalid value`);
  }
}

/** A CallSid Twilio gave (`CA…`), never the temporary outbound id (`TJ…`) the SDK uses before ringing. */
function realCallSid(call: TwilioCall): string | undefined {
  const sid = call.parameters?.CallSid;
  return typeof sid === 'string' && sid !== '' && !sid.startsWith('TJ') ? sid : undefined;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Adds listeners and returns the function that removes exactly those. */
function listenTo(emitter: TwilioEmitter, handlers: Record<string, TwilioListener>): () => void {
  for (const [event, handler] of Object.entries(handlers)) emitter.on(event, handler);
  return () => {
    for (const [event, handler] of Object.entries(handlers)) emitter.removeListener(event, handler);
  };
}

/** The one call this provider handles at a time. */
interface LiveCall {
  readonly direction: 'outbound' | 'inbound';
  readonly sink: ProviderSink;
  call?: TwilioCall;
  /** The agent hung up or rejected: the disconnect that follows is theirs. */
  byAgent: boolean;
  over: boolean;
  /** Ends a connect still waiting for Twilio (a token error makes waiting pointless). */
  abortSetup?: (error: CallElementsError, code?: number) => void;
  /** The Twilio code behind a failed setup, for the record's details. */
  setupCode?: number;
  detach?: () => void;
  /** The call was answered (only such a call can be rated). */
  answered?: boolean;
}

/** The Twilio provider: a CallProvider that also gives `<call-audio-settings>` its Device's audio. */
export interface TwilioCallProvider extends CallProvider {
  readonly audio: TwilioAudioAccess;
}

/**
 * The Twilio Voice provider. The SDK is downloaded on the first call or `listen()` only. One Device
 * lives while someone listens for incoming calls or a call is live, and is destroyed otherwise.
 * The audio devices chosen in `<call-audio-settings>` (kept in localStorage) are applied to each
 * Device: the speaker and ringtone outputs when it is created, the microphone just before a call
 * starts or is accepted (applying it opens the microphone, released again after the call).
 */
export function createTwilioProvider(options: TwilioProviderOptions): TwilioCallProvider {
  checkOptions(options);
  const loadSdk: () => Promise<TwilioSdkModule> = options.sdk ?? loadTwilioSdk;
  const connectTimeoutMs = options.connectTimeoutMs ?? TWILIO_DEFAULT_CONNECT_TIMEOUT_MS;
  const feedbackWindowMs = options.feedbackWindowMs ?? 0;
  /** The last answered call, kept for the agent's rating until `feedbackWindowMs` after its end. */
  let rateable: { call: TwilioCall; timer: ReturnType<typeof setTimeout> } | undefined;
  const forgetRateable = () => {
    if (rateable) clearTimeout(rateable.timer);
    rateable = undefined;
  };
  const capabilities: ReadonlySet<ProviderCapability> = new Set<ProviderCapability>(
    options.incoming ? ['outbound', 'inbound', 'mute', 'dtmf'] : ['outbound', 'mute', 'dtmf'],
  );

  let device: TwilioDevice | undefined;
  let detachDevice: (() => void) | undefined;
  let creating: Promise<TwilioDevice> | undefined;
  /** Twilio refused the Device's token (expired or invalid): the next use builds a new Device with a fresh token. */
  let stale = false;
  let live: LiveCall | undefined;
  const handlers = new Set<IncomingHandler>();
  /** The page went into the back/forward cache while someone listened: listen again when it comes back. */
  let suspended = false;
  let windowListening = false;
  /** Device error codes already reported outside calls, so that the SDK's retry loop does not flood onError. */
  const reportedCodes = new Set<number | undefined>();
  /** Rebuilds for listeners after a refused token since the last registration: a second refusal in a row is not retried. */
  let tokenRebuilds = 0;
  /** The last Device error while a connect waits: the SDK retries by itself, the timeout message names it. */
  let lastSetupError: TwilioErrorLike | undefined;
  /** Whether incoming calls reach the page: follows the Device's registration while someone listens. */
  const reception = atom<ReceptionState>('off');
  const updateReception = () => {
    let state: ReceptionState = 'off';
    if (handlers.size > 0 && !suspended) {
      if (device?.state === 'registered') state = 'ready';
      else if (device?.state === 'registering' || (!device && creating)) state = 'connecting';
      else state = 'offline';
    }
    if (reception.get() !== state) reception.set(state);
  };
  /** Who wants to know when the Device (and so its audio helper) comes or goes. */
  const audioListeners = new Set<() => void>();
  /** The microphone was chosen with setInputDevice for the live call: release it when the call ends. */
  let inputHeld = false;

  const report = (error: CallElementsError) => {
    debug('provider:twilio', 'error', { code: error.code, message: error.message });
    try {
      if (options.onError) options.onError(error);
      else pushNotification({ kind: 'error', messageKey: `error.${error.code}` as MessageKey, params: error.params, code: error.code, key: `twilio:${error.code}` });
    } catch (failure) {
      console.error('[call-elements] the Twilio onError callback failed', failure);
    }
  };

  function audioChanged(): void {
    for (const listener of [...audioListeners]) {
      try {
        listener();
      } catch (error) {
        console.error('[call-elements] a Twilio audio listener failed', error);
      }
    }
  }

  /** Applies the saved choices of `kinds` to the Device; what fails is reported, never thrown. */
  async function applyAudio(target: TwilioDevice, kinds: readonly AudioDeviceKind[], preferences = readAudioPreferences()): Promise<CallElementsError[]> {
    const helper = target.audio;
    if (!helper) return [];
    const errors = await applyAudioPreferences(helper, kinds, preferences);
    if (kinds.includes('input') && helper.inputDevice) inputHeld = true;
    return errors;
  }

  /** Applies at the start of a Device or a call: what fails is reported (a notification), never thrown. */
  async function applyAudioAndReport(target: TwilioDevice, kinds: readonly AudioDeviceKind[]): Promise<void> {
    for (const error of await applyAudio(target, kinds)) report(error);
  }

  function releaseInput(): void {
    const helper = device?.audio;
    if (!inputHeld || !helper) return;
    inputHeld = false;
    helper.unsetInputDevice().catch((error: unknown) => debug('provider:twilio', 'unset-input-failed', { error: errorText(error) }));
  }

  async function fetchToken(): Promise<string> {
    let token: unknown;
    if (options.getToken) {
      try {
        token = await options.getToken();
      } catch (error) {
        throw new CallElementsError('token-failed', { params: { detail: `getToken failed: ${errorText(error)}` }, cause: error });
      }
    } else {
      let response: Response;
      try {
        response = await fetch(options.tokenUrl!, {
          method: 'GET',
          credentials: 'include',
          cache: 'no-store',
          headers: { Accept: 'application/json' },
          signal: AbortSignal.timeout(connectTimeoutMs),
        });
      } catch (error) {
        const timedOut = (error as Error)?.name === 'TimeoutError';
        const detail = timedOut ? `no answer within ${connectTimeoutMs} ms` : `network error (${errorText(error)})`;
        throw new CallElementsError('token-failed', { params: { detail }, cause: error });
      }
      if (!response.ok) {
        throw new CallElementsError('token-failed', {
          params: { detail: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}` },
          status: response.status,
          permanent: response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429,
        });
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        throw new CallElementsError('token-failed', { params: { detail: 'the response is not JSON' }, permanent: true });
      }
      token = (body as { token?: unknown } | null)?.token;
    }
    if (typeof token !== 'string' || token.trim() === '') {
      throw new CallElementsError('token-failed', { params: { detail: 'no token in the answer (expected { "token": "…" })' }, permanent: true });
    }
    return token;
  }

  function syncWindowListeners(): void {
    const wanted = device !== undefined || suspended;
    if (wanted === windowListening) return;
    windowListening = wanted;
    if (wanted) {
      window.addEventListener('pagehide', onPageHide);
      window.addEventListener('pageshow', onPageShow);
    } else {
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('pageshow', onPageShow);
    }
  }

  async function loadSupportedSdk(): Promise<TwilioSdkModule> {
    let sdk: TwilioSdkModule;
    try {
      sdk = await loadSdk();
    } catch (error) {
      throw new CallElementsError('sdk-load-failed', { params: { provider: PROVIDER_LABEL, detail: errorText(error) }, cause: error });
    }
    if (!sdk?.Device?.isSupported) {
      throw new CallElementsError('browser-unsupported', { params: { provider: PROVIDER_LABEL }, permanent: true });
    }
    return sdk;
  }

  async function createDevice(): Promise<TwilioDevice> {
    const sdk = await loadSupportedSdk();
    const token = await fetchToken();
    let created: TwilioDevice;
    try {
      created = new sdk.Device(token, {
        ...options.deviceOptions,
        // Busy, declined and unreachable calls get their own codes only with this flag.
        enableImprovedSignalingErrorPrecision: true,
        // One call at a time: the session model has no call waiting.
        allowIncomingWhileBusy: false,
      });
    } catch (error) {
      throw new CallElementsError('connection-failed', { params: { detail: errorText(error) }, cause: error });
    }
    device = created;
    stale = false;
    reportedCodes.clear();
    detachDevice = listenTo(created, {
      error: (error: TwilioErrorLike) => onDeviceError(created, error),
      tokenWillExpire: () => void refreshToken(created),
      registered: () => {
        reportedCodes.clear();
        tokenRebuilds = 0;
        updateReception();
      },
      registering: updateReception,
      unregistered: updateReception,
      ...(options.incoming ? { incoming: (call: TwilioCall) => onIncoming(created, call) } : {}),
    });
    syncWindowListeners();
    debug('provider:twilio', 'device-created');
    void applyAudioAndReport(created, ['speaker', 'ringtone']);
    audioChanged();
    // A Device replacing a stale one for an outbound call must keep receiving calls too.
    void registerIfListening(created);
    return created;
  }

  function ensureDevice(): Promise<TwilioDevice> {
    if (device && stale && !live?.call) destroyDevice();
    if (device) return Promise.resolve(device);
    creating ??= createDevice().finally(() => {
      creating = undefined;
      updateReception();
    });
    updateReception();
    return creating;
  }

  function destroyDevice(): void {
    const current = device;
    if (!current) return;
    device = undefined;
    inputHeld = false;
    detachDevice?.();
    detachDevice = undefined;
    try {
      current.destroy();
    } catch (error) {
      debug('provider:twilio', 'destroy-failed', { error: errorText(error) });
    }
    syncWindowListeners();
    updateReception();
    debug('provider:twilio', 'device-destroyed');
    audioChanged();
  }

  /** Keeps the Device only while it serves someone; a stale one is replaced for the listeners. */
  function releaseIfUnused(): void {
    if (live || rateable) return;
    if (handlers.size === 0) {
      destroyDevice();
      return;
    }
    if (device && stale) {
      destroyDevice();
      void startListening();
    }
  }

  async function refreshToken(target: TwilioDevice): Promise<void> {
    try {
      const token = await fetchToken();
      if (device === target) target.updateToken(token);
      debug('provider:twilio', 'token-refreshed');
    } catch (error) {
      // The live call keeps its media; the next call gets a new Device and token.
      if (device === target) stale = true;
      report(error instanceof CallElementsError ? error : new CallElementsError('token-failed', { params: { detail: errorText(error) } }));
    }
  }

  function onDeviceError(source: TwilioDevice, error: TwilioErrorLike): void {
    if (source !== device) return;
    const code = twilioCode(error);
    debug('provider:twilio', 'device-error', { code });
    if (isTokenError(error)) stale = true;
    const pending = live?.abortSetup;
    if (pending && isTokenError(error)) {
      const outcome = classifyTwilioError(error);
      if (outcome.kind === 'failed') pending(outcome.error, outcome.code);
      return;
    }
    if (pending) {
      // The SDK retries the signaling connection by itself; the connect timeout bounds the wait.
      lastSetupError = error;
      return;
    }
    if (!reportedCodes.has(code)) {
      reportedCodes.add(code);
      const outcome = classifyTwilioError(error);
      if (outcome.kind === 'failed') report(outcome.error);
    }
    if (stale && !live && handlers.size > 0 && tokenRebuilds === 0) {
      tokenRebuilds += 1;
      releaseIfUnused();
    }
  }

  // — one call —

  function deliver(current: LiveCall, event: ProviderEvent): void {
    debug('provider:twilio', event.type, { input: event });
    try {
      current.sink(event);
    } catch (error) {
      console.error('[call-elements] a Twilio call sink failed', error);
    }
  }

  /** Reports the end of a call once, whoever reports it first, and lets the Device go if unused. */
  function finish(current: LiveCall, event: ProviderEvent | undefined): void {
    if (current.over) return;
    current.over = true;
    current.abortSetup = undefined;
    current.detach?.();
    current.detach = undefined;
    if (live === current) live = undefined;
    if (event) deliver(current, event);
    if (!live) releaseInput();
    forgetRateable();
    if (feedbackWindowMs > 0 && current.call && current.answered) {
      rateable = {
        call: current.call,
        timer: setTimeout(() => {
          rateable = undefined;
          releaseIfUnused();
        }, feedbackWindowMs),
      };
    }
    releaseIfUnused();
  }

  function fail(current: LiveCall, error: CallElementsError, code?: number): void {
    finish(current, {
      type: 'failed',
      error: { code: error.code, message: error.message, params: error.params },
      details: code === undefined ? undefined : { twilioErrorCode: code },
    });
  }

  function onCallError(current: LiveCall, error: TwilioErrorLike): void {
    if (isTokenError(error)) stale = true;
    const outcome = classifyTwilioError(error);
    if (outcome.kind === 'ended') {
      finish(current, { type: 'ended', endedBy: 'remote', status: outcome.status, details: { twilioErrorCode: outcome.code } });
    } else {
      fail(current, outcome.error, outcome.code);
    }
  }

  function followCall(current: LiveCall, call: TwilioCall): void {
    current.call = call;
    const endedBy = (): EndedBy => (current.byAgent ? 'agent' : 'remote');
    current.detach = listenTo(call, {
      ringing: () => deliver(current, { type: 'ringing', callSid: realCallSid(call) }),
      accept: () => {
        current.answered = true;
        deliver(current, { type: 'connected', callSid: realCallSid(call) });
      },
      reconnecting: () => deliver(current, { type: 'reconnecting' }),
      reconnected: () => deliver(current, { type: 'reconnected' }),
      mute: (muted: boolean) => deliver(current, { type: 'muted', muted: Boolean(muted) }),
      warning: (name: string) => deliver(current, { type: 'warning', name: String(name) }),
      'warning-cleared': (name: string) => deliver(current, { type: 'warning-cleared', name: String(name) }),
      error: (error: TwilioErrorLike) => onCallError(current, error),
      // The SDK emits "disconnect" before the "error" that explains it when the microphone fails:
      // waiting one microtask lets the precise error win.
      disconnect: () => queueMicrotask(() => finish(current, { type: 'ended', endedBy: endedBy() })),
      cancel: () =>
        finish(current, current.direction === 'inbound' ? { type: 'ended', endedBy: 'remote', status: 'missed' } : { type: 'ended', endedBy: 'remote' }),
      reject: () => finish(current, { type: 'ended', endedBy: 'agent', status: 'rejected' }),
    });
  }

  /** Waits for `device.connect()`, failing on a token error at once and on silence after the timeout. */
  function connectWithin(target: TwilioDevice, current: LiveCall, params: Record<string, string>): Promise<TwilioCall> {
    lastSetupError = undefined;
    return new Promise<TwilioCall>((resolve, reject) => {
      let settled = false;
      const settle = (error?: CallElementsError, call?: TwilioCall, code?: number) => {
        if (settled) return false;
        settled = true;
        current.setupCode = code;
        clearTimeout(timer);
        current.abortSetup = undefined;
        if (error) reject(error);
        else resolve(call!);
        return true;
      };
      const timer = setTimeout(() => {
        const last = lastSetupError ? `; last error: ${describeTwilioError(lastSetupError)}` : '';
        settle(new CallElementsError('connection-failed', { params: { detail: `Twilio did not answer within ${connectTimeoutMs} ms${last}` } }));
      }, connectTimeoutMs);
      current.abortSetup = (error, code) => settle(error, undefined, code);
      target.connect({ params }).then(
        (call) => {
          // A call that arrives after we gave up must not stay open.
          if (!settle(undefined, call)) call.disconnect();
        },
        (error: unknown) => {
          const outcome = classifyTwilioError(error as TwilioErrorLike);
          const failure =
            outcome.kind === 'failed'
              ? outcome.error
              : new CallElementsError('connection-failed', { params: { detail: describeTwilioError(error as TwilioErrorLike) } });
          settle(failure, undefined, outcome.code);
        },
      );
    });
  }

  async function placeOutbound(current: LiveCall, request: CallRequest): Promise<void> {
    try {
      const target = await ensureDevice();
      if (current.over) {
        releaseIfUnused();
        return;
      }
      if (readAudioPreferences().input) await applyAudioAndReport(target, ['input']);
      if (current.over) {
        releaseIfUnused();
        return;
      }
      performance.mark('call-elements:twilio-connect');
      // `To` last: the validated number cannot be replaced by an extra parameter.
      const call = await connectWithin(target, current, { ...request.params, To: request.to });
      if (current.over) {
        call.disconnect();
        releaseIfUnused();
        return;
      }
      followCall(current, call);
    } catch (error) {
      const failure = error instanceof CallElementsError ? error : new CallElementsError('connection-failed', { params: { detail: errorText(error) }, cause: error });
      fail(current, failure, current.setupCode);
    }
  }

  // — incoming calls —

  function onIncoming(source: TwilioDevice, call: TwilioCall): void {
    if (source !== device) return;
    const { CallSid: callSid, From: from, To: to } = call.parameters ?? {};
    let sink: ProviderSink | undefined;
    if (!live && callSid) {
      const info = {
        callSid,
        // Only E.164 numbers go to the record's from/to; "client:alice" and the like stay in details.
        from: isE164(from) ? from : undefined,
        to: isE164(to) ? to : undefined,
        details: { twilioFrom: from, twilioTo: to },
      };
      for (const handler of handlers) {
        try {
          sink = handler(info);
        } catch (error) {
          console.error('[call-elements] an incoming call handler failed', error);
        }
        if (sink) break;
      }
    }
    if (!sink) {
      debug('provider:twilio', 'incoming-rejected', { callSid, busy: Boolean(live) });
      try {
        call.reject();
      } catch (error) {
        debug('provider:twilio', 'reject-failed', { error: errorText(error) });
      }
      return;
    }
    const current: LiveCall = { direction: 'inbound', sink, byAgent: false, over: false };
    live = current;
    followCall(current, call);
  }

  async function registerIfListening(target: TwilioDevice): Promise<void> {
    if (handlers.size === 0 || device !== target || target.state !== 'unregistered') return;
    try {
      await target.register();
    } catch (error) {
      // The SDK re-registers by itself after its signaling reconnects: a check of ours meanwhile is not a failure.
      const now: string = target.state;
      if (now === 'registering' || now === 'registered') return;
      if (handlers.size > 0 && device === target) {
        report(new CallElementsError('connection-failed', { params: { detail: `registration failed: ${errorText(error)}` }, cause: error }));
      }
    }
  }

  async function startListening(): Promise<void> {
    let target: TwilioDevice;
    try {
      target = await ensureDevice();
    } catch (error) {
      if (handlers.size > 0) report(error instanceof CallElementsError ? error : new CallElementsError('connection-failed', { params: { detail: errorText(error) }, cause: error }));
      return;
    }
    if (handlers.size === 0) releaseIfUnused();
    else await registerIfListening(target);
  }

  function stopListening(): void {
    const current = device;
    if (current?.state === 'registered') {
      current.unregister().catch((error: unknown) => debug('provider:twilio', 'unregister-failed', { error: errorText(error) }));
    }
    releaseIfUnused();
  }

  // — page lifecycle —

  /**
   * The page is visible again or back online: a Device that lost its registration (the tab was frozen,
   * the network changed, the SDK's own re-registration failed) registers again, and one that is gone
   * (a refused token, a failed creation) is created again.
   */
  function checkReception(): void {
    if (handlers.size === 0 || suspended || live) return;
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return;
    debug('provider:twilio', 'check-reception', { state: device?.state ?? 'none' });
    if (!device || stale) {
      if (!creating) {
        if (device) destroyDevice();
        void startListening();
      }
      return;
    }
    void registerIfListening(device);
  }

  let receptionChecks: (() => void) | undefined;
  function syncReceptionChecks(): void {
    const wanted = handlers.size > 0 && typeof window !== 'undefined';
    if (wanted === !!receptionChecks) return;
    if (!wanted) {
      receptionChecks?.();
      receptionChecks = undefined;
      return;
    }
    window.addEventListener('online', checkReception);
    document.addEventListener('visibilitychange', checkReception);
    receptionChecks = () => {
      window.removeEventListener('online', checkReception);
      document.removeEventListener('visibilitychange', checkReception);
    };
  }

  function endForPage(current: LiveCall): void {
    try {
      if (current.call?.status() === 'pending') current.call.reject();
      else current.call?.disconnect();
    } catch (error) {
      debug('provider:twilio', 'hangup-failed', { error: errorText(error) });
    }
    finish(current, { type: 'ended', endedBy: 'system' });
  }

  function onPageHide(event: PageTransitionEvent): void {
    // A page in the back/forward cache cannot keep media or signaling: end and let go, come back on pageshow.
    if (live) endForPage(live);
    suspended = event.persisted && handlers.size > 0;
    forgetRateable();
    destroyDevice();
    syncWindowListeners();
    updateReception();
  }

  function onPageShow(event: PageTransitionEvent): void {
    if (!event.persisted || !suspended) return;
    suspended = false;
    syncWindowListeners();
    updateReception();
    if (handlers.size > 0) void startListening();
  }

  const provider: TwilioCallProvider = {
    name: 'twilio',
    capabilities,
    start(request: CallRequest, sink: ProviderSink) {
      if (live) throw new CallElementsError('call-in-progress');
      const current: LiveCall = { direction: 'outbound', sink, byAgent: false, over: false };
      live = current;
      debug('provider:twilio', 'start', { to: request.to });
      return placeOutbound(current, request);
    },
    hangup() {
      const current = live;
      if (!current) return;
      if (current.call?.status() === 'pending') {
        provider.reject?.();
        return;
      }
      current.byAgent = true;
      try {
        current.call?.disconnect();
      } catch (error) {
        debug('provider:twilio', 'hangup-failed', { error: errorText(error) });
      }
      // Reported now rather than on the SDK's disconnect: a call still connecting emits none.
      finish(current, { type: 'ended', endedBy: 'agent' });
    },
    mute(on: boolean) {
      live?.call?.mute(on);
    },
    sendDigits(digits: string) {
      if (typeof digits !== 'string' || !TWILIO_DIGITS.test(digits)) throw new CallElementsError('invalid-digits', { permanent: true });
      const call = live?.call;
      if (!call) return;
      debug('provider:twilio', 'digits', { count: digits.length });
      call.sendDigits(digits);
    },
    accept() {
      const current = live;
      const call = current?.direction === 'inbound' ? current.call : undefined;
      if (call?.status() !== 'pending') return;
      const target = device;
      if (!target?.audio || !readAudioPreferences().input) {
        call.accept();
        return;
      }
      // The chosen microphone first, so that the call's media starts on it.
      void applyAudioAndReport(target, ['input']).then(() => {
        if (live === current && call.status() === 'pending') call.accept();
      });
    },
    reject() {
      const current = live;
      if (current?.direction !== 'inbound' || current.call?.status() !== 'pending') return;
      current.byAgent = true;
      current.call.reject();
      finish(current, { type: 'ended', endedBy: 'agent', status: 'rejected' });
    },
    audio: {
      helper: () => device?.audio ?? undefined,
      subscribe(listener: () => void) {
        audioListeners.add(listener);
        return () => {
          audioListeners.delete(listener);
        };
      },
      async applyNow(kind: AudioDeviceKind) {
        const target = device;
        if (!target || (kind === 'input' && !live?.call)) return [];
        const preferences = readAudioPreferences();
        return applyAudio(target, [kind], { [kind]: preferences[kind] ?? 'default' });
      },
    },
    async checkCall(checkOptions?: CallCheckOptions) {
      const sdk = await loadSupportedSdk();
      const run = sdk.Device.runPreflight;
      if (typeof run !== 'function') throw new CallElementsError('not-supported', { params: { provider: PROVIDER_LABEL, feature: 'runPreflight' }, permanent: true });
      const token = await fetchToken();
      const { edge, codecPreferences } = options.deviceOptions ?? {};
      const preflightOptions = { ...(edge ? { edge: Array.isArray(edge) ? edge[0] : edge } : {}), ...(codecPreferences ? { codecPreferences } : {}) };
      debug('provider:twilio', 'call-check');
      return runPreflight((value, opts) => run.call(sdk.Device, value, opts), token, preflightOptions, checkOptions);
    },
    async postFeedback({ score, issue }: CallFeedback) {
      const kept = rateable;
      // Without a feedback window the provider sends no ratings (the record keeps them): nothing to do.
      if (!kept && feedbackWindowMs === 0) return;
      if (!kept) {
        throw new CallElementsError('not-supported', {
          params: { provider: PROVIDER_LABEL, feature: 'a rating after feedbackWindowMs, or of a call that was not answered' },
          permanent: true,
        });
      }
      forgetRateable();
      try {
        await kept.call.postFeedback(score, issue);
        debug('provider:twilio', 'feedback-sent', { score });
      } catch (error) {
        throw new CallElementsError('provider-failed', { params: { detail: `Twilio did not take the rating: ${errorText(error)}` }, cause: error });
      } finally {
        releaseIfUnused();
      }
    },
    dispose() {
      forgetRateable();
      handlers.clear();
      syncReceptionChecks();
      updateReception();
      suspended = false;
      if (live) endForPage(live);
      destroyDevice();
      syncWindowListeners();
    },
  };

  if (options.incoming) {
    provider.listen = (onIncoming: IncomingHandler) => {
      handlers.add(onIncoming);
      syncReceptionChecks();
      updateReception();
      void startListening();
      return () => {
        if (!handlers.delete(onIncoming)) return;
        syncReceptionChecks();
        if (handlers.size === 0) stopListening();
        updateReception();
      };
    };
    Object.assign(provider, { reception });
  }

  return provider;
}
