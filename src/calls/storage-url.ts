import { debug } from '../internal/debug.js';
import { CallElementsError } from '../internal/errors.js';
import { withoutCredentials } from '../internal/url.js';
import { normaliseBaseUrl } from '../storage/http/base-url.js';

/**
 * A `storage-url` attribute's URL as the HTTP storage will use it (the HTTP storage's own rule), or what is wrong
 * with it. Downloaded with the page's first `storage-url`.
 */
export function checkStorageUrl(url: string): string | CallElementsError {
  try {
    return normaliseBaseUrl(url);
  } catch (error) {
    debug('runtime', 'storage-url-invalid', { url: withoutCredentials(url), error: String((error as Error)?.message ?? error) });
    return new CallElementsError('invalid-options', { params: { detail: `storage-url "${withoutCredentials(url)}" is not a usable http(s) URL` } });
  }
}
