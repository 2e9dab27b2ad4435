import { CallElementsError } from '../internal/errors.js';
import { compactPhoneNumber, isE164 } from '../schema/phone.js';

/** Turns what the host wrote into E.164, or says exactly what is wrong with it. */
export function parsePhoneNumber(input: string | null | undefined): string {
  const raw = (input ?? '').trim();
  if (!raw) throw new CallElementsError('number-missing', { permanent: true });
  const compact = compactPhoneNumber(raw);
  if (!isE164(compact)) throw new CallElementsError('number-invalid', { params: { number: raw }, permanent: true });
  return compact;
}
