import type { ReadableAtom } from 'nanostores';
import type { CallElementsError } from '../internal/errors.js';
import type { AircallScope, PublicAircallConfig } from '../schema/aircall-config.js';
import type { CallAction } from '../schema/call-action.js';
import type { CallRecord, CallStatus, EndedBy } from '../schema/call-record.js';
import type { FeedbackIssue } from '../schema/feedback-issues.js';

export type ProviderCapability = 'outbound' | 'inbound' | 'mute' | 'dtmf' | 'transfer' | 'recording';

/** What a call-button asks a provider to dial. `to` is already validated E.164. */
export interface CallRequest {
  to: string;
  displayName?: string;
  agentId?: string;
  leadId?: string;
  requestId?: string;
  /** The user placing the call, when the page gave it (`user-id`); providers that trace actions use it. */
  userId?: string;
  /** Provider-specific extras (Aircall organisation, Twilio params...). */
  params?: Record<string, string>;
}

export interface ProviderError {
  code: string;
  /** English, for logs and the record. */
  message: string;
  /** The placeholders of the code's localised message (`{provider}`, `{detail}`...), when the code is one of ours. */
  params?: Record<string, string | number>;
}

/** Normalised events a provider reports; the call session decides which ones count. */
export type ProviderEvent =
  | { type: 'connecting' }
  /** `from`/`to` when the provider learns them only now (Aircall gives the agent's own number). */
  | { type: 'ringing'; callSid?: string; from?: string; to?: string }
  | { type: 'incoming'; callSid: string; from?: string; to?: string; details?: Record<string, unknown> }
  | { type: 'connected'; callSid?: string }
  | { type: 'reconnecting' }
  | { type: 'reconnected' }
  | {
      type: 'ended';
      endedBy?: EndedBy;
      status?: CallStatus;
      recordingUrl?: string;
      notes?: string;
      details?: Record<string, unknown>;
    }
  | { type: 'failed'; error: ProviderError; details?: Record<string, unknown> }
  | { type: 'warning'; name: string }
  | { type: 'warning-cleared'; name: string }
  | { type: 'muted'; muted: boolean };

export type ProviderSink = (event: ProviderEvent) => void;

/** A call coming in, as the provider first sees it. `callSid` is the provider's real call id. */
export interface IncomingCallInfo {
  callSid: string;
  from?: string;
  to?: string;
  details?: Record<string, unknown>;
}

/**
 * Given by the library to `listen()`: the provider calls it when a call comes in. It returns the sink
 * for that call's later events (`connected` on accept, `ended` on cancel/reject/disconnect), or
 * undefined when the page cannot take the call (another call is live): the provider then rejects it.
 */
export type IncomingHandler = (call: IncomingCallInfo) => ProviderSink | undefined;

/**
 * Whether calls can be placed right now for a given context (organisation, country...), as a store so
 * that `<call-button>` follows changes (settings saved, configuration loaded).
 */
export interface ProviderAvailability {
  /** Still finding out (configuration loading): the button waits, disabled, without a reason yet. */
  loading?: boolean;
  /** Why calls cannot be placed (integration disabled, permission missing...), or undefined. */
  problem?: CallElementsError;
  /** Hide the button instead of disabling it (Aircall is hidden when the integration is off). */
  hidden?: boolean;
  /** What the context allows, when it narrows the provider's own capabilities. */
  capabilities?: ReadonlySet<ProviderCapability>;
}

/**
 * Whether incoming calls can reach the page right now: nobody listens (`off`), the provider is getting
 * ready (`connecting`: Twilio registering its Device), calls ring (`ready`), or it should be receiving but
 * cannot (`offline`: registration lost or refused; the provider tries again when the page comes back
 * or the network does).
 */
export type ReceptionState = 'off' | 'connecting' | 'ready' | 'offline';

/** The agent's rating of a call's sound: 1 (worst) to 5, and what was wrong (Twilio's FeedbackIssue values). */
export interface CallFeedback {
  score: 1 | 2 | 3 | 4 | 5;
  issue?: CallFeedbackIssue;
}
export type CallFeedbackIssue = FeedbackIssue;

/**
 * A timeline action as a host (`logCallAction`) or a provider gives it: every field of a CallAction,
 * the library filling `type` ("note"), `id` (a new one), `at` (now) and `userId` (the identity).
 */
export type CallActionInput = Partial<CallAction>;

/** A timeline action as a provider reports it: its type is always known. */
export type ProviderAction = CallActionInput & Pick<CallAction, 'type'>;

