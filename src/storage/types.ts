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
  /**
   * The recording of a call once the backend has it, or undefined while it has none yet
   * (the HTTP contract: GET {baseUrl}/calls/{id}/recording → { url } or 404).
   */
  getRecordingUrl?(callId: string): Promise<string | undefined>;
  /**
   * Last-chance send while the page is being hidden or unloaded (`fetch` with `keepalive`, whose
   * bodies share a 64 KiB budget). Returns the ids it could hand to the browser; they are not
   * confirmed, so the outbox keeps them until a normal save succeeds.
   */
  saveCallsOnUnload?(records: CallRecord[]): string[];
  dispose?(): void | Promise<void>;
}
