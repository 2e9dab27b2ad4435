import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createCallServer, type CallServer, type CallServerOptions, type DatabaseOptions, type Principal } from '../../src/server/index.js';
import type { CallRecord } from '../../src/schema/call-record.js';
import { contractAircallConfig, contractRecord } from '../../src/storage/contract.js';
import type { CallAction } from '../../src/schema/call-action.js';

/**
 * Every suite runs once per database: in-memory PGlite, and the PostgreSQL server that
 * scripts/server-test.mjs starts (its URL in CALL_ELEMENTS_TEST_PG_URL). Without that URL the
 * PostgreSQL runs fail, unless CALL_ELEMENTS_SKIP_POSTGRES=1 opts out.
 */
export interface DatabaseKind {
  name: 'pglite' | 'postgres';
  /** A database of its own for one server (PostgreSQL: a fresh database on the test cluster). */
  fresh(): Promise<DatabaseOptions | undefined>;
}

let databaseCount = 0;

async function freshPostgresDatabase(adminUrl: string): Promise<DatabaseOptions> {
  databaseCount += 1;
  const name = `ce_test_${process.pid}_${databaseCount}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.href };
}

export function databaseKinds(): DatabaseKind[] {
  const kinds: DatabaseKind[] = [{ name: 'pglite', fresh: async () => undefined }];
  const adminUrl = process.env.CALL_ELEMENTS_TEST_PG_URL;
  if (adminUrl) {
    kinds.push({ name: 'postgres', fresh: () => freshPostgresDatabase(adminUrl) });
  } else if (process.env.CALL_ELEMENTS_SKIP_POSTGRES !== '1') {
    kinds.push({
      name: 'postgres',
      fresh: () =>
        Promise.reject(
          new Error('No PostgreSQL for the server tests: run them with `npm run test:server` (it starts one), or set CALL_ELEMENTS_SKIP_POSTGRES=1 to run on PGlite only.'),
        ),
    });
  }
  return kinds;
}

/** The users of the tests, signed in with `Authorization: Bearer {name}`. */
export const USERS = {
  alice: { userId: 'alice', roles: ['AGENT'], organizationIds: ['org-a'] },
  bob: { userId: 'bob', roles: ['AGENT'], organizationIds: ['org-a'] },
  carol: { userId: 'carol', roles: ['AGENT'], organizationIds: ['org-b'] },
  mia: { userId: 'mia', roles: ['MANAGER'], organizationIds: ['org-a'] },
  adam: { userId: 'adam', roles: ['ADMIN'], organizationIds: ['org-a'] },
  olga: { userId: 'olga', roles: ['ADMIN'], organizationIds: ['org-b'] },
  root: { userId: 'root', roles: ['SUPER_ADMIN'], organizationIds: [] },
} satisfies Record<string, Principal>;

export type UserName = keyof typeof USERS;

export const SECRET_KEY = 'test-secret-key-0123456789-abcdefghijklmnop';

export function authenticate(request: Request): Principal | null {
  const name = request.headers.get('Authorization')?.replace(/^Bearer /, '') as UserName | undefined;
  return (name && USERS[name]) || null;
}

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

export interface TestServer {
  server: CallServer;
  /** One request through the Fetch handler; `as` signs in, a non-string `body` goes as JSON. */
  call(method: string, path: string, init?: { as?: UserName; body?: unknown; headers?: Record<string, string> }): Promise<Answer>;
  close(): Promise<void>;
}

export const ORIGIN = 'http://calls.test';

export async function answerOf(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body, text };
}

export async function startServer(kind: DatabaseKind, overrides: Partial<CallServerOptions> = {}): Promise<TestServer> {
  const database = await kind.fresh();
  const server = await createCallServer({ database, authenticate, secretKey: SECRET_KEY, logger: false, ...overrides });
  return {
    server,
    async call(method, path, init = {}) {
      const headers = new Headers(init.headers);
      if (init.as) headers.set('Authorization', `Bearer ${init.as}`);
      let body: string | undefined;
      if (init.body !== undefined) {
        body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
        if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
      }
      return answerOf(await server.fetch(new Request(`${ORIGIN}${path}`, { method, headers, body })));
    },
    close: () => server.close(),
  };
}

/** A valid record (the storage contract's) with a Twilio call sid of its own, written by alice. */
export function callRecord(overrides: Partial<CallRecord> = {}): CallRecord {
  return contractRecord({
    provider: 'twilio',
    callSid: `CA${randomUUID().replaceAll('-', '')}`,
    agentId: 'agent-1',
    leadId: 'lead-1',
    requestId: 'request-1',
    userId: 'alice',
    ...overrides,
  });
}

export function callAction(overrides: Partial<CallAction> = {}): CallAction {
  return { id: `action-${randomUUID()}`, type: 'note', at: '2026-01-01T10:00:00.000Z', leadId: 'lead-1', userId: 'alice', notes: 'Called back', ...overrides };
}

export const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export const callPath = (id: string) => `/api/calls/${encodeURIComponent(id)}`;

/** A valid Aircall configuration (without its key), the storage contract's. */
export { contractAircallConfig as aircallConfig };
