/**
 * PostgreSQL's text and jsonb cannot hold U+0000, nor half of a surrogate pair (which the browser's
 * JSON.stringify sends as `\ud83d` when a text was cut in the middle of an emoji). The schemas accept
 * both, so such a body would fail in the database as a 500, which a client retries for ever (and a
 * batch holding it would never be stored): the routes refuse it with a 400 instead.
 */
export const UNSTORABLE_TEXT = 'must not contain U+0000 or half of a surrogate pair';

/** U+0000, a high surrogate not followed by a low one, or a low one not preceded by a high one (code units: no `u` flag). */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const storable = (text: string) => !UNSTORABLE.test(text);

/** The path (`details.sdk`) of the first string (or of the object whose key) PostgreSQL cannot store; undefined when there is none. */
export function unstorableTextPath(value: unknown, path: readonly string[] = []): string | undefined {
  if (typeof value === 'string') return storable(value) ? undefined : path.join('.');
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const itemPath = [...path, key];
    // A key that cannot be stored is reported by the object holding it (the message never quotes it).
    if (!storable(key)) return path.join('.');
    const found = unstorableTextPath(item, itemPath);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** `field: rule` as the schema errors say it, or undefined when every text of `value` can be stored. */
export function unstorableTextProblem(value: unknown): string | undefined {
  const path = unstorableTextPath(value);
  return path === undefined ? undefined : `${path || 'body'}: ${UNSTORABLE_TEXT}`;
}
