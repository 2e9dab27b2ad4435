import type { Outbox } from '../outbox/outbox.js';
import type { CallActionInput, CallProvider, IncomingCallInfo, ProviderHost, ProviderSink, CallFeedback } from '../providers/types.js';
import type { CallAction } from '../schema/call-action.js';
import type { CallStorage } from '../storage/types.js';
import type { AircallConfigs } from './aircall-config.js';
import type { IncomingOwner } from './incoming.js';
import type { CallHandle, PlaceCallOptions, ReceiveCallOptions } from './live-call.js';
import type { CallWrapUp } from './wrap-up.js';

/** What the queue stores for good: call records and timeline actions. */
export type StoredKind = 'call' | 'action';

/**
 * The part of a page's call runtime that runs calls and the durable queue (calls/engine.ts). It is
 * downloaded when the page places or receives its first call, or finds records left by an earlier
 * page; the runtime holds it once it is there.
 */
export interface CallEngine {
  /** The storage in use: the configured one, else the `storage-url` backend, else IndexedDB. */
  storage(): CallStorage;
  /** The page's queue, created (and started) on first use. */
  outbox(): Outbox;
  readonly queueStarted: boolean;
  /** The storage or the queue settings changed: the queue starts again with them. */
  restartQueue(): void;
  /**
   * Places an outbound call; throws a CallElementsError before dialling when it cannot be placed.
   * The call's events go to `owner` while it is in the document, else to `document`.
   */
  placeCall(options: PlaceCallOptions, owner?: EventTarget): CallHandle;
  /** Takes an incoming call a provider announced; undefined when another call is live (the provider then declines it). */
  receiveCall(provider: CallProvider, incoming: IncomingCallInfo, options?: ReceiveCallOptions, owner?: EventTarget): { call: CallHandle; sink: ProviderSink } | undefined;
  /** The live call, or undefined when none is in progress. */
  currentCall(): CallHandle | undefined;
  /** The call of a session: the live one, or the last one once it ended (until the next). */
  callOf(sessionId: string): CallHandle | undefined;
  /** Called with the id of every call record the backend confirmed (from this tab's queue or another's). */
  onCallStored(listener: (id: string) => void): () => void;
  /** Called for every call record and timeline action the backend confirmed (from this tab's queue or another's). */
  onStored(listener: (kind: StoredKind, id: string) => void): () => void;
  /** Lets `owner` receive the provider's calls; returns the function that stops. */
  listen(providerName: string, owner: IncomingOwner): () => void;
  /** Queues a timeline action durably; resolves with the action as queued. */
  logAction(action: CallActionInput): Promise<CallAction>;
  /** Validates a record the host built and queues it; rejects with `invalid-record`. */
  storeCall(record: unknown): Promise<void>;
  amendCall: ProviderHost['amendCall'];
  /**
   * Keeps the agent's rating of a call that ended on this page in its record (`metrics.feedbackScore`,
   * `feedbackIssue`: the same record id, through the queue) and, for the provider's last call, sends it
   * to the provider (Twilio Insights). Rejects with `invalid-options` or the provider's typed error.
   */
  rateCall(recordId: string, feedback: CallFeedback): Promise<void>;
  /**
   * Adds the agent's wrap-up (outcome, note) to a finished call of this page: the same record, captured
   * again through the queue, and the note as a `note` action. Resolves with what was saved (blank fields
   * left out; nothing is written when both are blank); rejects with `invalid-options`.
   */
  wrapUpCall(recordId: string, wrapUp: CallWrapUp): Promise<CallWrapUp>;
  /** The page's Aircall configurations, through the storage (their rules and schemas download on first use). */
  aircallConfigs(): Promise<AircallConfigs>;
  dispose(): Promise<void>;
}
