/** How deep a value may nest before it is refused (a record's `details` are small payloads). */
const MAX_DEPTH = 32;

/**
 * Why `value` cannot be kept as JSON (IndexedDB, the HTTP body), as "path: reason", or undefined when
 * it can: functions, symbols, BigInt, `undefined` in arrays, non-finite numbers, dates, class
 * instances and cycles are refused instead of being silently dropped or changed on the way.
 */
export function jsonProblem(value: unknown, path = '', seen = new Set<object>(), depth = 0): string | undefined {
  const at = (reason: string) => (path ? `${path}: ${reason}` : reason);
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : at('must be a finite number');
    case 'bigint':
      return at('must not be a BigInt');
    case 'function':
      return at('must not be a function');
    case 'symbol':
      return at('must not be a Symbol');
    case 'undefined':
      return at('must not be undefined');
  }
  if (value === null) return undefined;
  const object = value as object;
  if (depth >= MAX_DEPTH) return at(`nests more than ${MAX_DEPTH} levels deep`);
  if (seen.has(object)) return at('must not refer to itself');
  const prototype = Object.getPrototypeOf(object) as object | null;
  const isArray = Array.isArray(object);
  // Any realm's Object.prototype (a record made in another frame is still a plain object).
  const plain = prototype === null || Object.getPrototypeOf(prototype) === null;
  if (!isArray && !plain) return at('must be a plain object, an array or a primitive');
  seen.add(object);
  try {
    if (isArray) {
      for (let index = 0; index < object.length; index += 1) {
        const problem = jsonProblem(object[index], `${path}[${index}]`, seen, depth + 1);
        if (problem) return problem;
      }
      return undefined;
    }
    for (const key of Object.getOwnPropertySymbols(object)) return at(`has a Symbol key (${String(key)})`);
    for (const [key, child] of Object.entries(object)) {
      // An undefined property is simply absent in JSON.
      if (child === undefined) continue;
      const problem = jsonProblem(child, path ? `${path}.${key}` : key, seen, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  } finally {
    seen.delete(object);
  }
}

/**
 * A copy of `value` that JSON and IndexedDB can keep, so that a refused record can still be kept (as a
 * dead letter, with the reason) instead of being lost: what JSON cannot say becomes a short string.
 */
export function jsonSafeCopy<T>(value: T): T {
  const seen = new WeakSet<object>();
  const text = JSON.stringify(value, (_key, child: unknown) => {
    if (typeof child === 'bigint') return `${child.toString()}n`;
    if (typeof child === 'function') return '[function]';
    if (typeof child === 'symbol') return String(child);
    if (typeof child === 'number' && !Number.isFinite(child)) return String(child);
    if (typeof child === 'object' && child !== null) {
      if (seen.has(child)) return '[circular]';
      seen.add(child);
    }
    return child;
  });
  return (text === undefined ? null : JSON.parse(text)) as T;
}
