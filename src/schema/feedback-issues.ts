/** What an agent can say was wrong with a call's sound (Twilio's `Call.FeedbackIssue`). No zod here: the engine checks ratings with it. */
export const FEEDBACK_ISSUES = ['audio-latency', 'choppy-audio', 'dropped-call', 'echo', 'noisy-call', 'one-way-audio'] as const;
export type FeedbackIssue = (typeof FEEDBACK_ISSUES)[number];
