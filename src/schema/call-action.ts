import * as z from 'zod/mini';
import { e164, identifier, isoDateTime, strictObject } from './common.js';

export const CALL_ACTION_TYPES = [
  'call-started',
  'call-answered',
  'call-ended',
  'call-missed',
  'login',
  'logout',
  'note',
] as const;

/** A timeline entry (the Aircall action log's `logAircallAction`): what happened, on which request or lead, when. */
export const CallActionSchema = strictObject({
  id: identifier,
  type: z.enum(CALL_ACTION_TYPES, { error: `must be one of ${CALL_ACTION_TYPES.join(', ')}` }),
  requestId: z.optional(identifier),
  leadId: z.optional(identifier),
  callId: z.optional(identifier),
  phoneNumber: z.optional(e164),
  userDisplayName: z.optional(z.string({ error: 'must be a string' }).check(z.maxLength(200, { error: 'must be 200 characters or fewer' }))),
  notes: z.optional(z.string({ error: 'must be a string' }).check(z.maxLength(20_000, { error: 'must be 20,000 characters or fewer' }))),
  at: isoDateTime,
  agentId: z.optional(identifier),
  userId: z.optional(identifier),
});

export type CallActionType = (typeof CALL_ACTION_TYPES)[number];
export type CallAction = z.infer<typeof CallActionSchema>;
