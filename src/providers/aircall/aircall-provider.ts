import type { AircallWorkspace } from './sdk-types.js';
import { atom, onMount, type ReadableAtom } from 'nanostores';
import { debug } from '../../internal/debug.js';
import { CallElementsError, toCallElementsError } from '../../internal/errors.js';
import type { AircallScope, PublicAircallConfig } from '../../schema/aircall-config.js';
import type { CallActionType } from '../../schema/call-action.js';
import { compactPhoneNumber, isE164 } from '../../schema/common.js';
import { $aircallConfigs, getAircallConfig, scopeKey } from '../../store/aircall.js';
import type {
  CallProvider,
  CallRequest,
  IncomingHandler,
  ProviderAvailability,
  ProviderCapability,
  ProviderHost,
  ProviderSink,
} from '../types.js';
import { createMessageGate, type GatedWindow, type MessageGate } from './message-gate.js';
import { loadAircallSdk, type AircallWorkspaceConstructor } from './sdk.js';
import { AircallWorkspaceElement, defineWorkspaceElement, WORKSPACE_TAG } from './workspace-element.js';
import '../../locales/engine-messages.js';

/** The workspace aircall-everywhere loads by default. */
export const AIRCALL_WORKSPACE_URL = 'https://workspace.aircall.io';
export const DEFAULT_LOAD_TIMEOUT_MS = 30_000;

/** The `allow` list aircall-everywhere gives its iframe: the workspace needs the microphone and the clipboard. */
const FRAME_PERMISSIONS = 'microphone; autoplay; clipboard-read; clipboard-write; hid';

export interface AircallProviderOptions {
  /**
   * The Aircall workspace page. Default {@link AIRCALL_WORKSPACE_URL}. Its origin is the only one
   * messages are accepted from and posted to. `https:`, or `http:` on localhost (development).
   */
  workspaceUrl?: string;
  /**
   * How long the workspace may take to greet the page (ms) — Aircall's own handshake, which it sends
   * once it is loaded and the person signed in — before the call fails with `workspace-timeout`. A
   * workspace that cannot load (DNS, firewall, a domain Aircall does not allow) never greets: its
   * frame shows an error page, which is not taken for the workspace. Default 30000.
   */
  loadTimeoutMs?: number;
  /** Loads the AircallWorkspace class. Default: the aircall-everywhere package, on first use. */
  sdk?: () => Promise<AircallWorkspaceConstructor>;
}

/** The Aircall provider: a {@link CallProvider} with inbound calls and a way to show the workspace. */
export interface AircallProvider extends CallProvider {
  availability(params: Record<string, string>): ReadableAtom<ProviderAvailability>;
  listen(onIncoming: IncomingHandler): () => void;
  /** Shows the workspace so that the agent answers the incoming call there. */
  accept(): void;
  /** Shows the workspace so that the agent declines the incoming call there. */
  reject(): void;
  /**
   * Shows the workspace for an organisation without placing a call (to sign in, or to take calls).
   * Rejects with the same errors as a call (`scope-missing`, `config-missing`, `aircall-disabled`,
   * `sdk-load-failed`...), except that outbound calls need not be allowed.
   */
  showWorkspace(params: Record<string, string>): Promise<void>;
}

/** A call Aircall knows (or is about to know) that this provider follows. */
interface TrackedCall {
  direction: 'outbound' | 'inbound';
  scope: AircallScope;
  request?: CallRequest;
  /** The session's sink; undefined once the session is over (hung up here, or ended). */
  sink?: ProviderSink;
  /** Aircall's `call_id`, the record's callSid. */
  callId?: string;
  /** E.164 number of the other party, when Aircall gave one. */
  number?: string;
  notes?: string;
  answered: boolean;
  /** True from the moment `dial_number` is sent: Aircall may have the call from then on. */
  dialled: boolean;
  abort: AbortController;
}

interface Workspace {
  frame: HTMLIFrameElement;
  gate: MessageGate;
  sdk: AircallWorkspace;
  /** The frame's `load` fired: it shows a page (the workspace, or a browser error page). */
  framed: boolean;
  /** Aircall's handshake (`apm_phone_loaded`) arrived: the workspace is there and signed in. */
  loggedIn: boolean;
  /** A call gave up waiting for the handshake: the next call loads the workspace afresh. */
  timedOut: boolean;
}

