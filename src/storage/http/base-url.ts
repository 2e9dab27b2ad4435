import { CallElementsError } from '../../internal/errors.js';

export function invalidOptions(detail: string): CallElementsError {
  return new CallElementsError('invalid-options', { params: { detail }, permanent: true });
}

/** The backend's base URL without trailing slash, or `invalid-options` saying what is wrong with it. */
export function normaliseBaseUrl(baseUrl: unknown): string {
  if (typeof baseUrl !== 'string' || baseUrl.trim() === '') {
    throw invalidOptions('baseUrl must be an http(s) URL or a path starting with "/"');
  }
  const raw = baseUrl.trim();
  let url: URL;
  try {
    if (raw.startsWith('/')) {
      const origin = globalThis.location?.origin;
      if (!origin || origin === 'null') throw new TypeError('no origin');
      url = new URL(raw, origin);
    } else {
      url = new URL(raw);
    }
  } catch {
    throw invalidOptions('baseUrl must be an http(s) URL or a path starting with "/"');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalidOptions('baseUrl must use http: or https:');
  }
  if (url.username || url.password) {
    throw invalidOptions('baseUrl must not contain credentials (use the headers option)');
  }
  if (url.search || url.hash || raw.includes('?') || raw.includes('#')) {
    throw invalidOptions('baseUrl must not contain a query string or a fragment');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
