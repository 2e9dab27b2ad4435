import { debug } from '../internal/debug.js';
import type { CallDirection, CallMetrics, CallStatus, EndedBy } from '../schema/call-record.js';
import type { ProviderError, ProviderEvent } from '../providers/types.js';
import type { CallSnapshot, CallState } from '../store/call.js';

/** Which event moves which state where. Anything not listed is ignored (and logged in debug mode). */
const TRANSITIONS: Record<CallState, Partial<Record<ProviderEvent['type'], CallState>>> = {
  idle: { connecting: 'connecting', incoming: 'incoming' },
  connecting: { ringing: 'ringing', connected: 'connected', ended: 'ended', failed: 'failed' },
  ringing: { connected: 'connected', ended: 'ended', failed: 'failed' },
  incoming: { connected: 'connected', ended: 'ended', failed: 'failed' },
  connected: { reconnecting: 'reconnecting', ended: 'ended', failed: 'failed' },
  reconnecting: { reconnected: 'connected', ended: 'ended', failed: 'failed' },
  ended: {},
  failed: {},
};

/** Events that never change the state but count while the call is live. */
const LIVE_EVENTS = new Set<ProviderEvent['type']>(['warning', 'warning-cleared', 'muted']);

export const TERMINAL_STATES: ReadonlySet<CallState> = new Set(['ended', 'failed']);

export interface CallSessionOptions {
  provider: string;
  direction: CallDirection;
  to?: string;
  from?: string;
  displayName?: string;
  /** Clock in epoch milliseconds; tests pass their own. */
  now?: () => number;
}

export interface CallSessionEnd {
  state: 'ended' | 'failed';
  status: CallStatus;
  endedBy: EndedBy;
  error?: ProviderError;
}

export type SessionListener = (session: CallSession, event: ProviderEvent, previous: CallState) => void;

function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The one state machine of a call. Providers, the element and the page all report what they see
 * through `dispatch()`; the session keeps the first end and ignores everything after it, so a call
 * ends exactly once whoever reports it first.
 */
export class CallSession {
  readonly id = `cs-${randomHex(8)}`;
  readonly provider: string;
  readonly direction: CallDirection;
  /** Who the other party is: the host's name for an outbound call; for an incoming one, what `lookupCaller` found. */
  displayName?: string;
  to?: string;
  from?: string;

  state: CallState = 'idle';
  callSid?: string;
  startedAt?: number;
  answeredAt?: number;
  endedAt?: number;
  end?: CallSessionEnd;
  recordingUrl?: string;
  notes?: string;
  muted = false;
  readonly warnings = new Set<string>();
  readonly metrics: CallMetrics = { muteToggles: 0, reconnects: 0, qualityWarnings: 0 };
  readonly details: Record<string, unknown> = {};

  /** Resolves once, when the call reaches `ended` or `failed`. */
  readonly ended: Promise<CallSessionEnd>;

  private readonly now: () => number;
  private readonly listeners = new Set<SessionListener>();
  private resolveEnded!: (end: CallSessionEnd) => void;

  constructor(options: CallSessionOptions) {
    this.provider = options.provider;
    this.direction = options.direction;
    this.to = options.to;
    this.from = options.from;
    this.displayName = options.displayName;
    this.now = options.now ?? Date.now;
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
  }

  get isActive(): boolean {
    return this.state !== 'idle' && !TERMINAL_STATES.has(this.state);
  }

  get isOver(): boolean {
    return TERMINAL_STATES.has(this.state);
  }

  /** Whole seconds between answer and end; 0 for a call never answered. */
  get durationSec(): number {
    if (this.answeredAt === undefined) return 0;
    return Math.max(0, Math.round(((this.endedAt ?? this.now()) - this.answeredAt) / 1000));
  }