/** What aircall-everywhere 2.x reads from its settings; `window` is undocumented but is where it listens. */
interface SdkSettings {
  window: GatedWindow;
  onLogin: () => void;
  onLogout: () => void;
  debug: boolean;
}

/** Why a preparation stopped without an error to report: the session is over already. */
const HUNG_UP = Symbol('hung up');

function invalid(detail: string): CallElementsError {
  return new CallElementsError('invalid-options', { params: { detail }, permanent: true });
}

function checkOptions(options: AircallProviderOptions): { url: URL; loadTimeoutMs: number } {
  let url: URL;
  try {
    url = new URL(options.workspaceUrl ?? AIRCALL_WORKSPACE_URL);
  } catch {
    throw invalid('workspaceUrl must be an absolute URL');
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw invalid('workspaceUrl must be an https: URL (http: only on localhost)');
  }
  const loadTimeoutMs = options.loadTimeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS;
  if (typeof loadTimeoutMs !== 'number' || !Number.isFinite(loadTimeoutMs) || loadTimeoutMs <= 0) {
    throw invalid(`loadTimeoutMs must be a number of milliseconds > 0 (got ${String(options.loadTimeoutMs)})`);
  }
  if (options.sdk !== undefined && typeof options.sdk !== 'function') throw invalid('sdk must be a function returning the AircallWorkspace class');
  for (const key of Object.keys(options)) {
    if (!['workspaceUrl', 'loadTimeoutMs', 'sdk'].includes(key)) throw invalid(`"${key}" is not an option of createAircallProvider`);
  }
  return { url, loadTimeoutMs };
}

function scopeOf(params: Record<string, string> | undefined): AircallScope {
  const organizationId = params?.organizationId?.trim();
  const countryCode = params?.countryCode?.trim();
  if (!organizationId || !countryCode) throw new CallElementsError('scope-missing', { permanent: true });
  return { organizationId, countryCode };
}

/** Why this configuration does not allow the use (`outbound`: placing calls; `workspace`: opening it). */
function configProblem(scope: AircallScope, config: PublicAircallConfig | null, use: 'outbound' | 'workspace'): CallElementsError | undefined {
  if (!config) return new CallElementsError('config-missing', { params: { ...scope }, permanent: true });
  if (!config.enabled) return new CallElementsError('aircall-disabled', { permanent: true });
  if (use === 'outbound' && !config.permissions.canMakeOutboundCalls) return new CallElementsError('outbound-not-allowed', { permanent: true });
  return undefined;
}

function allowedCapabilities(config: PublicAircallConfig): ReadonlySet<ProviderCapability> {
  const { permissions } = config;
  const allowed = new Set<ProviderCapability>();
  if (permissions.canMakeOutboundCalls) allowed.add('outbound');
  if (permissions.canReceiveInboundCalls) allowed.add('inbound');
  if (permissions.canTransferCalls) allowed.add('transfer');
  if (permissions.canRecordCalls) allowed.add('recording');
  return allowed;
}

/**
 * The Aircall button shows only when the organisation has Aircall configured and turned
 * on, so those two cases hide it; a missing permission disables it with its reason.
 */
function evaluate(scope: AircallScope, config: PublicAircallConfig | null): ProviderAvailability {
  const problem = configProblem(scope, config, 'outbound');
  if (!config || !config.enabled) return { problem, hidden: true, capabilities: new Set() };
  return { problem, capabilities: allowedCapabilities(config) };
}

function dialError(data: unknown): CallElementsError {
  const { code, message } = (data ?? {}) as { code?: unknown; message?: unknown };
  switch (code) {
    case 'not_ready':
      return new CallElementsError('aircall-not-ready');
    case 'no_answer':
      return new CallElementsError('aircall-no-answer');
    case 'in_call':
      return new CallElementsError('aircall-in-call');
    default:
      return new CallElementsError('provider-failed', { params: { detail: `Aircall: ${String(code ?? 'unknown_error')} ${String(message ?? '')}`.trim() } });
  }
}

