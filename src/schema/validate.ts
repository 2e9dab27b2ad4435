import { CallElementsError } from '../internal/errors.js';
import { CallActionSchema, type CallAction } from './call-action.js';
import { CallRecordSchema, type CallRecord } from './call-record.js';
import { describeIssues } from './common.js';

type Schema<T> = { safeParse(input: unknown): { success: true; data: T } | { success: false; error: Parameters<typeof describeIssues>[0] } };

function parseOrThrow<T>(schema: Schema<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new CallElementsError('invalid-record', {
      params: { detail: describeIssues(result.error).join('; ') },
      permanent: true,
      cause: result.error,
    });
  }
  return result.data;
}

/** Parses anything claiming to be a CallRecord; throws a permanent `invalid-record` error that lists every problem. */
export function validateCallRecord(input: unknown): CallRecord {
  return parseOrThrow(CallRecordSchema, input);
}

/** The same for a CallAction (timeline entry). */
export function validateCallAction(input: unknown): CallAction {
  return parseOrThrow(CallActionSchema, input);
}
