import { validateCallAction, validateCallRecord } from '../../calls/record.js';
import type { CallAction } from '../../schema/call-action.js';
import type { CallRecord } from '../../schema/call-record.js';
import { applyCallQuery } from '../query.js';
import type { CallQuery, CallStorage } from '../types.js';

export interface MemoryStorage extends CallStorage {
  logAction(action: CallAction): Promise<void>;
  /** Every action logged, oldest first. */
  listActions(): Promise<CallAction[]>;
}

/**
 * Keeps calls in this page's memory: for tests, and for hosts that persist elsewhere (they listen
 * to `call-end`). Nothing survives a reload. Values are copied in and out so callers cannot mutate
 * what is stored.
 */
export function createMemoryStorage(): MemoryStorage {
  const calls = new Map<string, CallRecord>();
  const actions = new Map<string, CallAction>();
  return {
    name: 'memory',
    async saveCall(record) {
      const valid = validateCallRecord(record);
      calls.set(valid.id, structuredClone(valid));
    },
    async listCalls(query?: CallQuery) {
      return applyCallQuery(calls.values(), query).map((record) => structuredClone(record));
    },
    async logAction(action) {
      const valid = validateCallAction(action);
      actions.set(valid.id, structuredClone(valid));
    },
    async listActions() {
      return [...actions.values()].map((action) => structuredClone(action));
    },
    async dispose() {
      calls.clear();
      actions.clear();
    },
  };
}
