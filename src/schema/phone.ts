// Phone number helpers without zod, so that the call path can check numbers before the schemas load.

/** E.164: a plus sign, a country code that does not start with 0, at most 15 digits in all. */
export const E164_PATTERN = /^\+[1-9]\d{1,14}$/;

/** Removes the separators people write in numbers: spaces, dots, dashes, brackets. */
export function compactPhoneNumber(input: string): string {
  return input.replace(/[\s().\-\u00a0]/g, '');
}

export function isE164(value: unknown): value is string {
  return typeof value === 'string' && E164_PATTERN.test(value);
}
