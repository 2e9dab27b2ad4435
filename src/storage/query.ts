import type { CallAction } from '../schema/call-action.js';
import type { CallRecord } from '../schema/call-record.js';
import type { ActionQuery, CallQuery } from './types.js';

/** Keeps the items every given filter matches, newest first (then by id), at most `limit`. */
function applyQuery<Item extends { id: string }, Query extends { limit?: number }>(
  items: Iterable<Item>,
  query: Query,
  filters: readonly (keyof Query & keyof Item)[],
  dateOf: (item: Item) => string,
): Item[] {
  const matching = [...items].filter((item) => filters.every((key) => query[key] === undefined || (item[key] as unknown) === query[key]));
  matching.sort((a, b) => dateOf(b).localeCompare(dateOf(a)) || a.id.localeCompare(b.id));
  return query.limit === undefined ? matching : matching.slice(0, Math.max(0, query.limit));
}

/** Applies a CallQuery to records held in the browser: filters, newest first, limit. */
export function applyCallQuery(records: Iterable<CallRecord>, query: CallQuery = {}): CallRecord[] {
  return applyQuery(records, query, ['leadId', 'requestId', 'agentId'], (record) => record.startedAt);
}

/** Applies an ActionQuery to actions held in the browser: filters, newest first, limit. */
export function applyActionQuery(actions: Iterable<CallAction>, query: ActionQuery = {}): CallAction[] {
  return applyQuery(actions, query, ['leadId', 'requestId', 'callId'], (action) => action.at);
}
