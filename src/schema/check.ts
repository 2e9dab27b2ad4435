import { CallElementsError } from '../internal/errors.js';
import type { CallAction } from './call-action.js';
import type { CallRecord } from './call-record.js';

type Validators = typeof import('./validate.js');

/** The validators, once downloaded (a page downloads zod only when it has something to check). */
let loading: Promise<Validators> | undefined;

function validators(): Promise<Validators> {
  loading ??= import('./validate.js').catch((error: unknown) => {
    loading = undefined;
    // Transient: the network may come back; the caller keeps what it was checking.
    throw new CallElementsError('load-failed', { cause: error });
  });
  return loading;
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
