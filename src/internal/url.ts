/** Whether `value` is an http: or https: URL (relative ones resolved against `base` when given). */
export function isHttpUrl(value: unknown, base?: string): value is string {
  if (typeof value !== 'string') return false;
  try {
    const { protocol } = new URL(value, base);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
