import { debug } from '../internal/debug.js';
import { CallElementsError, toCallElementsError } from '../internal/errors.js';
import type { CallProvider, CallRequest, ProviderError, ProviderEvent } from '../providers/types.js';
import type { CallRecord } from '../schema/call-record.js';
import { setCall, type CallSnapshot } from '../store/call.js';
import { recordCallStats } from '../store/stats.js';
import { assembleCallRecord, type RecordContext } from './assemble-record.js';
import type { PendingIdentity } from './identity-request.js';
import { parsePhoneNumber } from './phone-number.js';
import { CallSession } from './session.js';

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
  /** How long the identity function may take to answer (ms); it is asked when the call starts. Default 10000. */
  identityTimeoutMs?: number;
}

export type ReceiveCallOptions = Omit<PlaceCallOptions, 'number' | 'provider' | 'params'> & {
  /**
   * While the call rings in a background tab: a system notification (when the agent allowed them) and a
   * flashing tab title. Default: `configure({ notifyIncoming })`.
   */
  notifyIncoming?: boolean;
};

/** A call in progress (placed or received): what the agent can do with it, and its record once it ends. */
export interface CallHandle {
  readonly session: CallSession;
  readonly provider: CallProvider;
  /** The call as `$call` publishes it. */
  readonly snapshot: CallSnapshot;
  /**
   * Resolves with the record once the call ended and its record is captured in the durable queue.
   * It never rejects: a record the schemas refuse becomes a dead letter with the reason.
   */
  readonly record: Promise<CallRecord>;
  /** Non-fatal problems met while finishing the call (e.g. the identity function failed). */
  readonly warnings: CallElementsError[];
  /** Where the call's events go: the element that placed or took it; `document` when none is connected. */
  owner?: EventTarget;
  hangup(): void;
  mute(on: boolean): void;
  /** Sends DTMF tones; throws `invalid-digits` or `not-supported`. */
  sendDigits(digits: string): void;
  /** Answers an incoming call. */
  accept(): void;
  /** Declines an incoming call (recorded as `rejected`). */
  reject(): void;
}

/** What a call needs from the engine that runs it. */
export interface LiveCallHost {
  /**
   * Writes the record durably; resolves once it is on disk (or in memory, reported, when it cannot be).
   * `late`: the same record again, completed with what arrived after the end (the identity).
   */
  capture(record: CallRecord, late: boolean): Promise<void>;
  /** Each event of the call's session, after `$call` has it. */
  onEvent(call: CallHandle, event: ProviderEvent): void;
}

/** What the host says about a call (the record's metadata), checked. */
export type CallContext = Pick<RecordContext, 'agentId' | 'leadId' | 'requestId' | 'displayName' | 'userId'>;

const CONTEXT_FIELDS = ['agentId', 'leadId', 'requestId', 'displayName', 'userId'] as const;
const MAX_CONTEXT_LENGTH = 200;

const blank = (value: unknown) => (value ? value : undefined);

/**
 * The host's metadata for the record, checked with the record schema's own rules before dialling (the
 * schemas themselves load later), so that the record cannot be refused for it once the call is over.
 */
export function checkCallContext(options: Partial<Record<(typeof CONTEXT_FIELDS)[number], unknown>>): CallContext {
  const context: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const field of CONTEXT_FIELDS) {
    const value = blank(options[field]);
    if (value !== undefined && typeof value !== 'string') problems.push(`${field}: must be a string`);
    else if (typeof value === 'string' && value.length > MAX_CONTEXT_LENGTH) problems.push(`${field}: must be ${MAX_CONTEXT_LENGTH} characters or fewer`);
    context[field] = value;
  }
  if (problems.length) throw new CallElementsError('invalid-record', { params: { detail: problems.join('; ') }, permanent: true });
  return context as CallContext;
}

function asProviderError(error: unknown): ProviderError {
  const wrapped = toCallElementsError(error, 'provider-failed');
  return { code: wrapped.code, message: wrapped.message, params: wrapped.params };
}

const identityFailed = (error: unknown) =>
  new CallElementsError('identity-failed', { params: { detail: String((error as Error)?.message ?? error) }, cause: error });

/**
 * Runs one call: mirrors its session into `$call`, ends it on page unload, measures its setup, and,
 * whatever ends it, captures its record once: assembled and written to the durable queue at once,
 * without waiting for anything (the identity asked when the call started is used if it answered; if it
 * answers later, the same record is captured again with it).
 */
export function trackCall(
  session: CallSession,
  provider: CallProvider,
  context: CallContext,
  identity: PendingIdentity | undefined,
  host: LiveCallHost,
): CallHandle {
  const warnings: CallElementsError[] = [];
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

  const reject = () => {
    if (session.state !== 'incoming') return;
    guarded('reject', () => provider.reject?.());
    session.dispatch({ type: 'ended', endedBy: 'agent', status: 'rejected' });
  };

  const handle: CallHandle = {
    session,
    provider,
    get snapshot() {
      return session.snapshot();
    },
    record: undefined as unknown as Promise<CallRecord>,
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
    host.onEvent(handle, event);
  });
  globalThis.addEventListener?.('pagehide', onPageHide);

  (handle as { record: Promise<CallRecord> }).record = session.ended.then(async (end) => {
    globalThis.removeEventListener?.('pagehide', onPageHide);
    recordCallStats({ status: end.status, answered: session.answeredAt !== undefined, setupMs: session.metrics.setupMs, errorCode: end.error?.code });
    const userId = context.userId ?? (identity?.settled ? identity.value?.userId : undefined);
    let record = assembleCallRecord(session, { ...context, userId });
    await host.capture(record, false);
    if (identity && !context.userId) {
      try {
        const late = await identity.promise;
        if (late && late.userId !== userId) {
          record = { ...record, userId: late.userId };
          await host.capture(record, true);
        }
      } catch (error) {
        warnings.push(identityFailed(error));
      }
    }
    return record;
  });
  return handle;
}

/** Starts an outbound call on `provider` (the checks are done): dials, and reports what the provider says. */
export function dial(call: CallHandle, request: CallRequest): void {
  const { session, provider } = call;
  session.dispatch({ type: 'connecting' });
  try {
    Promise.resolve(provider.start(request, (event) => session.dispatch(event))).catch((error: unknown) =>
      session.dispatch({ type: 'failed', error: asProviderError(error) }),
    );
  } catch (error) {
    session.dispatch({ type: 'failed', error: asProviderError(error) });
  }
}

/** The session of an outbound call to a checked number. */
export function outboundSession(provider: CallProvider, options: PlaceCallOptions, context: CallContext): { session: CallSession; to: string } {
  const to = parsePhoneNumber(options.number);
  return { to, session: new CallSession({ provider: provider.name, direction: 'outbound', to, displayName: context.displayName }) };
}
