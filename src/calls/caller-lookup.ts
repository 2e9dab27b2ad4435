import { CallElementsError } from '../internal/errors.js';

/** Who an incoming call is from, as the host's directory knows it: what goes into the record and the ringing UI. */
export interface CallerInfo {
  leadId?: string;
  requestId?: string;
  displayName?: string;
}

/** What the lookup is told about the call: the caller's number (when the provider knows it) and the provider. */
export interface CallerQuery {
  from?: string;
  provider: string;
}

/** The host's lookup (`configure({ lookupCaller })`): asked when a call comes in. Nothing found: undefined or null. */
export type CallerLookup = (from: string | undefined, call: CallerQuery) => CallerInfo | undefined | null | Promise<CallerInfo | undefined | null>;

/** How long an incoming call waits for the host's lookup (ms); the call rings meanwhile, and goes on without it. */
export const LOOKUP_CALLER_TIMEOUT_MS = 5000;

const FIELDS = ['leadId', 'requestId', 'displayName'] as const;
const MAX_LENGTH = 200;

const failed = (detail: string, cause?: unknown) => new CallElementsError('caller-lookup-failed', { params: { detail }, cause });

/** The lookup's answer, checked with the record's own rules (strings of at most 200 characters); blanks dropped. */
export function checkCallerInfo(value: unknown): CallerInfo {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw failed('the lookup did not return { leadId?, requestId?, displayName? }');
  const info: CallerInfo = {};
  for (const field of FIELDS) {
    const given = (value as Record<string, unknown>)[field];
    if (given === undefined || given === null || given === '') continue;
    if (typeof given !== 'string') throw failed(`${field} must be a string`);
    if (given.length > MAX_LENGTH) throw failed(`${field} must be ${MAX_LENGTH} characters or fewer`);
    info[field] = given;
  }
  return info;
}

/**
 * Asks the host who is calling, within `timeoutMs`. Never rejects: a lookup that throws, answers
 * something else than a CallerInfo or runs out of time resolves with its `caller-lookup-failed` error,
 * and the call goes on without it.
 */
export async function lookUpCaller(lookup: CallerLookup, query: CallerQuery, timeoutMs: number): Promise<CallerInfo | CallElementsError> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<CallElementsError>((resolve) => {
    timer = setTimeout(() => resolve(failed(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  const asked = (async () => {
    try {
      return checkCallerInfo(await lookup(query.from, query));
    } catch (error) {
      return error instanceof CallElementsError ? error : failed(String((error as Error)?.message ?? error), error);
    }
  })();
  try {
    return await Promise.race([asked, late]);
  } finally {
    clearTimeout(timer);
  }
}
