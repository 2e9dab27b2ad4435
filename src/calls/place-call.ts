import { IDENTITY_TIMEOUT_MS, resolveIdentityWithin, type Identity } from '../config.js';
import { debug } from '../internal/debug.js';
import { CallElementsError, toCallElementsError } from '../internal/errors.js';
import { getProvider } from '../providers/registry.js';
import type { CallProvider, CallRequest, IncomingCallInfo, ProviderError, ProviderSink } from '../providers/types.js';
import type { CallRecord } from '../schema/call-record.js';
import { $call, isCallActive, setCall } from '../store/call.js';
import { recordCallStats } from '../store/stats.js';
import { assembleCallRecord, type RecordContext } from './assemble-record.js';
import { parsePhoneNumber } from './phone-number.js';
import { checkCallRecord } from './validate.js';
import { CallSession } from './session.js';

export { parsePhoneNumber };

export interface PlaceCallOptions {
  provider: string;
  /** The number as the host wrote it; spaces, dots, dashes and brackets are tolerated. */
  number: string | null | undefined;
  displayName?: string;
  agentId?: string;
  leadId?: string;
  requestId?: string;
  params?: Record<string, string>;
  /** The user placing the call, when the host gives it in HTML; otherwise `configure({ identity })` is asked. */
  userId?: string;
  /** How long the end of the call waits for the identity (ms). Default {@link IDENTITY_TIMEOUT_MS}. */
  identityTimeoutMs?: number;
}

/** A call in progress (placed or received): its session, its record once it ends, and what the agent can do. */
export interface PlacedCall {
  readonly session: CallSession;
  readonly provider: CallProvider;
  /** Resolves with the validated record once the call ended; rejects only with `invalid-record`. */
  readonly record: Promise<CallRecord>;
  /** Non-fatal problems met while finishing the call (e.g. the identity function failed). */
  readonly warnings: CallElementsError[];
  hangup(): void;
  mute(on: boolean): void;
  /** Sends DTMF tones; throws `invalid-digits` or `not-supported` (to the element, which reports it). */
  sendDigits(digits: string): void;
  /** Answers an incoming call. */
  accept(): void;
  /** Declines an incoming call (recorded as `rejected`). */
  reject(): void;
}

const CONTEXT_FIELDS = ['agentId', 'leadId', 'requestId', 'displayName', 'userId'] as const;
const MAX_CONTEXT_LENGTH = 200;

/** The same rules as the record schema's, checked without it (it loads when the call ends). */
function contextProblems(context: Record<(typeof CONTEXT_FIELDS)[number], string | undefined>): string[] {
  return CONTEXT_FIELDS.filter((field) => {
    const value: unknown = context[field];
    return value !== undefined && (typeof value !== 'string' || value.length > MAX_CONTEXT_LENGTH);
  }).map((field) => `${field}: must be ${MAX_CONTEXT_LENGTH} characters or fewer`);
}

function asProviderError(error: unknown): ProviderError {
  const wrapped = toCallElementsError(error, 'provider-failed');
  return { code: wrapped.code, message: wrapped.message, params: wrapped.params };
}

const blank = (value: string | undefined) => (value ? value : undefined);

/**
 * Places an outbound call: validates everything first (number, metadata, provider, no other call),
 * then drives one CallSession from the provider's events, mirrors it into `$call`, ends it on page
 * unload, and builds the record once, whatever ends the call. Throws a CallElementsError before
 * dialling when the call cannot be placed.
 */
export function placeCall(options: PlaceCallOptions): PlacedCall {
  const to = parsePhoneNumber(options.number);
  const context = checkContext(options);
  if (isCallActive($call.get())) throw new CallElementsError('call-in-progress');
  const provider = getProvider(options.provider);
  if (!provider) throw new CallElementsError('provider-unknown', { params: { provider: options.provider }, permanent: true });

  const session = new CallSession({ provider: provider.name, direction: 'outbound', to, displayName: context.displayName });
  const call = track(session, provider, context, options.identityTimeoutMs);
  session.dispatch({ type: 'connecting' });

  const request: CallRequest = { to, ...context, params: options.params };
  try {
    Promise.resolve(provider.start(request, (event) => session.dispatch(event))).catch((error: unknown) =>
      session.dispatch({ type: 'failed', error: asProviderError(error) }),
    );
  } catch (error) {
    session.dispatch({ type: 'failed', error: asProviderError(error) });
  }
  return call;
}

export type ReceiveCallOptions = Omit<PlaceCallOptions, 'number' | 'provider' | 'params'>;

