import type { CallAction } from '../schema/call-action.js';
import type { CallRecord } from '../schema/call-record.js';

let validators: Promise<typeof import('./record.js')> | undefined;

/**
 * The schemas (zod) load on the first check, that is when the first call ends or the queue resumes,
 * not with the page: an agent page downloads them only once it has something to validate.
 */
function load(): Promise<typeof import('./record.js')> {
  validators ??= import('./record.js').catch((error: unknown) => {
    validators = undefined;
    throw error;
  });
  return validators;
}

/** `validateCallRecord`, loading the schemas on first use. Rejects with a permanent `invalid-record`. */
export async function checkCallRecord(input: unknown): Promise<CallRecord> {
  return (await load()).validateCallRecord(input);
}

/** `validateCallAction`, loading the schemas on first use. */
export async function checkCallAction(input: unknown): Promise<CallAction> {
  return (await load()).validateCallAction(input);
}
