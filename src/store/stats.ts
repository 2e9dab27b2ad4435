import { atom } from 'nanostores';
import type { CallStatus } from '../schema/call-record.js';

/** Call monitoring for this page since it loaded (reset with {@link resetStats}). */
export interface CallStats {
  /** Calls that ended (placed and received). */
  calls: number;
  /** Calls that were answered. */
  answered: number;
  /** answered / calls, 0 when there was no call. */
  answeredRate: number;
  /** Mean time from dialling (or ringing in) to answer, over answered calls (ms); undefined before the first. */
  averageSetupMs?: number;
  /** Calls by final status. */
  byStatus: Partial<Record<CallStatus, number>>;
  /** Failed calls by error code. */
  failuresByCode: Record<string, number>;
}

const empty = (): CallStats => ({ calls: 0, answered: 0, answeredRate: 0, byStatus: {}, failuresByCode: {} });

export const $stats = atom<CallStats>(empty());

/** Counts one finished call. */
export function recordCallStats(call: { status: CallStatus; setupMs?: number; answered: boolean; errorCode?: string }): void {
  const previous = $stats.get();
  const calls = previous.calls + 1;
  const answered = previous.answered + (call.answered ? 1 : 0);
  // A running mean, so that nothing but the store holds the page's figures.
  const timed = call.answered && call.setupMs !== undefined;
  const averageSetupMs =
    timed && previous.averageSetupMs === undefined
      ? call.setupMs
      : timed
        ? previous.averageSetupMs! + (call.setupMs! - previous.averageSetupMs!) / answered
        : previous.averageSetupMs;
  const failuresByCode = { ...previous.failuresByCode };
  if (call.errorCode) failuresByCode[call.errorCode] = (failuresByCode[call.errorCode] ?? 0) + 1;
  $stats.set({
    calls,
    answered,
    answeredRate: answered / calls,
    averageSetupMs: averageSetupMs === undefined ? undefined : Math.round(averageSetupMs),
    byStatus: { ...previous.byStatus, [call.status]: (previous.byStatus[call.status] ?? 0) + 1 },
    failuresByCode,
  });
}

export function resetStats(): void {
  $stats.set(empty());
}
