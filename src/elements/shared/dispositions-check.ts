import type { Disposition } from './dispositions.js';

/**
 * The host's dispositions as the form offers them: trimmed, each value 1 to 100 characters (the record's
 * rule), the first of a repeated value kept. What cannot be one is listed in `refused`.
 */
export function normalizeDispositions(input: unknown): { dispositions: Required<Disposition>[]; refused: string[] } {
  const dispositions: Required<Disposition>[] = [];
  const refused: string[] = [];
  for (const item of Array.isArray(input) ? input : []) {
    const raw = typeof item === 'string' ? item : typeof item === 'object' && item !== null ? (item as Disposition).value : undefined;
    const value = typeof raw === 'string' ? raw.trim() : '';
    const label = typeof item === 'object' && item !== null && typeof (item as Disposition).label === 'string' ? (item as Disposition).label!.trim() : '';
    if (!value || value.length > 100) {
      refused.push(typeof raw === 'string' ? JSON.stringify(raw) : JSON.stringify(item) ?? String(item));
      continue;
    }
    if (!dispositions.some((known) => known.value === value)) dispositions.push({ value, label: label || value });
  }
  return { dispositions, refused };
}