/**
 * Takes an incoming call a provider announced: one inbound CallSession in `ringing`-like state
 * `incoming`, driven by the sink this returns to the provider. Returns undefined (the provider then
 * declines the call) when another call is live.
 */
export function receiveCall(
  provider: CallProvider,
  incoming: IncomingCallInfo,
  options: ReceiveCallOptions = {},
): { call: PlacedCall; sink: ProviderSink } | undefined {
  if (isCallActive($call.get())) return undefined;
  const context = checkContext(options);
  const session = new CallSession({ provider: provider.name, direction: 'inbound', displayName: context.displayName });
  const call = track(session, provider, context, options.identityTimeoutMs);
  session.dispatch({ type: 'incoming', ...incoming });
  return { call, sink: (event) => session.dispatch(event) };
}

function checkContext(options: Pick<PlaceCallOptions, 'agentId' | 'leadId' | 'requestId' | 'displayName' | 'userId'>) {
  const context = {
    agentId: blank(options.agentId),
    leadId: blank(options.leadId),
    requestId: blank(options.requestId),
    displayName: blank(options.displayName),
    userId: blank(options.userId),
  };
  const problems = contextProblems(context);
  if (problems.length) throw new CallElementsError('invalid-record', { params: { detail: problems.join('; ') }, permanent: true });
  return context;
}

/** What every call gets, whichever way it started: the store mirror, the unload end, stats and the record. */
function track(session: CallSession, provider: CallProvider, context: ReturnType<typeof checkContext>, identityTimeoutMs = IDENTITY_TIMEOUT_MS): PlacedCall {
  const warnings: CallElementsError[] = [];
  const fromHtml = context.userId;
  const identity: Promise<Identity | undefined> = (
    fromHtml ? Promise.resolve({ userId: fromHtml }) : resolveIdentityWithin(identityTimeoutMs)
  ).catch((error: unknown) => {
    warnings.push(new CallElementsError('identity-failed', { params: { detail: String((error as Error)?.message ?? error) }, cause: error }));
    return undefined;
  });

  const guarded = (what: string, action: () => void) => {
    try {
      action();
    } catch (error) {
      debug('call', `provider-${what}-failed`, { error: String(error) });
    }
  };
  const hangupProvider = () => guarded('hangup', () => provider.hangup());
  const onPageHide = () => {
    if (session.dispatch({ type: 'ended', endedBy: 'system' })) hangupProvider();
  };

  // Call setup (dialling or ringing in → answered) as a performance measure, next to the SDK load times.
  let setupStart: number | undefined;
  session.subscribe((_session, event) => {
    setCall(session.snapshot());
    if (event.type === 'connecting' || event.type === 'incoming') setupStart = performance.now();
    else if (event.type === 'connected' && setupStart !== undefined) {
      // Only the latest stays in the buffer (a PerformanceObserver sees each): a long-lived agent page places
      // thousands of calls.
      performance.clearMeasures('call-elements:call-setup');
      performance.measure('call-elements:call-setup', { start: setupStart, end: performance.now(), detail: { provider: provider.name } });
    }
  });
  window.addEventListener('pagehide', onPageHide);

  const record = session.ended.then(async (end) => {
    window.removeEventListener('pagehide', onPageHide);
    recordCallStats({ status: end.status, answered: session.answeredAt !== undefined, setupMs: session.metrics.setupMs, errorCode: end.error?.code });
    const user = await identity;
    const recordContext: RecordContext = { ...context, userId: user?.userId };
    return checkCallRecord(assembleCallRecord(session, recordContext));
  });

  const reject = () => {
    if (session.state !== 'incoming') return;
    guarded('reject', () => provider.reject?.());
    session.dispatch({ type: 'ended', endedBy: 'agent', status: 'rejected' });
  };

  return {
    session,
    provider,
    record,
    warnings,
    hangup() {
      if (session.state === 'incoming') reject();
      else if (session.dispatch({ type: 'ended', endedBy: 'agent' })) hangupProvider();
    },
    mute(on: boolean) {
      if (!session.isActive || !provider.mute) return;
      guarded('mute', () => provider.mute!(on));
    },
    sendDigits(digits: string) {
      if (session.state !== 'connected') return;
      if (!provider.sendDigits) {
        throw new CallElementsError('not-supported', { params: { provider: provider.name, feature: 'DTMF' }, permanent: true });
      }
      provider.sendDigits(digits);
    },
    accept() {
      if (session.state === 'incoming') guarded('accept', () => provider.accept?.());
    },
    reject,
  };
}
