// Apart from base-url.ts, which the elements load with the page: this is needed only once an HTTP storage is created.
import { invalidOptions } from './base-url.js';

/** Header names and values added to every request (e.g. `{ Authorization: 'Bearer …' }`). */
export type HttpHeaders = Record<string, string>;

export interface HttpHeadersContext {
  /** True when the server has just answered 401: the host should fetch a fresh token now. */
  refresh: boolean;
}

/**
 * Fixed headers, or a function asked before every request (so a short-lived token stays fresh).
 * After a 401 it is asked once more with `{ refresh: true }` and the request is retried once.
 */
export type HttpHeadersSource = HttpHeaders | ((context: HttpHeadersContext) => HttpHeaders | Promise<HttpHeaders>);

export interface HttpStorageOptions {
  /** Absolute http(s) URL, or a path starting with "/" on this page's origin. Trailing slashes are ignored. */
  baseUrl: string;
  headers?: HttpHeadersSource;
  /** Defaults to the global `fetch`, looked up on every request (so that test interceptors see it). */
  fetch?: typeof fetch;
  /** Gives up on a request after this many milliseconds (default 15000); counts as a transient failure. */
  timeoutMs?: number;
}

/** The checks of `createHttpStorage`'s other options, shared with the lazy variant (the base URL is normalised apart). */
export function checkHttpOptions(options: HttpStorageOptions): void {
  if (!options || typeof options !== 'object') throw invalidOptions('createHttpStorage needs { baseUrl }');
  const { headers, fetch: customFetch, timeoutMs } = options;
  if (headers !== undefined && typeof headers !== 'function' && (typeof headers !== 'object' || headers === null)) {
    throw invalidOptions('headers must be an object or a function returning one');
  }
  if (customFetch !== undefined && typeof customFetch !== 'function') {
    throw invalidOptions('fetch must be a function');
  }
  if (timeoutMs !== undefined && (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0)) {
    throw invalidOptions(`timeoutMs must be a number of milliseconds > 0 (got ${String(timeoutMs)})`);
  }
}
