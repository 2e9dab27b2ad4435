import type { AircallScope } from '../schema/aircall-config.js';
import { AircallScopeSchema } from '../schema/aircall-config.js';
import { authenticateRequest } from './auth.js';
import { readApiKey } from './config-store.js';
import { createSecretBox } from './crypto.js';
import { openDatabase } from './db/open.js';
import { HttpError, notFound } from './errors.js';
import { errorResponse } from './http.js';
import { resolveOptions, type CallServerOptions, type Principal } from './options.js';
import { unstorableTextProblem } from './storable-text.js';
import { actionRoutes } from './routes/actions.js';
import { aircallConfigRoutes } from './routes/aircall-config.js';
import { aircallWebhookRoutes } from './routes/aircall-webhook.js';
import { callRoutes } from './routes/calls.js';
import { capabilitiesRoute } from './routes/capabilities.js';
import type { Route, RouteContext } from './routes/route.js';
import { twilioRoutes } from './routes/twilio.js';

export interface CallServer {
  /** A Fetch-standard handler: give it every request under `basePath` (others answer 404). */
  fetch(request: Request): Promise<Response>;
  /** The saved Aircall API key of a scope in clear, for your own server code; never send it to a browser. */
  aircallApiKey(scope: AircallScope): Promise<string | undefined>;
  /** Closes the database; later requests answer 503. */
  close(): Promise<void>;
}

/** A route family the options leave out answers 404 `not-configured`, which says what to set. */
function notConfigured(pattern: RegExp, option: string): Route[] {
  const handle = async () => {
    throw new HttpError(404, 'not-configured', `This server has no ${option} option.`);
  };
  return (['GET', 'POST', 'PUT'] as const).map((method) => ({ method, pattern, handle }));
}

function decodeSegments(groups: string[]): string[] {
  let segments: string[];
  try {
    segments = groups.map((group) => decodeURIComponent(group));
  } catch {
    throw new HttpError(400, 'invalid-request', 'The path is not validly percent-encoded.');
  }
  // No id holds U+0000 (the database could not store it): refused here rather than failing in SQL.
  if (segments.some((segment) => unstorableTextProblem(segment))) throw new HttpError(400, 'invalid-request', 'The path must not contain U+0000.');
  return segments;
}

/**
 * The reference backend of the HTTP contract (calls, actions, Aircall configurations) plus the
 * Twilio and Aircall webhooks, on PostgreSQL or PGlite. Opens and migrates the database first.
 * Throws `CallServerOptionsError` listing every option to fix.
 */
export async function createCallServer(options: CallServerOptions): Promise<CallServer> {
  const resolved = resolveOptions(options);
  const box = createSecretBox(resolved.secretKey);
  const db = await openDatabase(resolved.database, resolved.logger);
  const routes: Route[] = [
    capabilitiesRoute(resolved),
    ...callRoutes,
    ...actionRoutes,
    ...aircallConfigRoutes(box),
    ...(resolved.twilio ? twilioRoutes(resolved.twilio) : notConfigured(/^\/twilio\//, 'twilio')),
    ...(resolved.aircall ? aircallWebhookRoutes(resolved.aircall) : notConfigured(/^\/aircall\//, 'aircall')),
  ];
  let closed = false;

  async function route(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const { basePath } = resolved;
    if (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) throw notFound();
    const path = url.pathname.slice(basePath.length);
    const matching = routes.flatMap((candidate) => {
      const match = candidate.pattern.exec(path);
      return match ? [{ candidate, match }] : [];
    });
    if (matching.length === 0) throw notFound();
    const found = matching.find(({ candidate }) => candidate.method === request.method);
    if (!found) {
      const allow = [...new Set(matching.map(({ candidate }) => candidate.method))].join(', ');
      throw new HttpError(405, 'method-not-allowed', `Use ${allow}.`, { Allow: allow });
    }
    let principal: Promise<Principal> | undefined;
    const context: RouteContext = {
      request,
      url,
      params: decodeSegments(found.match.slice(1)),
      db,
      options: resolved,
      principal: () => (principal ??= authenticateRequest(resolved.authenticate, request, resolved.logger)),
    };
    return found.candidate.handle(context);
  }

  return {
    async fetch(request) {
      if (closed) return errorResponse(new HttpError(503, 'unavailable', 'The server is closed.'));
      try {
        return await route(request);
      } catch (error) {
        if (error instanceof HttpError) return errorResponse(error);
        // Request headers and bodies are never logged (they carry tokens and API keys); the error is.
        const { name, code, message } = error as { name?: string; code?: string; message?: string };
        resolved.logger.error('call-elements/server: request failed', { method: request.method, path: new URL(request.url).pathname, name, code, message });
        return errorResponse(new HttpError(500, 'internal', 'The server failed; try again later.'));
      }
    },
    async aircallApiKey(scope) {
      return readApiKey(db, box, AircallScopeSchema.parse(scope));
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.close();
    },
  };
}
