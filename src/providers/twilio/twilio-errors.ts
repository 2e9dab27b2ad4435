import { CallElementsError, type ErrorCode } from '../../internal/errors.js';
import type { CallStatus } from '../../schema/call-record.js';
import '../../locales/on-demand-errors.js';

/**
 * The parts of a Twilio `TwilioError` (node_modules/@twilio/voice-sdk/esm/twilio/errors/twilioError.js,
 * generated.js) this provider reads. Everything is optional: SDK internals sometimes emit plain objects.
 */
export interface TwilioErrorLike {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  description?: unknown;
  originalError?: unknown;
}

/**
 * Codes the SDK uses as wrappers: a hang-up whose gateway code is missing from the SDK's catalogue
 * (31408...) arrives as 31005 with the gateway's code in `originalError.code` (call.js `_onHangup`).
 */
const WRAPPER_CODES = new Set([31000, 31005, 53000]);

/** 20104 AccessTokenExpired (Device), 31205 JWTTokenExpiredError (Call, with improved precision). */
export const TOKEN_EXPIRED_CODES: ReadonlySet<number> = new Set([20104, 31205]);

/**
 * Tokens Twilio refused: 2010x Access Token errors (20101 invalid, 20102 header, 20103 issuer/subject,
 * 20105 not yet valid, 20106 grants, 20107 signature), 20151 authentication failed, 20157 expiry too far,
 * 31102 token missing, 31201 authorization error, 31202 signature validation failed, 31203 no valid
 * account, 31204 invalid JWT, 31207 JWT expiration too long.
 */
export const TOKEN_INVALID_CODES: ReadonlySet<number> = new Set([
  20101, 20102, 20103, 20105, 20106, 20107, 20151, 20157, 31102, 31201, 31202, 31203, 31204, 31207,
]);

/** 31401 PermissionDeniedError (the person or the browser refused); 31208 is the legacy code the SDK maps to it. */
export const MICROPHONE_DENIED_CODES: ReadonlySet<number> = new Set([31401, 31208]);

/** 31402 AcquisitionFailedError: permission given, but no usable input (no device, in use, constraints). */
export const MICROPHONE_UNAVAILABLE_CODES: ReadonlySet<number> = new Set([31402]);

/**
 * Call outcomes that are not failures: the remote side answered "busy", declined, or was not
 * reachable. Twilio reports them with these codes only when the Device has
 * `enableImprovedSignalingErrorPrecision` (otherwise they all read 31005 / 53000).
 */
export const OUTCOME_BY_CODE: ReadonlyMap<number, CallStatus> = new Map<number, CallStatus>([
  [31486, 'busy'], // BusyHere (SIP 486)
  [31603, 'rejected'], // Decline (SIP 603)
  [31002, 'rejected'], // ConnectionDeclinedError: the callee or the TwiML app (<Reject>) declined
  [31480, 'no-answer'], // TemporarilyUnavailable (SIP 480)
]);

/** The most precise numeric code of a Twilio error: the gateway's own code when the SDK wrapped it. */
export function twilioCode(error: TwilioErrorLike | null | undefined): number | undefined {
  const code = typeof error?.code === 'number' ? error.code : undefined;
  const original = (error?.originalError as { code?: unknown } | undefined)?.code;
  if ((code === undefined || WRAPPER_CODES.has(code)) && typeof original === 'number') return original;
  return code;
}

/** "Twilio 31404: Not Found (HTTP/SIP)" — what the person (and the record) is told, never a token. */
export function describeTwilioError(error: TwilioErrorLike | null | undefined): string {
  const code = twilioCode(error);
  const description =
    (typeof error?.description === 'string' && error.description) ||
    (typeof error?.message === 'string' && error.message) ||
    (typeof error?.name === 'string' && error.name) ||
    'unknown error';
  return code === undefined ? `Twilio: ${description}` : `Twilio ${code}: ${description}`;
}

export type TwilioOutcome =
  | { kind: 'ended'; status: CallStatus; code: number }
  | { kind: 'failed'; error: CallElementsError; code?: number };

/** What a Twilio error means for the call it ended: a plain outcome (busy...) or a failure with a library code. */
export function classifyTwilioError(error: TwilioErrorLike | null | undefined): TwilioOutcome {
  const code = twilioCode(error);
  const detail = describeTwilioError(error);
  const failed = (libraryCode: ErrorCode, permanent = false): TwilioOutcome => ({
    kind: 'failed',
    code,
    error: new CallElementsError(libraryCode, { params: { detail }, permanent, cause: error }),
  });
  if (code === undefined) return failed('connection-failed');
  const status = OUTCOME_BY_CODE.get(code);
  if (status) return { kind: 'ended', status, code };
  if (TOKEN_EXPIRED_CODES.has(code)) return failed('token-expired');
  if (TOKEN_INVALID_CODES.has(code)) return failed('token-invalid', true);
  if (MICROPHONE_DENIED_CODES.has(code)) return failed('microphone-denied');
  if (MICROPHONE_UNAVAILABLE_CODES.has(code)) return failed('microphone-unavailable');
  return failed('connection-failed');
}

/** Whether a Device error means the token is unusable (so waiting for the connection is pointless). */
export function isTokenError(error: TwilioErrorLike | null | undefined): boolean {
  const code = twilioCode(error);
  return code !== undefined && (TOKEN_EXPIRED_CODES.has(code) || TOKEN_INVALID_CODES.has(code));
}
