import { CallElementsError } from '../internal/errors.js';
import type { CallFeedback } from '../providers/types.js';
import { FEEDBACK_ISSUES } from '../schema/feedback-issues.js';

/** A rating as `rateCall()` takes it: a whole score from 1 to 5 and, optionally, one of the known issues. */
export function checkFeedback(input: unknown): CallFeedback {
  const invalid = (detail: string) => new CallElementsError('invalid-options', { params: { detail }, permanent: true });
  if (typeof input !== 'object' || input === null) throw invalid('a rating is { score: 1–5, issue? }');
  const { score, issue } = input as { score?: unknown; issue?: unknown };
  if (typeof score !== 'number' || !Number.isInteger(score) || score < 1 || score > 5) throw invalid('score must be a whole number from 1 to 5');
  if (issue !== undefined && !FEEDBACK_ISSUES.includes(issue as never)) throw invalid(`issue must be one of ${FEEDBACK_ISSUES.join(', ')}`);
  return { score: score as CallFeedback['score'], ...(issue !== undefined && { issue: issue as CallFeedback['issue'] }) };
}
