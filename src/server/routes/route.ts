import { identifier } from '../../schema/common.js';
import type { Database } from '../db/types.js';
import { badRequest } from '../errors.js';
import type { Principal, ResolvedOptions } from '../options.js';
import { unstorableTextProblem } from '../storable-text.js';

export interface RouteContext {
  request: Request;
  url: URL;
  /** The path's captured segments, percent-decoded. */
  params: string[];
  db: Database;
  options: ResolvedOptions;
  /** The signed-in user (the host's `authenticate`); 401 when there is none. Webhooks do not ask. */
  principal(): Promise<Principal>;
}

export interface Route {
  method: 'GET' | 'PUT' | 'POST';
  /** Matched against the percent-encoded path below `basePath`; groups become `params`. */
  pattern: RegExp;
  handle(context: RouteContext): Promise<Response>;
}

export const SEGMENT = '([^/]+)';

/**
 * The query's filters, checked like the schema's identifiers, and `limit` (a whole number, capped
 * at the server's list limit). Unknown parameters are refused, so a typo ("leadID") is reported
 * instead of silently listing everything.
 */
export function listQuery<Key extends string>(url: URL, filters: readonly Key[], maxList: number): Partial<Record<Key, string>> & { limit: number } {
  const result: Partial<Record<Key, string>> & { limit: number } = { limit: maxList } as Partial<Record<Key, string>> & { limit: number };
  for (const [name, value] of url.searchParams) {
    if (name === 'limit') {
      if (!/^\d+$/.test(value)) throw badRequest('limit must be a whole number');
      result.limit = Math.min(Number(value), maxList);
    } else if ((filters as readonly string[]).includes(name)) {
      if (!identifier.safeParse(value).success || unstorableTextProblem(value)) throw badRequest(`${name} must be 1 to 200 characters, without U+0000`);
      result[name as Key] = value as (typeof result)[Key];
    } else {
      throw badRequest(`Unknown query parameter "${name}" (known: ${[...filters, 'limit'].join(', ')})`);
    }
  }
  return result;
}

/** The header may carry the id as is, or percent-encoded when the id has characters a header cannot hold. */
export function checkIdempotencyKey(request: Request, id: string): void {
  const key = request.headers.get('Idempotency-Key');
  if (key !== null && key !== id && key !== encodeURIComponent(id)) throw badRequest('Idempotency-Key must be the id in the path');
}
