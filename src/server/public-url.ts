import type { ResolvedOptions } from './options.js';

const firstValue = (header: string | null) => header?.split(',')[0]?.trim() || undefined;

/**
 * The URL of a route (`routePath` below basePath) as the outside world calls it: Twilio signs the
 * URL it requested, and TwiML callbacks must point there. `publicUrl` wins; forwarded headers are
 * read only when the host said its proxy sets them (anyone can send them otherwise).
 */
export function externalUrl(request: Request, options: ResolvedOptions, routePath: string, search = ''): string {
  if (options.publicUrl) return `${options.publicUrl}${routePath}${search}`;
  const url = new URL(request.url);
  if (options.trustForwardedHeaders) {
    const proto = firstValue(request.headers.get('X-Forwarded-Proto')) ?? url.protocol.replace(/:$/, '');
    const host = firstValue(request.headers.get('X-Forwarded-Host')) ?? url.host;
    return `${proto}://${host}${options.basePath}${routePath}${search}`;
  }
  return `${url.origin}${options.basePath}${routePath}${search}`;
}
