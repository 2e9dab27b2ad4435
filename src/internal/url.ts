/** An absolute http(s) URL as people write it: the scheme, two slashes, then a host (not a path, query or fragment). */
const ABSOLUTE_HTTP = /^https?:\/\/[^\s\\/?#@]/i;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The one rule for http(s) URLs in this library: recording links, the demo provider's recording, the
 * Twilio token URL, the record schema's `recordingUrl`. An absolute `http:`/`https:` URL with a host,
 * no whitespace or backslash (which browsers read as a slash: `https:\\host`), no credentials. With
 * `base`, a relative reference is resolved against it, but never a scheme-relative one (`//host`),
 * which would leave the page's origin.
 */
export function isHttpUrl(value: unknown, base?: string): value is string {
  if (typeof value !== 'string' || value === '' || value.length > 4096 || /[\s\\]/.test(value)) return false;
  let url: URL;
  try {
    if (ABSOLUTE_HTTP.test(value)) url = new URL(value);
    else if (base !== undefined && !SCHEME.test(value) && !value.startsWith('//')) url = new URL(value, base);
    else return false;
  } catch {
    return false;
  }
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && !url.username && !url.password;
}

/** A URL with its user name and password replaced, for messages and logs (`https://***@host/`). */
export function withoutCredentials(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1***@');
}
