import { CallElementsError } from '../internal/errors.js';
import type { ProviderAction } from '../providers/types.js';
import type { CallRecord } from '../schema/call-record.js';

/** What the agent says about a finished call at wrap-up: its outcome (one of the host's dispositions) and a note. */
export interface CallWrapUp {
  /** The outcome, e.g. "interested" (1 to 100 characters). */
  disposition?: string;
  /** A free-text note (at most 20,000 characters). */
  notes?: string;
}

const invalid = (detail: string) => new CallElementsError('invalid-options', { params: { detail }, permanent: true });

/**
 * The wrap-up as it goes into the record: `disposition` and `notes` checked against the record's
 * schema rules, blank ones left out (a wrap-up with neither writes nothing). Throws `invalid-options`.
 */
export function checkWrapUp(input: unknown): CallWrapUp {
  if (typeof input !== 'object' || input === null) throw invalid('a wrap-up is an object such as { disposition, notes }');
  const { disposition, notes, ...rest } = input as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length) throw invalid(`a wrap-up has only disposition and notes, not ${unknown.join(', ')}`);
  if (disposition !== undefined && typeof disposition !== 'string') throw invalid('disposition must be a string');
  if (notes !== undefined && typeof notes !== 'string') throw invalid('notes must be a string');
  const outcome = disposition?.trim();
  const note = notes?.trim();
  if (outcome && outcome.length > 100) throw invalid('disposition must be 100 characters or fewer');
  if (note && note.length > 20_000) throw invalid('notes must be 20,000 characters or fewer');
  return { ...(outcome && { disposition: outcome }), ...(note && { notes: note }) };
}

/** The wrap-up's note on the timeline: one per call (its id is the record's), so that saving again replaces it. */
export function wrapUpNote(record: CallRecord, notes: string): ProviderAction {
  return {
    id: `${record.id}:wrap-up`,
    type: 'note',
    callId: record.id,
    leadId: record.leadId,
    requestId: record.requestId,
    agentId: record.agentId,
    userId: record.userId,
    phoneNumber: record.direction === 'outbound' ? record.to : record.from,
    userDisplayName: record.displayName,
    notes,
  };
}
