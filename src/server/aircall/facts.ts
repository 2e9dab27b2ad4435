import type { CallDirection, CallStatus } from '../../schema/call-record.js';
import { compactPhoneNumber, isE164 } from '../../schema/phone.js';
import type { ProviderFacts } from '../records.js';

/**
 * The fields read from Aircall's Call object, as its webhooks send it (`data` of a `call.ended` or
 * `call.comm_assets_generated` event). Times are UNIX seconds; `raw_digits` is the other party's
 * number as Aircall formats it ("+33 1 23 45 67 89"), `number.digits` the Aircall line's.
 */
export interface AircallCall {
  id: number | string;
  direction?: 'inbound' | 'outbound';
  status?: string;
  started_at?: number | null;
  answered_at?: number | null;
  ended_at?: number | null;
  duration?: number | null;
  missed_call_reason?: string | null;
  raw_digits?: string | null;
  /** A pre-signed link to the recording file that expires after a few minutes. */
  recording?: string | null;
  /** A lasting link to the recording on Aircall (for signed-in Aircall users). */
  asset?: string | null;
  direct_link?: string | null;
  user?: { id?: number; name?: string } | null;
  number?: { id?: number; digits?: string } | null;
  comments?: { id?: number; content?: string; posted_at?: number }[] | null;
  tags?: { name?: string }[] | null;
}

const iso = (seconds: number | null | undefined) =>
  typeof seconds === 'number' && Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : undefined;

function e164(digits: string | null | undefined): string | undefined {
  const compact = digits ? compactPhoneNumber(digits) : undefined;
  return isE164(compact) ? compact : undefined;
}

const httpLink = (value: string | null | undefined) => (value && /^https?:\/\//.test(value) ? value : undefined);

function ourStatus(call: AircallCall, direction: CallDirection): CallStatus {
  if (call.answered_at) return 'completed';
  return direction === 'inbound' ? 'missed' : 'no-answer';
}

/** What a `call.ended` says: duration, recording, the agent's comments (joined as the record's notes). */
export function aircallFacts(call: AircallCall): ProviderFacts {
  const direction: CallDirection = call.direction === 'inbound' ? 'inbound' : 'outbound';
  const external = e164(call.raw_digits);
  const line = e164(call.number?.digits);
  const comments = (call.comments ?? []).filter((comment) => typeof comment?.content === 'string' && comment.content.trim() !== '');
  const recordingUrl = httpLink(call.asset) ?? httpLink(call.recording);
  const startedAt = iso(call.started_at);
  const answeredAt = iso(call.answered_at);
  const endedAt = iso(call.ended_at);
  return {
    provider: 'aircall',
    callSid: String(call.id),
    direction,
    status: ourStatus(call, direction),
    ...(direction === 'inbound' ? { from: external, to: line } : { from: line, to: external }),
    ...(startedAt && { startedAt }),
    ...(answeredAt && { answeredAt }),
    ...(endedAt && { endedAt }),
    ...(typeof call.duration === 'number' && Number.isInteger(call.duration) && call.duration >= 0 && { durationSec: call.duration }),
    ...(recordingUrl && { recordingUrl }),
    ...(comments.length > 0 && { notes: comments.map((comment) => comment.content!.trim()).join('\n\n') }),
    details: {
      callId: call.id,
      ...(call.status && { status: call.status }),
      ...(call.missed_call_reason && { missedCallReason: call.missed_call_reason }),
      ...(call.user?.id !== undefined && { userId: call.user.id }),
      ...(call.user?.name && { userName: call.user.name }),
      ...(call.number?.id !== undefined && { numberId: call.number.id }),
      ...(httpLink(call.direct_link) && { directLink: call.direct_link }),
      ...(comments.length > 0 && {
        comments: comments.map((comment) => ({ id: comment.id, content: comment.content, postedAt: iso(comment.posted_at) })),
      }),
      ...(call.tags?.length && { tags: call.tags.flatMap((tag) => (tag?.name ? [tag.name] : [])) }),
    },
  };
}