/**
 * What the page's call runtime gives a provider when it is registered: the provider asks it instead of
 * reaching for page-wide state, so that it works the same in any page and in tests.
 */
export interface ProviderHost {
  /** The organisation's Aircall configuration without its secret (null when none was saved), through the page's storage. */
  loadAircallConfig(scope: AircallScope): Promise<PublicAircallConfig | null>;
  /** Queues a timeline action durably (it is sent with the call records, and survives a reload). */
  logAction(action: ProviderAction): void;
  /**
   * Adds what the provider learnt after the call's end (Aircall's own duration after our Hang up) to the
   * record `recordId`, through the queue: the same record id is upserted, never a second record.
   */
  amendCall(recordId: string, patch: Partial<Pick<CallRecord, 'durationSec' | 'notes' | 'recordingUrl' | 'from' | 'to' | 'details'>>): void;
}

/** How good a test call sounded, from its mean opinion score (Twilio: above 4.2 excellent … 3.0 or below degraded). */
export type CallCheckQuality = 'excellent' | 'great' | 'good' | 'fair' | 'degraded';

/** Average, lowest and highest value of a measure over the test call. */
export interface CallCheckStat {
  average: number;
  min: number;
  max: number;
}

/** A problem the test call met (high round trip, packet loss, low microphone level…). */
export interface CallCheckWarning {
  name: string;
  description: string;
}

/** What a pre-call check found: a short test call to the provider, measured. Durations in ms. */
export interface CallCheckReport {
  provider: string;
  /** The test call's CallSid, for the provider's support. */
  callSid?: string;
  /** The data centre the test call reached (Twilio edge). */
  edge?: string;
  /** How long each step of the connection took: signaling, ICE, DTLS, the peer connection. */
  networkTiming: { signaling?: number; ice?: number; dtls?: number; peerConnection?: number };
  quality?: CallCheckQuality;
  /** Round trip (ms), jitter (ms) and mean opinion score (1 to about 4.5) over the test call. */
  stats?: { rtt?: CallCheckStat; jitter?: CallCheckStat; mos?: CallCheckStat };
  /** Whether media needed a TURN relay (a firewall blocks direct media); undefined when it could not be told. */
  turnRequired?: boolean;
  warnings: CallCheckWarning[];
  /** How long the whole check took. */
  durationMs?: number;
}

/** What a check reports while it runs: the test call connected, a warning met. */
export type CallCheckProgress = { type: 'connected' } | { type: 'warning'; warning: CallCheckWarning };

export interface CallCheckOptions {
  onProgress?: (progress: CallCheckProgress) => void;
}

/**
 * A way to place calls (Twilio, Aircall, demo, or the integrator's own). One call at a time: the
 * sink given to `start()` receives that call's events until it ends.
 */
export interface CallProvider {
  readonly name: string;
  readonly capabilities: ReadonlySet<ProviderCapability>;
  start(request: CallRequest, sink: ProviderSink): void | Promise<void>;
  hangup(): void;
  mute?(on: boolean): void;
  sendDigits?(digits: string): void;
  accept?(): void;
  reject?(): void;
  /**
   * Starts receiving calls (Twilio: registers the Device). Returns the function that stops; the
   * provider may release its resources once nobody listens and no call is live.
   */
  listen?(onIncoming: IncomingHandler): () => void;
  /** Whether incoming calls can reach the page right now (providers that receive calls and know it). */
  readonly reception?: ReadableAtom<ReceptionState>;
  /** Sends the agent's rating of the call that ended last to the provider (Twilio Insights); rejects with a typed error. */
  postFeedback?(feedback: CallFeedback): Promise<void>;
  /** Availability for the element's context (`params`: organizationId, countryCode...). */
  availability?(params: Record<string, string>): ReadableAtom<ProviderAvailability>;
  /**
   * True when the provider logs its own `call-started`/`call-answered`/`call-ended` actions (Aircall,
   * per the organisation's configuration); the library's `traceActions` then leaves its calls alone.
   */
  readonly tracesActions?: boolean;
  /**
   * Runs a pre-call check (Twilio: `Device.runPreflight` with the user's token). Rejects with a
   * CallElementsError (`token-failed`, `call-check-failed`…).
   */
  checkCall?(options?: CallCheckOptions): Promise<CallCheckReport>;
  /** Called when the provider is registered, with what the page's runtime offers it. */
  attach?(host: ProviderHost): void;
  dispose(): void;
}
