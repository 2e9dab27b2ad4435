/**
 * Stable error codes of the server's JSON errors (`{ error: code, message }`). Clients switch on
 * the code; the message is English for developers and never carries a secret.
 */
export type ServerErrorCode =
  | 'invalid-request'
  | 'invalid-record'
  | 'invalid-action'
  | 'config-invalid'
  | 'unauthenticated'
  | 'permission-denied'
  | 'signature-invalid'
  | 'webhook-token-invalid'
  | 'not-found'
  | 'not-configured'
  | 'method-not-allowed'
  | 'config-conflict'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'precondition-required'
  | 'unavailable'
  | 'internal';

/** An error that becomes an HTTP answer. Thrown by routes; anything else becomes a 500 `internal`. */
export class HttpError extends Error {
  override name = 'HttpError';

  constructor(
    readonly status: number,
    readonly code: ServerErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new HttpError(400, 'invalid-request', message);
export const notFound = (message = 'Not found.') => new HttpError(404, 'not-found', message);
export const forbidden = (message = 'Permission denied: your role or organisation cannot do this.') =>
  new HttpError(403, 'permission-denied', message);

/** Thrown by createCallServer for options it cannot use; `problems` lists each, one per line. */
export class CallServerOptionsError extends Error {
  override name = 'CallServerOptionsError';
  readonly code = 'invalid-options';

  constructor(readonly problems: string[]) {
    super(`Invalid call server options:\n- ${problems.join('\n- ')}`);
  }
}
