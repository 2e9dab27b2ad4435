import { hasMessage, translate, type AnyMessageKey } from './localize.js';

/** Stable codes: hosts can switch on them; messages are looked up as `error.<code>` in each language. */
export type ErrorCode =
  | 'number-missing'
  | 'number-invalid'
  | 'call-disabled'
  | 'call-in-progress'
  | 'provider-unknown'
  | 'provider-failed'
  | 'demo-failed'
  | 'load-failed'
  | 'invalid-options'
  | 'invalid-record'
  | 'invalid-digits'
  | 'not-supported'
  | 'identity-failed'
  | 'caller-lookup-failed'
  | 'storage-failed'
  | 'storage-rejected'
  | 'storage-unauthorized'
  | 'storage-unavailable'
  | 'storage-quota'
  | 'browser-unsupported'
  | 'sdk-load-failed'
  | 'token-failed'
  | 'token-invalid'
  | 'token-expired'
  | 'microphone-denied'
  | 'microphone-unavailable'
  | 'audio-device-failed'
  | 'call-check-failed'
  | 'connection-failed'
  | 'scope-missing'
  | 'config-missing'
  | 'config-unsupported'
  | 'aircall-disabled'
  | 'outbound-not-allowed'
  | 'workspace-timeout'
  | 'aircall-not-ready'
  | 'aircall-no-answer'
  | 'aircall-in-call'
  | 'permission-denied'
  | 'organization-not-found'
  | 'config-conflict'
  | 'config-invalid'
  | 'import-invalid'
  | 'unknown';

export interface CallElementsErrorOptions {
  /** Values for the message's placeholders (`{number}`, `{detail}`...). Never put secrets here. */
  params?: Record<string, string | number>;
  cause?: unknown;
  /** True when retrying the same operation cannot succeed. */
  permanent?: boolean;
  /** HTTP status behind the error, when there is one. */
  status?: number;
  /** The server asked to wait this long before retrying (Retry-After). */
  retryAfterMs?: number;
}

/**
 * The one error type of the library. `message` is English (for logs and developers);
 * `localizedMessage(locale)` is what a person sees.
 */
export class CallElementsError extends Error {
  override readonly name = 'CallElementsError';
  readonly code: ErrorCode;
  readonly params: Record<string, string | number>;
  readonly permanent: boolean;
  readonly status?: number;
  readonly retryAfterMs?: number;

  constructor(code: ErrorCode, options: CallElementsErrorOptions = {}) {
    const params = options.params ?? {};
    super(translate('en', messageKey(code), params), { cause: options.cause });
    this.code = code;
    this.params = params;
    this.permanent = options.permanent ?? false;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }

  localizedMessage(locale: string): string {
    return translate(locale, messageKey(this.code), this.params);
  }

  toJSON(): { code: ErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

/**
 * True for the codes this library defines (each has a message in every language). The codes of the
 * parts loaded on demand count once their module has loaded, which is before they can occur.
 */
export function isErrorCode(code: string): code is ErrorCode {
  return hasMessage(`error.${code}`);
}

function messageKey(code: ErrorCode): AnyMessageKey {
  return `error.${code}` as AnyMessageKey;
}

/** Wraps anything thrown by a host, a provider or the platform into a CallElementsError. */
export function toCallElementsError(error: unknown, fallback: ErrorCode = 'unknown'): CallElementsError {
  if (error instanceof CallElementsError) return error;
  // One of ours from another copy of the library or another window (a storage shared with an iframe):
  // whether it is permanent, and its code when this copy knows it, still say what to do with it.
  const foreign = error as Partial<CallElementsError> | null;
  if (foreign?.name === 'CallElementsError' && typeof foreign.code === 'string' && typeof foreign.permanent === 'boolean') {
    const { code, params, message, permanent, status, retryAfterMs } = foreign;
    const known = isErrorCode(code);
    return new CallElementsError(known ? code : fallback, { params: known ? { ...params } : { detail: String(message) }, permanent, status, retryAfterMs, cause: error });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new CallElementsError(fallback, { params: { detail }, cause: error });
}

/**
 * The error of a failed call as a provider reported it (`{ code, message, params }`): the library's
 * codes keep their own localised message; others are wrapped as `provider-failed`.
 */
export function providerFailure(error: { code: string; message: string; params?: Record<string, string | number> }): CallElementsError {
  if (isErrorCode(error.code)) return new CallElementsError(error.code, { params: error.params ?? { detail: error.message } });
  return new CallElementsError('provider-failed', { params: { detail: error.message } });
}
