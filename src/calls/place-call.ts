import * as z from 'zod/mini';
import { resolveIdentity, type Identity } from '../config.js';
import { debug } from '../internal/debug.js';
import { CallElementsError, toCallElementsError } from '../internal/errors.js';
import { getProvider } from '../providers/registry.js';
import type { CallProvider, CallRequest, ProviderError } from '../providers/types.js';
import type { CallRecord } from '../schema/call-record.js';
import { compactPhoneNumber, describeIssues, identifier, isE164, strictObject } from '../schema/common.js';
import { $call, isCallActive, setCall } from '../store/call.js';
import { buildCallRecord, type RecordContext } from './record.js';
import { CallSession } from './session.js';

/** How long the end of a call waits for the host's identity function before storing without a user id. */
export const IDENTITY_TIMEOUT_MS = 10_000;

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

/** A call in progress: its session, its record once it ends, and what the agent can do. */
export interface PlacedCall {
  readonly session: CallSession;
  readonly provider: CallProvider;
  /** Resolves with the validated record once the call ended; rejects only with `invalid-record`. */
  readonly record: Promise<CallRecord>;
  /** Non-fatal problems met while finishing the call (e.g. the identity function failed). */
  readonly warnings: CallElementsError[];
  hangup(): void;
  mute(on: boolean): void;
}

const ContextSchema = strictObject({
  agentId: z.optional(identifier),
  leadId: z.optional(identifier),
  requestId: z.optional(identifier),
  displayName: z.optional(z.string().check(z.maxLength(200, { error: 'must be 200 characters or fewer' }))),
  userId: z.optional(identifier),
});

/** Turns what the host wrote into E.164, or says exactly what is wrong with it. */
export function parsePhoneNumber(input: string | null | undefined): string {
  const raw = (input ?? '').trim();
  if (!raw) throw new CallElementsError('number-missing', { permanent: true });
  const compact = compactPhoneNumber(raw);
  if (!isE164(compact)) throw new CallElementsError('number-invalid', { params: { number: raw }, permanent: true });
  return compact;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer after ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });
}

function asProviderError(error: unknown): ProviderError {
  const wrapped = toCallElementsError(error, 'provider-failed');
  return { code: wrapped.code, message: wrapped.message };
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
  const context = {
    agentId: blank(options.agentId),
    leadId: blank(options.leadId),
    requestId: blank(options.requestId),
    displayName: blank(options.displayName),
    userId: blank(options.userId),
  };
  const checked = ContextSchema.safeParse(context);
  if (!checked.success) {
    throw new CallElementsError('invalid-record', { params: { detail: describeIssues(checked.error).join('; ') }, permanent: true });
  }
  if (isCallActive($call.get())) throw new CallElementsError('call-in-progress');
  const provider = getProvider(options.provider);
  if (!provider) throw new CallElementsError('provider-unknown', { params: { provider: options.provider }, permanent: true });

  const session = new CallSession({ provider: provider.name, direction: 'outbound', to, displayName: context.displayName });
  const warnings: CallElementsError[] = [];
  const fromHtml = context.userId;
  const identity: Promise<Identity | undefined> = (
    fromHtml ? Promise.resolve({ userId: fromHtml }) : withTimeout(resolveIdentity(), options.identityTimeoutMs ?? IDENTITY_TIMEOUT_MS)
  ).catch((error: unknown) => {
    warnings.push(new CallElementsError('identity-failed', { params: { detail: String((error as Error)?.message ?? error) }, cause: error }));
    return undefined;
  });

  const hangupProvider = () => {
    try {
      provider.hangup();
    } catch (error) {
      debug('call', 'provider-hangup-failed', { error: String(error) });
    }
  };
  const onPageHide = () => {
    if (session.dispatch({ type: 'ended', endedBy: 'system' })) hangupProvider();
  };

  session.subscribe(() => setCall(session.snapshot()));
  window.addEventListener('pagehide', onPageHide);
  session.dispatch({ type: 'connecting' });

  const { userId: _user, ...requestContext } = context;
  const request: CallRequest = { to, ...requestContext, params: options.params };
  try {
    Promise.resolve(provider.start(request, (event) => session.dispatch(event))).catch((error: unknown) =>
      session.dispatch({ type: 'failed', error: asProviderError(error) }),
    );
  } catch (error) {
    session.dispatch({ type: 'failed', error: asProviderError(error) });
  }

  const record = session.ended.then(async () => {
    window.removeEventListener('pagehide', onPageHide);
    const user = await identity;
    const recordContext: RecordContext = { ...context, userId: user?.userId };
    return buildCallRecord(session, recordContext);
  });

  return {
    session,
    provider,
    record,
    warnings,
    hangup() {
      if (session.dispatch({ type: 'ended', endedBy: 'agent' })) hangupProvider();
    },
    mute(on: boolean) {
      if (!session.isActive || !provider.mute) return;
      try {
        provider.mute(on);
      } catch (error) {
        debug('call', 'provider-mute-failed', { error: String(error) });
      }
    },
  };
}
