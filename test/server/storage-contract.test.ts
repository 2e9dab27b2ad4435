import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CallServer, Principal } from '../../src/server/index.js';
import { storageContract } from '../../src/storage/contract.js';
import { createHttpStorage } from '../../src/storage/http/index.js';
import { databaseKinds, startServer, type TestServer } from './harness.js';

/**
 * The browser's own HTTP storage, run through the storage contract that every adapter passes,
 * against this server: the client and the server agree on the whole contract. The contract's
 * records carry `userId: 'contract-user'`; a configuration save is signed in as the `updatedBy` it
 * names (the server records the authenticated user, as the README asks of backends).
 */
async function contractUser(request: Request): Promise<Principal> {
  const body = request.method === 'PUT' && request.url.includes('/aircall-config/') ? await request.clone().json() : {};
  return { userId: body.updatedBy ?? 'contract-user', roles: ['SUPER_ADMIN'], organizationIds: [] };
}

const storageOn = (server: CallServer) => () =>
  // The client sends an Aircall key only over https: or to localhost.
  createHttpStorage({ baseUrl: 'http://localhost/api', fetch: (url, init) => server.fetch(new Request(url, init)) });

for (const kind of databaseKinds()) {
  describe(`the storage contract through createHttpStorage on ${kind.name}`, () => {
    let t: TestServer;
    before(async () => {
      t = await startServer(kind, { authenticate: contractUser });
    });
    after(() => t?.close());

    // The assertions are in the contract's checks (src/storage/contract.ts), shared by every adapter.
    const checks = storageContract(() => storageOn(t.server)());
    it('runs the whole contract (it has checks for calls, actions and configurations)', () => {
      assert.ok(checks.length >= 10, `${checks.length} checks`);
      for (const topic of [/call/i, /action/i, /config/i]) assert.ok(checks.some((check) => topic.test(check.name)), String(topic));
    });
    for (const check of checks) it(check.name, check.run);
  });
}
