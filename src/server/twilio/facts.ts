import type { CallStatus } from '../../schema/call-record.js';
import { isE164 } from '../../schema/phone.js';
import type { ProviderFacts } from '../records.js';
import type { TwilioCall } from './sdk.js';

/** Twilio's call statuses after which nothing changes any more; earlier ones (ringing…) are not stored. */
const FINAL_STATUSES = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);

export const isFinalStatus = (status: string | undefined) => status !== undefined && FINAL_STATUSES.has(status);

/** `client:alice` → `alice`: the identity of the browser on that leg (the token route makes it the user id). */
function identityOf(address: string | undefined): string | undefined {
  return address?.startsWith('client:') ? address.slice('client:'.length) || undefined : undefined;
}

function ourStatus(twilioStatus: string, direction: 'inbound' | 'outbound'): CallStatus {
  if (direction === 'inbound' && (twilioStatus === 'no-answer' || twilioStatus === 'canceled')) return 'missed';
  return twilioStatus as CallStatus;
}

function validDate(value: Date | string | null | undefined): Date | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * The facts of a finished call, from Twilio's REST API when it answered (`call`), else from the
 * signed callback's own fields. A call placed from the browser is Twilio's *inbound* leg from
 * `client:{identity}`: for us it is outbound. Twilio's duration counts from the answer, which
 * dates the answer of a completed call.
 */
export function callFacts(callSid: string, form: Record<string, string>, call: TwilioCall | undefined): ProviderFacts {
  const from = call?.from ?? form.From ?? '';
  const to = call?.to ?? form.To ?? '';
  const twilioStatus = call?.status ?? form.CallStatus ?? '';
  const twilioDirection = call?.direction ?? form.Direction ?? '';
  const duration = Number.parseInt(call?.duration ?? form.CallDuration ?? '', 10);
  const durationSec = Number.isInteger(duration) && duration >= 0 ? duration : undefined;
  const direction = (identityOf(from) || twilioDirection.startsWith('outbound')) ? ('outbound' as const) : ('inbound' as const);
  const endedAt = validDate(call?.endTime) ?? validDate(form.Timestamp);
  const startedAt = validDate(call?.startTime) ?? (endedAt && new Date(endedAt.getTime() - (durationSec ?? 0) * 1000));
  const answeredAt =
    twilioStatus === 'completed' && endedAt && startedAt
      ? new Date(Math.max(startedAt.getTime(), endedAt.getTime() - (durationSec ?? 0) * 1000))
      : undefined;
  const parentCallSid = call?.parentCallSid ?? form.ParentCallSid;
  const userId = identityOf(from) ?? identityOf(to);
  return {
    provider: 'twilio',
    callSid,
    direction,
    status: ourStatus(twilioStatus, direction),
    ...(isE164(from) && { from }),
    ...(isE164(to) && { to }),
    ...(userId && { userId }),
    ...(startedAt && { startedAt: startedAt.toISOString() }),
    ...(answeredAt && { answeredAt: answeredAt.toISOString() }),
    ...(endedAt && { endedAt: endedAt.toISOString() }),
    ...(durationSec !== undefined && { durationSec }),
    details: {
      callSid,
      callStatus: twilioStatus,
      direction: twilioDirection,
      from,
      to,
      ...(parentCallSid && { parentCallSid }),
      ...(durationSec !== undefined && { durationSec }),
      ...(call?.price && { price: call.price, priceUnit: call.priceUnit }),
      ...(call?.answeredBy && { answeredBy: call.answeredBy }),
      source: call ? 'rest-api' : 'status-callback',
    },
  };
}

/** A recording status callback: the recording belongs to the call it was made on. */
export function recordingFacts(form: Record<string, string>): ProviderFacts | undefined {
  const { CallSid, RecordingUrl, RecordingSid, RecordingStatus, RecordingDuration } = form;
  if (!CallSid || !RecordingUrl || (RecordingStatus !== undefined && RecordingStatus !== 'completed')) return undefined;
  if (!/^https?:\/\//.test(RecordingUrl)) return undefined;
  return {
    provider: 'twilio',
    callSid: CallSid,
    recordingUrl: RecordingUrl,
    details: { ...(RecordingSid && { recordingSid: RecordingSid }), ...(RecordingDuration && { recordingDurationSec: Number(RecordingDuration) }) },
  };
}
