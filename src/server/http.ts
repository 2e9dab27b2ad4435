import { HttpError } from './errors.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/** Every answer of the server: JSON, never cached (they carry per-user data or tokens). */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-store', ...headers },
  });
}

export const noContent = () => new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });

export function errorResponse(error: HttpError): Response {
  return json(error.status, { error: error.code, message: error.message }, error.headers);
}

function mediaType(request: Request): string {
  return (request.headers.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * The body as text, refused with 413 as soon as it passes `limit` bytes: a declared Content-Length
 * is checked before reading, a streamed body while it arrives (it is never held whole past the limit).
 */
export async function readText(request: Request, limit: number): Promise<string> {
  const tooLarge = () => new HttpError(413, 'payload-too-large', `The body must be ${limit} bytes or fewer.`);
  const declared = Number(request.headers.get('Content-Length'));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function readJson(request: Request, limit: number): Promise<unknown> {
  const type = mediaType(request);
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw new HttpError(415, 'unsupported-media-type', 'Send the body as JSON (Content-Type: application/json).');
  }
  const text = await readText(request, limit);
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid-request', 'The body is not valid JSON.');
  }
}

/** A webhook's form fields (Twilio posts application/x-www-form-urlencoded). */
export async function readForm(request: Request, limit: number): Promise<Record<string, string>> {
  if (mediaType(request) !== 'application/x-www-form-urlencoded') {
    throw new HttpError(415, 'unsupported-media-type', 'Expected a form-encoded body (application/x-www-form-urlencoded).');
  }
  return Object.fromEntries(new URLSearchParams(await readText(request, limit)));
}
