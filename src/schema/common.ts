import * as z from 'zod/mini';

import { isHttpUrl } from '../internal/url.js';
import { E164_PATTERN } from './phone.js';

export { E164_PATTERN, compactPhoneNumber, isE164 } from './phone.js';

export const E164_MESSAGE =
  'must be an international phone number in E.164 format: "+", the country code, then the number, 15 digits at most (e.g. +33123456789)';

export const e164 = z.string({ error: E164_MESSAGE }).check(z.regex(E164_PATTERN, { error: E164_MESSAGE }));

export const isoDateTime = z.iso.datetime({
  offset: true,
  error: 'must be an ISO 8601 date-time such as 2026-01-31T09:30:00.000Z',
});

export const identifier = z
  .string({ error: 'must be a string' })
  .check(
    z.minLength(1, { error: 'must not be empty' }),
    z.maxLength(200, { error: 'must be 200 characters or fewer' }),
  );

export const count = z
  .number({ error: 'must be a number' })
  .check(z.int({ error: 'must be a whole number' }), z.minimum(0, { error: 'must not be negative' }));

/** The library's one URL rule ({@link isHttpUrl}), so that what a provider accepts the record accepts too. */
export const httpUrl = z
  .string({ error: 'must be an http: or https: URL' })
  .check(z.refine((value) => isHttpUrl(value), { error: 'must be an http: or https: URL' }));

function unknownKeysMessage(keys: readonly PropertyKey[]): string {
  const list = keys.map((key) => `"${String(key)}"`).join(', ');
  return keys.length > 1 ? `Unrecognized keys: ${list}` : `Unrecognized key: ${list}`;
}

/**
 * zod/mini ships no messages (every issue would read "Invalid input"); our objects say what is wrong.
 * Unknown keys are rejected so that a typo ("leadID") is reported instead of silently dropped.
 */
export function strictObject<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') return unknownKeysMessage(issue.keys);
      if (issue.code === 'invalid_type') return 'must be an object';
      return undefined;
    },
  });
}

/**
 * One readable line per problem, "path: message", for error messages shown to developers and
 * carried in the `details` of a localised error. Unknown keys are worded here because zod's
 * compiled fast path for large objects reports them without the schema's own message.
 */
export function describeIssues(error: z.core.$ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const message = issue.code === 'unrecognized_keys' ? unknownKeysMessage(issue.keys) : issue.message;
    return path ? `${path}: ${message}` : message;
  });
}
