import type { CallStatus, EndedBy } from '../schema/call-record.js';

export type ProviderCapability = 'outbound' | 'inbound' | 'mute' | 'dtmf' | 'transfer' | 'recording';

/** What a call-button asks a provider to dial. `to` is already validated E.164. */
export interface CallRequest {
  to: string;
  displayName?: string;
  agentId?: string;
  leadId?: string;
  requestId?: string;
  /** Provider-specific extras (Aircall organisation, Twilio params...). */
  params?: Record<string, string>;
}

export interface ProviderError {
  code: string;
  message: string;
}

/** Normalised events a provider reports; the call session decides which ones count. */
export type ProviderEvent =
  | { type: 'connecting' }
  | { type: 'ringing'; callSid?: string }
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
  dispose(): void;
}
