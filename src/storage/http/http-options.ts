// Apart from base-url.ts, which the elements load with the page: this is needed only once an HTTP storage is created.
import { invalidOptions } from './base-url.js';
import type { HttpStorageOptions } from './http-storage.js';

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
