import { validateCallRecord } from '../schema/validate.js';
import type { CallRecord } from '../schema/call-record.js';
import { assembleCallRecord, type RecordContext } from './assemble-record.js';
import type { CallSession } from './session.js';

export type { RecordContext } from './assemble-record.js';

/**
 * Builds the CallRecord of a finished session and validates it (for providers and tests of your own;
 * the library itself validates in the queue, before sending). Throws a permanent `invalid-record` if
 * the result does not match the schema.
 */
export function buildCallRecord(session: CallSession, context: RecordContext = {}): CallRecord {
  return validateCallRecord(assembleCallRecord(session, context));
}
