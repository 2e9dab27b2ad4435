// The queue's settings: what a host may tune, and the names and limits the queue uses (checked by check-settings.ts).
/** What a host may tune about the queue (`configure({ outbox })`). */
export interface OutboxSettings {
  /** IndexedDB database of the queue. Default "call-elements-outbox". */
  dbName?: string;
  /** Web Lock that elects the one sending tab of the origin. Default "call-elements-outbox". */
  lockName?: string;
  /** BroadcastChannel shared by the tabs of the origin. Default "call-elements-outbox". */
  channelName?: string;
  /** First retry delay (ms), doubled per attempt. At least 10. Default 1000. */
  baseDelayMs?: number;
  /** Longest retry delay (ms), at least `baseDelayMs`. Default 300000 (5 min). */
  maxDelayMs?: number;
  /** Items sent at once, 1 to 16. Default 4. */
  concurrency?: number;
  /** Use Web Locks to elect one sending tab per origin (default true when the browser has them). */
  useLocks?: boolean;
  /** How long one storage call may take before it counts as a transient failure (ms). At least 100. Default 30000. */
  sendTimeoutMs?: number;
  /**
   * False keeps the queue in this tab's memory only, as when IndexedDB cannot be used (some private
   * modes): items are still sent, and handed to another tab when this one closes. Default true.
   */
  useIndexedDb?: boolean;
}

export const DEFAULT_OUTBOX_NAME = 'call-elements-outbox';
/** The object store of the queue's database (version 2; version 1 had "entries"). */
export const QUEUE_STORE = 'queue';
export const MIN_BASE_DELAY_MS = 10;
export const MAX_CONCURRENCY = 16;
export const MIN_SEND_TIMEOUT_MS = 100;
