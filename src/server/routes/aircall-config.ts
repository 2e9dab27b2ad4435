import { AircallConfigSchema, AircallScopeSchema, type AircallScope } from '../../schema/aircall-config.js';
import { describeIssues } from '../../schema/common.js';
import { oversees, requireMember } from '../auth.js';
import { listConfigVersions, lockConfig, publicConfig, readConfig, writeConfig } from '../config-store.js';
import type { SecretBox } from '../crypto.js';
import { HttpError, badRequest, forbidden, notFound } from '../errors.js';
import { json, readJson } from '../http.js';
import { unstorableTextProblem } from '../storable-text.js';
import { SEGMENT, type Route, type RouteContext } from './route.js';

const CONFIG_PATH = `^/organizations/${SEGMENT}/aircall-config/${SEGMENT}`;

function scopeOf({ params: [organizationId, countryCode] }: RouteContext): AircallScope {
  const result = AircallScopeSchema.safeParse({ organizationId, countryCode });
  if (!result.success) throw badRequest(describeIssues(result.error).join('; '));
  return result.data;
}

/** `If-Match: 3` (also `"3"` or `W/"3"`, as HTTP writes entity tags): the version the editor started from. */
function expectedVersion(request: Request): number {
  const header = request.headers.get('If-Match');
  if (header === null) throw new HttpError(428, 'precondition-required', 'Send If-Match: {version} (0 when nothing was saved yet).');
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) throw badRequest('If-Match must be the version number the configuration was loaded at.');
  return Number(match[1]);
}

/** The body as the schema wants it: `updatedBy` is the client's note; the server records its own user. An empty key keeps the saved one. */
function configBody(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'config-invalid', 'The body must be a configuration object.');
  const { updatedBy: _note, ...config } = body as Record<string, unknown>;
  if (config.apiKey === '') delete config.apiKey;
  return config;
}

const conflict = (version: number) =>
  new HttpError(412, 'config-conflict', `The configuration was saved since (now version ${version}): reload it, then save again.`);

const UNIQUE_VIOLATION = '23505';

export function aircallConfigRoutes(box: SecretBox): Route[] {
  const read: Route = {
    method: 'GET',
    pattern: new RegExp(`${CONFIG_PATH}$`),
    async handle(context) {
      const scope = scopeOf(context);
      requireMember(await context.principal(), scope.organizationId);
      const row = await readConfig(context.db, scope);
      if (!row) throw notFound('No Aircall configuration saved for this organisation and country yet.');
      return json(200, publicConfig(row));
    },
  };

  /**
   * Check and write in one transaction: the row stays locked from the version check to the commit.
   * The body passes the schema every storage adapter uses (`<aircall-settings>` asks for the key
   * of an enabled configuration before it saves).
   */
  const save: Route = {
    method: 'PUT',
    pattern: new RegExp(`${CONFIG_PATH}$`),
    async handle(context) {
      const scope = scopeOf(context);
      const user = await context.principal();
      requireMember(user, scope.organizationId);
      if (!oversees(user)) throw forbidden('Only an ADMIN, MANAGER or SUPER_ADMIN may change the Aircall configuration.');
      const expected = expectedVersion(context.request);
      const body = configBody(await readJson(context.request, context.options.limits.bodyBytes));
      try {
        const saved = await context.db.transaction(async (tx) => {
          const previous = await lockConfig(tx, scope);
          const current = previous ? Number(previous.version) : 0;
          if (current !== expected) throw conflict(current);
          const result = AircallConfigSchema.safeParse(body);
          if (!result.success) throw new HttpError(400, 'config-invalid', describeIssues(result.error).join('; '));
          const unstorable = unstorableTextProblem(result.data);
          if (unstorable) throw new HttpError(400, 'config-invalid', unstorable);
          return writeConfig(tx, box, scope, previous, result.data, user.userId);
        });
        return json(200, saved);
      } catch (error) {
        if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) throw conflict(expected + 1);
        throw error;
      }
    },
  };

  const versions: Route = {
    method: 'GET',
    pattern: new RegExp(`${CONFIG_PATH}/versions$`),
    async handle(context) {
      const scope = scopeOf(context);
      requireMember(await context.principal(), scope.organizationId);
      return json(200, { items: await listConfigVersions(context.db, scope) });
    },
  };

  return [read, save, versions];
}
