import { CallElementsError } from '../internal/errors.js';
import { lazy } from '../internal/lazy.js';
import type { CallAction } from './call-action.js';
import type { CallRecord } from './call-record.js';

/** The validators (a page downloads zod only when it has something to check). */
const validatorsModule = lazy(() => import('./validate.js'));

function validators() {
  // Transient: the network may come back; the caller keeps what it was checking.
  return validatorsModule().catch((error: unknown) => {
    throw new CallElementsError('load-failed', { cause: error });
  });
}

/**
 * `validateCallRecord`, downloading the schemas on first use. Rejects with a permanent `invalid-record`,
 * or with a transient `load-failed` when the schemas cannot be downloaded.
 */
export async function checkCallRecord(input: unknown): Promise<CallRecord> {
  return (await validators()).validateCallRecord(input);
}

/** `validateCallAction`, downloading the schemas on first use. */
export async function checkCallAction(input: unknown): Promise<CallAction> {
  return (await validators()).validateCallAction(input);
}
