import type { CallRecord } from '../schema/call-record.js';
import type { CallQuery } from './types.js';

/** Applies a CallQuery to records held in the browser: filters, newest first, limit. */
export function applyCallQuery(records: Iterable<CallRecord>, query: CallQuery = {}): CallRecord[] {
  const matching = [...records].filter(
    (record) =>
      (query.leadId === undefined || record.leadId === query.leadId) &&
      (query.requestId === undefined || record.requestId === query.requestId) &&
      (query.agentId === undefined || record.agentId === query.agentId),
  );
  matching.sort((a, b) => b.startedAt.localeCompare(a.startedAt) || a.id.localeCompare(b.id));
  return query.limit === undefined ? matching : matching.slice(0, Math.max(0, query.limit));
}
