import { json } from '../http.js';
import type { ResolvedOptions } from '../options.js';
import type { Route } from './route.js';

/**
 * `GET {basePath}/`: what this server offers, without signing in, so that a client can find the
 * batch route and its limits before it relies on them.
 */
export function capabilitiesRoute(options: ResolvedOptions): Route {
  const document = {
    server: 'call-elements',
    version: 1,
    batch: true,
    maxBatch: options.limits.maxBatch,
    limits: { bodyBytes: options.limits.bodyBytes, batchBytes: options.limits.batchBytes, maxList: options.limits.maxList },
    twilio: options.twilio !== undefined,
    aircallWebhook: options.aircall !== undefined,
  };
  return { method: 'GET', pattern: /^\/?$/, handle: async () => json(200, document) };
}
