import type { CallSnapshot } from '../../store/call.js';

/** Whole seconds between answer and end (or now); 0 for a call never answered. */
export function durationOf(snapshot: CallSnapshot, now = Date.now()): number {
  if (snapshot.answeredAt === undefined) return 0;
  return Math.max(0, Math.round(((snapshot.endedAt ?? now) - snapshot.answeredAt) / 1000));
}

/** The other party's number: whom the agent called, or who called. */
export function otherParty(snapshot: CallSnapshot): string | undefined {
  return snapshot.direction === 'outbound' ? snapshot.to : snapshot.from;
}
