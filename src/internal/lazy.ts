/** A part of the library downloaded on first use (see {@link lazy}). */
export interface Lazy<T> {
  /** Starts the download the first time; every caller gets the same promise until it settles. */
  (): Promise<T>;
  /** What the download gave, once it has arrived (for code that must not wait). */
  readonly value: T | undefined;
}

/**
 * The one way this library downloads a part of itself on first use: `lazy(() => import('./x.js'))`.
 * The download starts once, on the first call, and every caller shares it. A failed download is not
 * kept: the next call tries again (Firefox and Safari fetch the module again; Chromium replays the
 * failure until the page reloads, whatwg/html#6768). With `measure`, the time it took is recorded as
 * that performance measure (`performance.getEntriesByName(measure)`).
 */
export function lazy<T>(load: () => Promise<T>, options: { measure?: string } = {}): Lazy<T> {
  let pending: Promise<T> | undefined;
  let value: T | undefined;
  const start = (): Promise<T> => {
    if (!options.measure) return load();
    const { measure } = options;
    performance.mark(`${measure}:start`);
    const done = () => {
      performance.mark(`${measure}:end`);
      performance.measure(measure, `${measure}:start`, `${measure}:end`);
    };
    return load().finally(done);
  };
  const get = (): Promise<T> => {
    pending ??= start().then(
      (loaded) => (value = loaded),
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
  return Object.defineProperty(get, 'value', { get: () => value }) as Lazy<T>;
}
