import { CallElementsError } from '../internal/errors.js';
import { CallActionSchema, type CallAction } from '../schema/call-action.js';
import { CallRecordSchema, type CallRecord } from '../schema/call-record.js';
import { describeIssues } from '../schema/common.js';
import { assembleCallRecord, type RecordContext } from './assemble-record.js';
import type { CallSession } from './session.js';

export type { RecordContext } from './assemble-record.js';

/**
 * Builds the CallRecord of a finished session and validates it. Throws `invalid-record` (permanent)
 * if the result does not match the schema, so that a bad record never reaches the outbox.
 */
export function buildCallRecord(session: CallSession, context: RecordContext = {}): CallRecord {
  return validateCallRecord(assembleCallRecord(session, context));
}

function parseOrThrow<T>(schema: { safeParse(input: unknown): { success: true; data: T } | { success: false; error: Parameters<typeof describeIssues>[0] } }, input: unknown): T {
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
