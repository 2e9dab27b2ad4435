import type { CallAction } from '../../schema/call-action.js';
import type { CallRecord } from '../../schema/call-record.js';
import type { ActionQuery, CallStorage } from '../../storage/types.js';

/** Whose calls to list: at least one of the ids, and how many calls at most. */
export interface HistoryScope {
  leadId?: string;
  requestId?: string;
  agentId?: string;
  limit: number;
}

/** One stored call and its timeline, oldest action first. */
export interface HistoryCall {
  record: CallRecord;
  actions: CallAction[];
}

export interface History {
  /** Newest first. */
  calls: HistoryCall[];
  /** Actions of the scope that belong to no call (notes on the lead or request), newest first. */
  others: CallAction[];
}

/** The most actions asked for in one read: the reference server's own cap on a list. */
const MAX_ACTIONS = 500;

const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as T;

/**
 * The scope's calls through `listCalls`, and through `listActions` (when the storage has it) each
 * call's timeline and the notes that belong to no call. A lead or request scope reads its actions in
 * one request; an agent's calls have no such filter, so their actions are read call by call.
 */
export async function readHistory(storage: CallStorage, scope: HistoryScope): Promise<History> {
  const { leadId, requestId, agentId, limit } = scope;
  const records = await storage.listCalls(defined({ leadId, requestId, agentId, limit }));
  const listActions = storage.listActions?.bind(storage);
  if (!listActions) return { calls: records.map((record) => ({ record, actions: [] })), others: [] };
  const byScope = leadId !== undefined || requestId !== undefined;
  const read = (query: ActionQuery) => listActions(defined({ ...query, limit: MAX_ACTIONS }));
  const actions = byScope ? await read({ leadId, requestId }) : (await Promise.all(records.map((record) => read({ callId: record.id })))).flat();

  const timelines = new Map(records.map((record) => [record.id, [] as CallAction[]]));
  // When the limit cut the list, notes older than its oldest call belong to calls that are not shown.
  const since = records.length >= limit ? records.at(-1)?.startedAt : undefined;
  const others: CallAction[] = [];
  for (const action of actions) {
    if (action.callId !== undefined) timelines.get(action.callId)?.push(action);
    else if ((agentId === undefined || action.agentId === agentId) && (since === undefined || Date.parse(action.at) >= Date.parse(since))) others.push(action);
  }
  const oldestFirst = (list: CallAction[]) => [...list].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  return {
    calls: records.map((record) => ({ record, actions: oldestFirst(timelines.get(record.id) ?? []) })),
    others: oldestFirst(others).reverse(),
  };
}