/** Aircall's call ids are numbers; the record keeps them as strings. */
function callIdOf(value: unknown): string | undefined {
  const id = (value as { call_id?: unknown } | null)?.call_id;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  if (typeof id === 'string' && id.trim() && id.length <= 100) return id.trim();
  return undefined;
}

function e164Of(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const compact = compactPhoneNumber(value);
  return isE164(compact) ? compact : undefined;
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
}

const MAX_NOTES = 20_000;

/**
 * Places and receives calls through Aircall Everywhere: the Aircall workspace runs in an iframe in
 * a modal dialog (`<call-aircall-workspace>`), created on the first call and reused; calls follow
 * the organisation's Aircall configuration (`organizationId` and `countryCode` in the request's
 * params). The workspace's messages are accepted only from its own frame and origin.
 *
 * Aircall Everywhere cannot hang up, answer or decline from the page: `hangup()` ends the call's
 * session (endedBy "agent") and shows the workspace so that the agent ends the call there;
 * `accept()` and `reject()` show the workspace too.
 */
export function createAircallProvider(options: AircallProviderOptions = {}): AircallProvider {
  const { url, loadTimeoutMs } = checkOptions(options);
  const workspaceOrigin = url.origin;
  const frameUrl = new URL(url);
  // What aircall-everywhere loads: the workspace in its generic (non-CRM) integration mode.
  frameUrl.searchParams.set('integration', 'generic');
  const loadSdk = options.sdk ?? loadAircallSdk;
  const capabilities: ReadonlySet<ProviderCapability> = new Set(['outbound', 'inbound', 'transfer', 'recording']);
  /** What the page's runtime gives the provider when it is registered (configuration, action log, late details). */
  let host: ProviderHost | undefined;
  const requireHost = (): ProviderHost => {
    if (!host) throw invalid('register the Aircall provider (configure({ providers: { aircall } })) before using it');
    return host;
  };
  const loadConfig = async (scope: AircallScope) => requireHost().loadAircallConfig(scope);

  let element: AircallWorkspaceElement | undefined;
  let workspace: Workspace | undefined;
  /** The outbound call being prepared (before Aircall gave its call id). */
  let pending: TrackedCall | undefined;
  /** Calls Aircall gave an id to, until they end. */
  const calls = new Map<string, TrackedCall>();
  /** Calls that ended lately, for comments saved after the end. */
  const ended = new Map<string, TrackedCall>();
  /** The organisation the workspace was last opened for: inbound calls and login actions follow its configuration. */
  let activeScope: AircallScope | undefined;
  let incomingHandler: IncomingHandler | undefined;
  const waiters = new Set<() => void>();

  const notifyWaiters = () => [...waiters].forEach((check) => check());

  const configOf = (scope: AircallScope | undefined) => (scope ? getAircallConfig(scope) : undefined);

  const sessionCall = (): TrackedCall | undefined => {
    if (pending?.sink) return pending;
    for (const call of calls.values()) if (call.sink) return call;
    return undefined;
  };

  const report = (call: TrackedCall, event: Parameters<ProviderSink>[0]) => {
    debug('provider:aircall', event.type, { input: event });
    call.sink?.(event);
  };

  const logAction = (
    type: CallActionType,
    gate: keyof PublicAircallConfig['events'],
    scope: AircallScope | undefined,
    call?: Partial<Pick<TrackedCall, 'callId' | 'number' | 'request'>>,
    notes?: string,
  ) => {
    if (!configOf(scope)?.events[gate] || !host) return;
    const id = call?.callId && type !== 'note' ? `aircall:${call.callId}:${type}` : `aircall:${type}:${Date.now().toString(36)}-${randomId()}`;
    host.logAction({
      id,
      type,
      requestId: call?.request?.requestId,
      leadId: call?.request?.leadId,
      agentId: call?.request?.agentId,
      userId: call?.request?.userId,
      callId: call?.callId ? `${provider.name}:${call.callId}` : undefined,
      phoneNumber: call?.number,
      userDisplayName: call?.request?.displayName,
      notes,
      at: new Date().toISOString(),
    });
  };

  const updateStatus = () => {
    if (!element || !workspace) return;
    element.status = workspace.loggedIn ? 'ready' : workspace.framed ? 'waiting' : 'loading';
  };

  const forget = (call: TrackedCall) => {
    if (pending === call) pending = undefined;
    if (call.callId && calls.get(call.callId) === call) {
      calls.delete(call.callId);
      ended.set(call.callId, call);
      // Only the latest calls can still receive a comment.
      for (const id of ended.keys()) if (ended.size > 20) ended.delete(id);
    }
  };

  /** Reports the call's end, after which nothing more reaches its session, and stops tracking it. */
  const end = (call: TrackedCall, event: Extract<Parameters<ProviderSink>[0], { type: 'ended' }>) => {
    report(call, event);
    call.sink = undefined;
    forget(call);
  };

  // — events from the workspace (one callback per event name in aircall-everywhere) —

  const onLogin = () => {
    if (!workspace) return;
    workspace.loggedIn = true;
    updateStatus();
    notifyWaiters();
    // The request being prepared says what the agent was doing; the number is not part of a login.
    logAction('login', 'onLogin', pending?.scope ?? activeScope, { request: pending?.request });
  };

  const onLogout = () => {
    if (!workspace) return;
    workspace.loggedIn = false;
    updateStatus();
    notifyWaiters();
    logAction('logout', 'onLogout', activeScope);
    // Signed out, the workspace cannot carry a call any more.
    for (const call of [...calls.values()]) {
      end(call, { type: 'ended', endedBy: 'system' });
    }
  };

  const onOutgoingCall = (value: unknown) => {
    const callId = callIdOf(value);
    const call = pending;
    if (!callId || !call || !call.dialled || call.callId) {
      debug('provider:aircall', 'untracked-outgoing-call', { callId });
      return;
    }
    const to = e164Of(field(value, 'to'));
    if (to && to !== call.number) {
      debug('provider:aircall', 'outgoing-call-to-another-number', { callId });
      return;
    }
    call.callId = callId;
    pending = undefined;
    calls.set(callId, call);
    // The agent's own Aircall number, which the record keeps as `from`.
    report(call, { type: 'ringing', callSid: callId, from: e164Of(field(value, 'from')) });
    logAction('call-started', 'onCallStart', call.scope, call);
  };

  const onOutgoingAnswered = (value: unknown) => {
    const call = calls.get(callIdOf(value) ?? '');
    if (!call || call.direction !== 'outbound' || call.answered) return;
    call.answered = true;
    report(call, { type: 'connected', callSid: call.callId });
    logAction('call-answered', 'onCallAnswer', call.scope, call);
  };

  const onCallEnded = (value: unknown) => {
    const call = calls.get(callIdOf(value) ?? '');
    if (!call) return;
    const duration = field(value, 'duration');
    const durationSec = typeof duration === 'number' && Number.isFinite(duration) && duration >= 0 ? Math.round(duration) : undefined;
    const details = durationSec === undefined ? undefined : { durationSec };
    if (call.sink) {
      end(call, { type: 'ended', notes: call.notes, details });
    } else {
      // Hung up here first (Aircall cannot be told to end a call): the workspace's own end, with the
      // real duration, completes the record already stored under the same id.
      forget(call);
      if (call.callId) host?.amendCall(`${provider.name}:${call.callId}`, { ...(durationSec !== undefined && { durationSec, details }), ...(call.notes && { notes: call.notes }) });
    }
    logAction('call-ended', 'onCallEnd', call.scope, call, call.notes);
  };

  const onIncomingCall = (value: unknown) => {
    const callId = callIdOf(value);
    const scope = activeScope;
    if (!callId || calls.has(callId) || !incomingHandler || !scope) return;
    const config = configOf(scope);
    if (!config?.enabled || !config.permissions.canReceiveInboundCalls) {
      debug('provider:aircall', 'incoming-not-allowed', { callId });
      return;
    }
    const from = e164Of(field(value, 'from'));
    if (!from) {
      // A record of an inbound call needs the caller's number: a hidden caller is left to the workspace.
      debug('provider:aircall', 'incoming-without-number', { callId });
      return;
    }
    const to = e164Of(field(value, 'to'));
    const call: TrackedCall = { direction: 'inbound', scope, callId, number: from, answered: false, dialled: true, abort: new AbortController() };
    let sink: ProviderSink | undefined;
    try {
      sink = incomingHandler({ callSid: callId, from, to });
    } catch (error) {
      debug('provider:aircall', 'incoming-handler-failed', { error: String(error) });
    }
    // Nobody here can take it (another call is live): it keeps ringing in the workspace.
    if (!sink) return;
    call.sink = sink;
    calls.set(callId, call);
    logAction('call-started', 'onCallStart', scope, call);
  };

  const onCallEndRingtone = (value: unknown) => {
    const call = calls.get(callIdOf(value) ?? '');
    if (!call || call.direction !== 'inbound' || call.answered) return;
    switch (field(value, 'answer_status')) {
      case 'answered':
        call.answered = true;
        report(call, { type: 'connected', callSid: call.callId });
        logAction('call-answered', 'onCallAnswer', call.scope, call);
        return;
      case 'disconnected':
        end(call, { type: 'ended', endedBy: 'remote', status: 'missed' });
        logAction('call-missed', 'onCallEnd', call.scope, call);
        return;
      case 'refused':
        end(call, { type: 'ended', endedBy: 'agent', status: 'rejected' });
        logAction('call-ended', 'onCallEnd', call.scope, call);
        return;
    }
  };

  const onCommentSaved = (value: unknown) => {
    const callId = callIdOf(value);
    const comment = field(value, 'comment');
    if (!callId || typeof comment !== 'string' || !comment.trim()) return;
    const live = calls.get(callId);
    if (live) {
      // Kept for the end of the call: the record's notes and the "call-ended" action carry it.
      live.notes = (live.notes ? `${live.notes}\n\n${comment}` : comment).slice(0, MAX_NOTES);
      return;
    }
    const past = ended.get(callId);
    const note = comment.slice(0, MAX_NOTES);
    if (past) {
      // A comment written after the end belongs to the record too.
      past.notes = (past.notes ? `${past.notes}\n\n${note}` : note).slice(0, MAX_NOTES);
      host?.amendCall(`${provider.name}:${callId}`, { notes: past.notes });
    }
    logAction('note', 'onCallEnd', past?.scope ?? activeScope, past ?? { callId }, note);
  };

  const handlers: Record<string, (value: unknown) => void> = {
    outgoing_call: onOutgoingCall,
    outgoing_answered: onOutgoingAnswered,
    call_ended: onCallEnded,
    incoming_call: onIncomingCall,
    call_end_ringtone: onCallEndRingtone,
    comment_saved: onCommentSaved,
  };

  // — the workspace —

  const ensureElement = (): AircallWorkspaceElement => {
    if (element?.isConnected) return element;
    // The page removed the element (and the workspace with it): start again.
    teardownWorkspace();
    defineWorkspaceElement();
    element = document.createElement(WORKSPACE_TAG);
    element.closedCallback = onWorkspaceClosed;
    document.body.append(element);
    return element;
  };

  const teardownWorkspace = () => {
    if (!workspace) return;
    workspace.gate.dispose();
    workspace.frame.remove();
    workspace = undefined;
    notifyWaiters();
  };

  const ensureWorkspace = async (config: PublicAircallConfig): Promise<Workspace> => {
    let Sdk: AircallWorkspaceConstructor;
    try {
      Sdk = await loadSdk();
    } catch (error) {
      throw new CallElementsError('sdk-load-failed', { params: { provider: 'Aircall', detail: error instanceof Error ? error.message : String(error) }, cause: error });
    }
    const dialog = ensureElement();
    dialog.size = config.workspaceSize;
    // A workspace that never greeted a call in time is loaded afresh (the network may be back).
    if (workspace?.timedOut && !workspace.loggedIn) teardownWorkspace();
    if (workspace) return workspace;

    const frame = document.createElement('iframe');
    frame.allow = FRAME_PERMISSIONS;
    frame.src = frameUrl.href;
    const gate = createMessageGate(() => frame.contentWindow, workspaceOrigin);
    const settings: SdkSettings = { window: gate.window, onLogin: () => onLogin(), onLogout: () => onLogout(), debug: false };
    let sdk: AircallWorkspace;
    try {
      // No `domToLoadWorkspace`: the SDK would write its iframe with innerHTML and an inline style,
      // which a strict CSP with Trusted Types forbids. The frame is created above with DOM methods.
      sdk = new Sdk(settings as unknown as ConstructorParameters<AircallWorkspaceConstructor>[0]);
    } catch (error) {
      gate.dispose();
      throw new CallElementsError('sdk-load-failed', { params: { provider: 'Aircall', detail: String((error as Error)?.message ?? error) }, cause: error });
    }
    if (gate.listenerCount === 0) {
      // This SDK listens on the real window: it would trust any frame. Refuse it rather than expose calls.
      gate.dispose();
      throw new CallElementsError('sdk-load-failed', {
        params: { provider: 'Aircall', detail: 'this aircall-everywhere version cannot be limited to the workspace frame' },
        permanent: true,
      });
    }
    for (const [event, handler] of Object.entries(handlers)) {
      sdk.on(event, (value: unknown) => {
        try {
          handler(value);
        } catch (error) {
          debug('provider:aircall', 'event-handler-failed', { event, error: String(error) });
        }
      });
    }
    const created: Workspace = { frame, gate, sdk, framed: false, loggedIn: false, timedOut: false };
    // A page in the frame — which may be the browser's error page: only the handshake means the workspace.
    frame.addEventListener('load', () => {
      if (workspace !== created) return;
      created.framed = true;
      updateStatus();
    });
    workspace = created;
    updateStatus();
    await dialog.attachFrame(frame);
    return created;
  };

  /** Resolves when `ready()` holds; rejects when the attempt is aborted or the time is up. */
  const waitUntil = (signal: AbortSignal, ready: () => boolean, timeout?: { ms: number; error: () => CallElementsError }) =>
    new Promise<void>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = () => {
        waiters.delete(check);
        signal.removeEventListener('abort', check);
        clearTimeout(timer);
      };
      const check = () => {
        if (signal.aborted) {
          done();
          reject(signal.reason);
        } else if (ready()) {
          done();
          resolve();
        }
      };
      waiters.add(check);
      signal.addEventListener('abort', check);
      if (timeout) {
        timer = setTimeout(() => {
          done();
          reject(timeout.error());
        }, timeout.ms);
      }
      check();
    });

  const throwIfAborted = (call: TrackedCall) => {
    if (call.abort.signal.aborted) throw call.abort.signal.reason;
  };

  /**
   * Waits for Aircall's handshake within the time limit. A frame that never showed a page is dropped;
   * one that did stays on screen (it may be the sign-in, or the browser's error page) and is loaded
   * afresh by the next call unless the handshake arrives meanwhile.
   */
  const waitForWorkspace = async (call: TrackedCall, ws: Workspace) => {
    try {
      await waitUntil(call.abort.signal, () => workspace !== ws || ws.loggedIn, {
        ms: loadTimeoutMs,
        error: () => new CallElementsError('workspace-timeout', { params: { seconds: Math.round(loadTimeoutMs / 100) / 10 } }),
      });
    } catch (error) {
      if (error instanceof CallElementsError && error.code === 'workspace-timeout' && workspace === ws) {
        ws.timedOut = true;
        if (!ws.framed) teardownWorkspace();
      }
      throw error;
    }
    if (workspace !== ws) throw new CallElementsError('aircall-not-ready');
  };

  const dial = (ws: Workspace, number: string) =>
    new Promise<void>((resolve, reject) => {
      // aircall-everywhere answers within 2 s, or with its own `no_answer` error.
      ws.sdk.send('dial_number', { phone_number: number }, (success, data) => (success ? resolve() : reject(dialError(data))));
    });

  function onWorkspaceClosed(): void {
    const call = pending;
    if (call?.sink && !call.dialled) call.abort.abort(new CallElementsError('aircall-not-ready'));
  }

  const provider: AircallProvider = {
    name: 'aircall',
    capabilities,
    tracesActions: true,

    attach(given) {
      host = given;
    },

    async start(request, sink) {
      if (sessionCall()) throw new CallElementsError('call-in-progress');
      const call: TrackedCall = {
        direction: 'outbound',
        scope: scopeOf(request.params),
        request,
        sink,
        number: request.to,
        answered: false,
        dialled: false,
        abort: new AbortController(),
      };
      pending = call;
      try {
        const config = await loadConfig(call.scope);
        throwIfAborted(call);
        const problem = configProblem(call.scope, config, 'outbound');
        if (problem) throw problem;
        activeScope = call.scope;
        const ws = await ensureWorkspace(config!);
        throwIfAborted(call);
        await element!.show();
        await waitForWorkspace(call, ws);
        call.dialled = true;
        debug('provider:aircall', 'dial', { to: request.to });
        await dial(ws, request.to);
      } catch (error) {
        // The workspace reported the call (outgoing_call) even though the dial's answer was lost: it goes on.
        if (call.callId && calls.get(call.callId) === call) return;
        forget(call);
        if (!call.sink) return; // hung up (or disposed) meanwhile: the session is over already
        call.sink = undefined;
        const failure = toCallElementsError(error, 'provider-failed');
        // The workspace stays in view when it is on a call, or shows a page the person may act on (sign in).
        const keepShown = failure.code === 'aircall-in-call' || (failure.code === 'workspace-timeout' && !!workspace?.framed);
        if (!keepShown) element?.hide();
        debug('provider:aircall', 'start-failed', { code: failure.code });
        throw failure;
      }
    },

    hangup() {
      const call = sessionCall();
      if (!call) return;
      call.sink = undefined;
      if (!call.dialled) {
        call.abort.abort(HUNG_UP);
        forget(call);
        element?.hide();
        return;
      }
      // Aircall has (or is about to have) the call and cannot be told to end it: the agent does it there.
      void element?.show();
    },

    accept() {
      void element?.show();
    },

    reject() {
      const call = sessionCall();
      if (call?.direction === 'inbound') call.sink = undefined;
      void element?.show();
    },

    listen(onIncoming) {
      incomingHandler = onIncoming;
      return () => {
        if (incomingHandler === onIncoming) incomingHandler = undefined;
      };
    },

    availability(params) {
      let scope: AircallScope;
      try {
        scope = scopeOf(params);
      } catch (error) {
        return atom<ProviderAvailability>({ problem: error as CallElementsError });
      }
      const $availability = atom<ProviderAvailability>({ loading: true });
      onMount($availability, () => {
        let mounted = true;
        let loadError: CallElementsError | undefined;
        let asked = false;
        const stop = $aircallConfigs.subscribe((configs) => {
          const known = configs[scopeKey(scope)];
          if (known !== undefined) {
            $availability.set(evaluate(scope, known));
            return;
          }
          if (loadError) return;
          $availability.set({ loading: true });
          if (asked) return;
          asked = true;
          loadConfig(scope).catch((error: unknown) => {
            loadError = toCallElementsError(error, 'storage-failed');
            if (mounted && getAircallConfig(scope) === undefined) $availability.set({ problem: loadError });
          });
        });
        return () => {
          mounted = false;
          stop();
        };
      });
      return $availability;
    },

    async showWorkspace(params) {
      const scope = scopeOf(params);
      const config = await loadConfig(scope);
      const problem = configProblem(scope, config, 'workspace');
      if (problem) throw problem;
      activeScope = scope;
      await ensureWorkspace(config!);
      await element!.show();
    },

    dispose() {
      for (const call of [pending, ...calls.values()]) {
        if (!call) continue;
        report(call, { type: 'ended', endedBy: 'system' });
        call.sink = undefined;
        call.abort.abort(HUNG_UP);
      }
      pending = undefined;
      calls.clear();
      ended.clear();
      teardownWorkspace();
      waiters.clear();
      element?.hide();
      element?.remove();
      element = undefined;
      incomingHandler = undefined;
      activeScope = undefined;
    },
  };
  return provider;
}
