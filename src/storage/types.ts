import type { AircallConfig, AircallScope, PublicAircallConfig } from '../schema/aircall-config.js';
import type { CallAction } from '../schema/call-action.js';
import type { CallRecord } from '../schema/call-record.js';
import type { CallElementsError } from '../internal/errors.js';

export interface CallQuery {
  leadId?: string;
  requestId?: string;
  agentId?: string;
  /** At most this many records, newest first. */
  limit?: number;
}

/** Which timeline actions to list: every filter given must match. */
export interface ActionQuery {
  leadId?: string;
  requestId?: string;
  /** The call record's id (`provider:callSid`) the actions belong to. */
  callId?: string;
  /** At most this many actions, newest first. */
  limit?: number;
}

/** What became of one record of `saveCalls`: stored, or the error its own `saveCall` would have rejected with. */
export interface SaveCallResult {
  id: string;
  error?: CallElementsError;
}

/**
 * Where finished calls go. Every method may reject with a CallElementsError whose `permanent` flag
 * says whether retrying can help. `saveCall` and `logAction` are idempotent upserts by id: saving
 * the same record twice leaves one record.
 */
export interface CallStorage {
  readonly name: string;
  saveCall(record: CallRecord): Promise<void>;
  /**
   * Optional: stores several records in one exchange, each on its own as `saveCall` would (the HTTP
   * contract: POST {baseUrl}/calls:batch). Resolves with one result per record, in order; rejects when
   * nothing could be tried (transient: the queue retries them all; permanent, e.g. `not-supported`: it
   * sends them one by one with `saveCall`).
   */
  saveCalls?(records: CallRecord[]): Promise<SaveCallResult[]>;
  listCalls(query?: CallQuery): Promise<CallRecord[]>;
  logAction?(action: CallAction): Promise<void>;
  /**
   * Logged actions, newest `at` first, filtered like `listCalls` (the HTTP contract:
   * GET {baseUrl}/actions?leadId=&requestId=&callId=&limit= → { items }). Storages that log
   * actions should list them; `<call-history>` shows a call's timeline from them.
   */
  listActions?(query?: ActionQuery): Promise<CallAction[]>;
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
  /**
   * The organisation's Aircall configuration without its secret (`apiKeySet`, `apiKeyLast4`), or
   * undefined when none was saved yet. Rejects with `organization-not-found` (404 organisation) or
   * `permission-denied` (403).
   */
  getConfig?(scope: AircallScope): Promise<PublicAircallConfig | undefined>;
  /**
   * Saves a configuration and returns what a read would now return (with its new version).
   * `config.apiKey` omitted keeps the saved key; a string replaces it. Rejects with `config-conflict`
   * when `expectedVersion` is not the saved version (0 = nothing saved yet).
   */
  saveConfig?(scope: AircallScope, config: AircallConfig, options: SaveConfigOptions): Promise<PublicAircallConfig>;
  /** Saved versions, newest first, without secrets. */
  listConfigVersions?(scope: AircallScope): Promise<AircallConfigVersion[]>;
  dispose?(): void | Promise<void>;
}

type ConfigMethod = 'getConfig' | 'saveConfig' | 'listConfigVersions';

/** A storage that keeps Aircall configurations: the three optional methods, all present. */
export interface ConfigStorage extends Omit<CallStorage, ConfigMethod>, Required<Pick<CallStorage, ConfigMethod>> {}

export interface SaveConfigOptions {
  /** The version the editor started from (optimistic concurrency; HTTP `If-Match`). 0 when none existed. */
  expectedVersion: number;
  /** Who saves (the user id), kept in the version history. */
  updatedBy?: string;
}

/** One entry of the history: the public configuration as saved, who saved it and when. */
export interface AircallConfigVersion {
  version: number;
  updatedAt: string;
  updatedBy?: string;
  config: PublicAircallConfig;
}