  subscribe(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Applies an event if it is legal in the current state. Returns whether it was applied. */
  dispatch(event: ProviderEvent): boolean {
    const previous = this.state;
    if (LIVE_EVENTS.has(event.type)) {
      if (!this.isActive) return this.ignore(event);
      this.applyLiveEvent(event);
      this.notify(event, previous);
      return true;
    }
    const next = TRANSITIONS[previous][event.type];
    if (!next) return this.ignore(event);

    const at = this.now();
    switch (event.type) {
      case 'connecting':
        this.startedAt = at;
        break;
      case 'incoming':
        this.startedAt = at;
        this.callSid = event.callSid;
        this.from = event.from ?? this.from;
        this.to = event.to ?? this.to;
        Object.assign(this.details, event.details);
        break;
      case 'ringing':
        this.callSid = event.callSid ?? this.callSid;
        this.from ??= event.from;
        this.to ??= event.to;
        break;
      case 'connected':
        this.callSid = event.callSid ?? this.callSid;
        this.answeredAt = at;
        this.metrics.setupMs = Math.max(0, at - (this.startedAt ?? at));
        break;
      case 'reconnecting':
        this.metrics.reconnects += 1;
        break;
      case 'ended':
        this.finish(at, {
          state: 'ended',
          endedBy: event.endedBy ?? 'remote',
          status: event.status ?? this.inferStatus(event.endedBy ?? 'remote'),
        });
        this.recordingUrl = event.recordingUrl ?? this.recordingUrl;
        this.notes = event.notes ?? this.notes;
        Object.assign(this.details, event.details);
        break;
      case 'failed':
        this.finish(at, { state: 'failed', endedBy: 'error', status: 'failed', error: event.error });
        Object.assign(this.details, event.details);
        break;
    }
    this.state = next;
    debug('session', 'transition', { session: this.id, provider: this.provider, from: previous, to: next, input: event });
    this.notify(event, previous);
    if (this.end) this.resolveEnded(this.end);
    return true;
  }

  /** Everything the store publishes about this call. */
  snapshot(): CallSnapshot {
    return {
      sessionId: this.id,
      provider: this.provider,
      direction: this.direction,
      state: this.state,
      to: this.to,
      from: this.from,
      displayName: this.displayName,
      callSid: this.callSid,
      startedAt: this.startedAt,
      answeredAt: this.answeredAt,
      endedAt: this.endedAt,
      status: this.end?.status,
      endedBy: this.end?.endedBy,
      muted: this.muted,
      warnings: [...this.warnings],
      error: this.end?.error,
    };
  }

  /**
   * The id used for the record when the provider never told us its own (a call that failed before
   * the provider assigned one): "LC" + 32 hex, so it can never collide with a provider's id.
   */
  ensureCallSid(): string {
    this.callSid ??= `LC${randomHex(16)}`;
    return this.callSid;
  }

  private finish(at: number, end: CallSessionEnd): void {
    this.endedAt = at;
    this.startedAt ??= at;
    this.end = end;
    this.warnings.clear();
  }

  /** The outcome when the reporter did not say: answered calls completed, others by who gave up. */
  private inferStatus(endedBy: EndedBy): CallStatus {
    if (this.answeredAt !== undefined) return 'completed';
    if (this.direction === 'inbound') return endedBy === 'agent' ? 'rejected' : 'missed';
    if (endedBy === 'remote') return 'no-answer';
    if (endedBy === 'error') return 'failed';
    return 'canceled';
  }

  private applyLiveEvent(event: ProviderEvent): void {
    if (event.type === 'muted') {
      if (event.muted !== this.muted) {
        this.muted = event.muted;
        this.metrics.muteToggles += 1;
      }
    } else if (event.type === 'warning') {
      if (!this.warnings.has(event.name)) {
        this.warnings.add(event.name);
        this.metrics.qualityWarnings += 1;
      }
    } else if (event.type === 'warning-cleared') {
      this.warnings.delete(event.name);
    }
    debug('session', 'event', { session: this.id, provider: this.provider, state: this.state, input: event });
  }

  private ignore(event: ProviderEvent): false {
    debug('session', 'ignored', { session: this.id, provider: this.provider, state: this.state, input: event });
    return false;
  }

  private notify(event: ProviderEvent, previous: CallState): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(this, event, previous);
      } catch (error) {
        // A failing listener must not stop the others or the state machine, nor reach the host page.
        console.error('[call-elements] a call session listener failed', error);
      }
    }
  }
}
