import * as z from 'zod/mini';
import { jsonProblem } from '../internal/json.js';
import { count, e164, httpUrl, identifier, isoDateTime, strictObject } from './common.js';
import { FEEDBACK_ISSUES } from './feedback-issues.js';

export const CALL_DIRECTIONS = ['outbound', 'inbound'] as const;
export const CALL_STATUSES = [
  'completed',
  'busy',
  'no-answer',
  'failed',
  'canceled',
  'rejected',
  'missed',
] as const;
export const END_REASONS = ['agent', 'remote', 'error', 'system'] as const;
export { FEEDBACK_ISSUES } from './feedback-issues.js';

export const CallErrorInfoSchema = strictObject({
  code: identifier,
  message: z.string({ error: 'must be a string' }),
});

export const CallMetricsSchema = strictObject({
  muteToggles: count,
  reconnects: count,
  qualityWarnings: count,
  /** Milliseconds from the start of the call to the moment it was answered (absent when never answered). */
  setupMs: z.optional(count),
  /** The agent's rating of the call's quality, 1 (worst) to 5, when asked after the call. */
  feedbackScore: z.optional(
    z.number({ error: 'must be a number' }).check(z.int({ error: 'must be a whole number' }), z.minimum(1, { error: 'must be from 1 to 5' }), z.maximum(5, { error: 'must be from 1 to 5' })),
  ),
  /** What was wrong with the sound, with a low rating. */
  feedbackIssue: z.optional(z.enum(FEEDBACK_ISSUES, { error: `must be one of ${FEEDBACK_ISSUES.join(', ')}` })),
});

const providerName = z
  .string({ error: 'must be a string' })
  .check(z.regex(/^[a-z][a-z0-9-]{0,31}$/, { error: 'must be a lower-case provider name such as "twilio"' }));

export const CallRecordSchema = z
  .strictObject({
    schemaVersion: z.literal(1, { error: 'must be 1' }),
    id: identifier,
    provider: providerName,
    callSid: identifier,
    direction: z.enum(CALL_DIRECTIONS, { error: 'must be "outbound" or "inbound"' }),
    status: z.enum(CALL_STATUSES, { error: `must be one of ${CALL_STATUSES.join(', ')}` }),
    from: z.optional(e164),
    to: z.optional(e164),
    agentId: z.optional(identifier),
    leadId: z.optional(identifier),
    requestId: z.optional(identifier),
    userId: z.optional(identifier),
    displayName: z.optional(z.string({ error: 'must be a string' }).check(z.maxLength(200, { error: 'must be 200 characters or fewer' }))),
    startedAt: isoDateTime,
    answeredAt: z.optional(isoDateTime),
    endedAt: isoDateTime,
    durationSec: count,
    endedBy: z.enum(END_REASONS, { error: `must be one of ${END_REASONS.join(', ')}` }),
    error: z.optional(CallErrorInfoSchema),
    recordingUrl: z.optional(httpUrl),
    metrics: CallMetricsSchema,
    details: z.optional(
      z
        .record(z.string(), z.unknown(), { error: 'must be an object' })
        .check(z.superRefine((details, ctx) => {
          const problem = jsonProblem(details);
          if (problem) ctx.addIssue({ code: 'custom', message: `must hold only JSON values (${problem})`, input: details });
        })),
    ),
    notes: z.optional(z.string({ error: 'must be a string' }).check(z.maxLength(20_000, { error: 'must be 20,000 characters or fewer' }))),
    /** The call's outcome as the agent picked it at wrap-up, one of the host's dispositions (e.g. "interested"). */
    disposition: z.optional(
      z.string({ error: 'must be a string' }).check(z.minLength(1, { error: 'must not be empty' }), z.maxLength(100, { error: 'must be 100 characters or fewer' })),
    ),
  })
  .check(
    z.superRefine((record, ctx) => {
      if (record.id !== `${record.provider}:${record.callSid}`) {
        ctx.addIssue({ code: 'custom', path: ['id'], message: `must be "${record.provider}:${record.callSid}" (provider:callSid)`, input: record.id });
      }
      if (record.direction === 'outbound' && !record.to) {
        ctx.addIssue({ code: 'custom', path: ['to'], message: 'is required for an outbound call', input: record.to });
      }
      if (record.direction === 'inbound' && !record.from) {
        ctx.addIssue({ code: 'custom', path: ['from'], message: 'is required for an inbound call', input: record.from });
      }
      if (record.status === 'missed' && record.direction !== 'inbound') {
        ctx.addIssue({ code: 'custom', path: ['status'], message: '"missed" only applies to inbound calls', input: record.status });
      }
      if (record.status === 'completed' && !record.answeredAt) {
        ctx.addIssue({ code: 'custom', path: ['answeredAt'], message: 'is required when the status is "completed"', input: record.answeredAt });
      }
      const started = Date.parse(record.startedAt);
      const ended = Date.parse(record.endedAt);
      if (ended < started) {
        ctx.addIssue({ code: 'custom', path: ['endedAt'], message: 'must not be before startedAt', input: record.endedAt });
      }
      if (record.answeredAt) {
        const answered = Date.parse(record.answeredAt);
        if (answered < started || answered > ended) {
          ctx.addIssue({ code: 'custom', path: ['answeredAt'], message: 'must be between startedAt and endedAt', input: record.answeredAt });
        }
      }
    }),
  );

export type CallDirection = (typeof CALL_DIRECTIONS)[number];
export type CallStatus = (typeof CALL_STATUSES)[number];
export type EndedBy = (typeof END_REASONS)[number];
export type CallErrorInfo = z.infer<typeof CallErrorInfoSchema>;
export type CallMetrics = z.infer<typeof CallMetricsSchema>;
export type CallRecord = z.infer<typeof CallRecordSchema>;
