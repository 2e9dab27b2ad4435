import type { CallAction } from '../schema/call-action.js';
import type { CallRecord } from '../schema/call-record.js';

export interface CallQuery {
  leadId?: string;
  requestId?: string;
  agentId?: string;
  /** At most this many records, newest first. */
  limit?: number;
}

/**
 * Where finished calls go. Every method may reject with a CallElementsError whose `permanent` flag
 * says whether retrying can help. `saveCall` and `logAction` are idempotent upserts by id: saving
 * the same record twice leaves one record.
 */
export interface CallStorage {
  readonly name: string;
  saveCall(record: CallRecord): Promise<void>;
  listCalls(query?: CallQuery): Promise<CallRecord[]>;
  logAction?(action: CallAction): Promise<void>;
  dispose?(): void | Promise<void>;
}
