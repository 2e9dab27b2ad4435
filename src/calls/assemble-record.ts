import { CallElementsError } from '../internal/errors.js';
import type { CallRecord } from '../schema/call-record.js';
import type { CallSession } from './session.js';

/** What the page knows about a call that the provider does not: who, for which lead and request. */
export interface RecordContext {
  agentId?: string;
  leadId?: string;
  requestId?: string;
  userId?: string;
  displayName?: string;
  notes?: string;
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const present = (value: string | undefined | null) => (value ? value : undefined);

/**
 * The CallRecord of a finished session, not yet validated (see `buildCallRecord` and `checkCallRecord`).
 * Kept free of the schemas so that pages do not download zod before a call ends.
 */
export function assembleCallRecord(session: CallSession, context: RecordContext = {}): CallRecord {
  if (!session.end || session.endedAt === undefined) {
    throw new CallElementsError('invalid-record', {
      params: { detail: `the call is still ${session.state}` },
      permanent: true,
    });
  }
  const callSid = session.ensureCallSid();
  const record: CallRecord = {
    schemaVersion: 1,
    id: `${session.provider}:${callSid}`,
    provider: session.provider,
    callSid,
    direction: session.direction,
    status: session.end.status,
    from: present(session.from),
    to: present(session.to),
    agentId: present(context.agentId),
    leadId: present(context.leadId),
    requestId: present(context.requestId),
    userId: present(context.userId),
    displayName: present(context.displayName ?? session.displayName),
    startedAt: iso(session.startedAt ?? session.endedAt)!,
    answeredAt: iso(session.answeredAt),
    endedAt: iso(session.endedAt)!,
    durationSec: session.durationSec,
    endedBy: session.end.endedBy,
    error: session.end.error ? { code: session.end.error.code, message: session.end.error.message } : undefined,
    recordingUrl: present(session.recordingUrl),
    metrics: { ...session.metrics },
    details: Object.keys(session.details).length ? { ...session.details } : undefined,
    notes: present(context.notes ?? session.notes),
  };
  for (const key of Object.keys(record) as (keyof CallRecord)[]) {
    if (record[key] === undefined) delete record[key];
  }
  return record;
}
