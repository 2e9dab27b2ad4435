import { CallElementsError } from '../../internal/errors.js';
import { isHttpUrl } from '../../internal/url.js';

export function invalidOptions(detail: string): CallElementsError {
  return new CallElementsError('invalid-options', { params: { detail }, permanent: true });
}

/** The backend's base URL without trailing slash, or `invalid-options` saying what is wrong with it. */
export function normaliseBaseUrl(baseUrl: unknown): string {
  if (typeof baseUrl !== 'string' || baseUrl.trim() === '') {
    throw invalidOptions('baseUrl must be an http(s) URL or a path starting with "/"');
  }
  const raw = baseUrl.trim();
  // A browser reads "\\" as "/": "/\\evil.test" and "//evil.test" are other hosts, not paths of this origin.
  if (/[\\\s]/.test(raw)) throw invalidOptions('baseUrl must not contain spaces or backslashes');
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(raw)) {
    throw invalidOptions('baseUrl must not contain credentials (use the headers option)');
  }
  let url: URL;
  try {
    if (raw.startsWith('/')) {
      if (raw.startsWith('//')) throw new TypeError('scheme-relative');
      const origin = globalThis.location?.origin;
      if (!origin || origin === 'null') throw new TypeError('no origin');
      url = new URL(raw, origin);
      if (url.origin !== origin) throw new TypeError('another origin');
    } else {
      url = new URL(raw);
    }
  } catch {
    throw invalidOptions('baseUrl must be an http(s) URL or a path starting with a single "/"');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalidOptions('baseUrl must use http: or https:');
  }
  if (!raw.startsWith('/') && !isHttpUrl(raw)) {
    throw invalidOptions('baseUrl must be an http(s) URL with a host, or a path starting with a single "/"');
  }
  if (url.search || url.hash || raw.includes('?') || raw.includes('#')) {
    throw invalidOptions('baseUrl must not contain a query string or a fragment');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
