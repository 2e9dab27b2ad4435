import type { CallSnapshot } from '../../store/call.js';

/** "mm:ss", or "h:mm:ss" from an hour. */
export function formatClock(totalSeconds: number): string {
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const mm = String(minutes).padStart(2, '0');
  const ss = String(seconds).padStart(2, '0');
  return hours ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Whole seconds between answer and end (or now); 0 for a call never answered. */
export function durationOf(snapshot: CallSnapshot, now = Date.now()): number {
  if (snapshot.answeredAt === undefined) return 0;
  return Math.max(0, Math.round(((snapshot.endedAt ?? now) - snapshot.answeredAt) / 1000));
}

/** The other party's number: whom the agent called, or who called. */
export function otherParty(snapshot: CallSnapshot): string | undefined {
  return snapshot.direction === 'outbound' ? snapshot.to : snapshot.from;
}
