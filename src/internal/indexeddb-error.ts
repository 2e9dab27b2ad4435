import { CallElementsError } from './errors.js';

/** Turns what IndexedDB throws into our codes: full disk is `storage-quota`, the rest `storage-unavailable`. */
export function indexedDbError(error: unknown): CallElementsError {
  if (error instanceof CallElementsError) return error;
  const name = (error as { name?: string })?.name;
  const detail = error instanceof Error ? error.message || name || 'IndexedDB error' : String(error);
  if (name === 'QuotaExceededError') return new CallElementsError('storage-quota', { params: { detail }, cause: error });
  return new CallElementsError('storage-unavailable', { params: { detail }, cause: error });
}
