import { CallRecordSchema, type CallDirection, type CallRecord, type CallStatus } from '../schema/call-record.js';

/**
 * What a provider's webhook says about a call (Twilio's status and recording callbacks, Aircall's
 * `call.ended`). Kept apart from the record its writer stored, so that neither overwrites the other
 * whatever order they arrive in; {@link servedRecord} combines them on every read.
 */
export interface ProviderFacts {
  provider: string;
  callSid: string;
  direction?: CallDirection;
  status?: CallStatus;
  from?: string;
  to?: string;
  userId?: string;
  startedAt?: string;
  answeredAt?: string;
  endedAt?: string;
  durationSec?: number;
  recordingUrl?: string;
  notes?: string;
  /** The provider's own view of the call, served as `details[provider]`. */
  details?: Record<string, unknown>;
}

/**
 * The fields where the provider knows better than the browser: the billed duration, the recording
 * and the comments typed in the provider's own app. The rest of the stored record (status, who,
 * which lead) stays as its writer sent it: for a call placed from the browser, Twilio's leg of the
 * call "completes" even when the number never answered, so Twilio's status is kept in `details`.
 */
const PROVIDER_WINS = ['durationSec', 'recordingUrl', 'notes'] as const;

const NO_METRICS = { muteToggles: 0, reconnects: 0, qualityWarnings: 0 };

function isValid(record: unknown): record is CallRecord {
  return CallRecordSchema.safeParse(record).success;
}

function withProviderDetails(details: CallRecord['details'], facts: ProviderFacts): CallRecord['details'] {
  return facts.details ? { ...details, [facts.provider]: facts.details } : details;
}

/** A record known only from a provider's webhook (the browser has not stored it, or never will). */
function recordFromFacts(id: string, facts: ProviderFacts): Partial<CallRecord> {
  const { details: _details, ...known } = facts;
  return {
    schemaVersion: 1,
    id,
    endedBy: 'system',
    metrics: NO_METRICS,
    durationSec: 0,
    ...known,
    details: withProviderDetails(undefined, facts),
  };
}

/**
 * The record a read returns: the stored record with the provider's facts laid over it, or a record
 * made of the facts alone. A combination that breaks the record's rules falls back to the stored
 * record; facts too incomplete for a valid record (no end time yet, say) give nothing.
 */
export function servedRecord(id: string, stored: CallRecord | null, facts: ProviderFacts | Record<string, never>): CallRecord | undefined {
  const known = 'provider' in facts ? (facts as ProviderFacts) : undefined;
  if (!known) return stored ?? undefined;
  if (!stored) {
    const record = recordFromFacts(id, known);
    return isValid(record) ? record : undefined;
  }
  const merged: CallRecord = { ...stored };
  for (const field of PROVIDER_WINS) {
    if (known[field] !== undefined) Object.assign(merged, { [field]: known[field] });
  }
  const details = withProviderDetails(stored.details, known);
  if (details) merged.details = details;
  return isValid(merged) ? merged : stored;
}
