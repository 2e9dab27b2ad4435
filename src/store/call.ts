import { atom } from 'nanostores';
import type { CallDirection, CallStatus, EndedBy } from '../schema/call-record.js';

export type CallState =
  | 'idle'
  | 'connecting'
  | 'ringing'
  | 'incoming'
  | 'connected'
  | 'reconnecting'
  | 'ended'
  | 'failed';

export const ACTIVE_STATES: ReadonlySet<CallState> = new Set(['connecting', 'ringing', 'incoming', 'connected', 'reconnecting']);

/** What every element on the page may know about the live call. */
export interface CallSnapshot {
  sessionId: string;
  provider: string;
  direction: CallDirection;
  state: CallState;
  to?: string;
  from?: string;
  displayName?: string;
  callSid?: string;
  /** Epoch milliseconds. */
  startedAt?: number;
  answeredAt?: number;
  endedAt?: number;
  status?: CallStatus;
  endedBy?: EndedBy;
  muted: boolean;
  warnings: string[];
  /** Why the call failed: its code, English message and the placeholders of its localised message. */
  error?: { code: string; message: string; params?: Record<string, string | number> };
}

/** The live call of this page (an agent has one at a time), or null. Kept after the end until the next call. */
export const $call = atom<CallSnapshot | null>(null);

export function setCall(snapshot: CallSnapshot): void {
  $call.set(snapshot);
}

/** Clears the call only if it is still the given session, so that a late update cannot erase a newer call. */
export function clearCall(sessionId: string): void {
  if ($call.get()?.sessionId === sessionId) $call.set(null);
}

export function isCallActive(snapshot: CallSnapshot | null | undefined): boolean {
  return !!snapshot && ACTIVE_STATES.has(snapshot.state);
}
