import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aircallConfig, databaseKinds, startServer, unique, type Answer, type TestServer, type UserName } from './harness.js';

const API_KEY = 'ak_live_5f1e9c0d7b3a4e2f9f3a';

for (const kind of databaseKinds()) {
  describe(`Aircall configuration on ${kind.name}`, () => {
    let t: TestServer;
    const answers: Answer[] = [];
    before(async () => {
      t = await startServer(kind);
    });
    after(async () => {
      // Whatever the tests did, no answer ever carried the key.
      for (const answer of answers) assert.ok(!answer.text.includes(API_KEY), `an answer carried the key: ${answer.text}`);
      assert.ok(answers.length > 10);
      await t?.close();
    });

    const path = (organizationId: string, suffix = '') => `/api/organizations/${encodeURIComponent(organizationId)}/aircall-config/FR${suffix}`;
    const remember = async (answer: Promise<Answer>) => {
      answers.push(await answer);
      return answers.at(-1)!;
    };
    const read = (organizationId: string, as: UserName = 'adam', suffix = '') => remember(t.call('GET', path(organizationId, suffix), { as }));
    const save = (organizationId: string, body: unknown, version: number | null, as: UserName = 'adam') =>
      remember(t.call('PUT', path(organizationId), { as, body, headers: version === null ? {} : { 'If-Match': String(version) } }));

    it('answers 404 until a configuration is saved, then the public configuration without the key', async () => {
      const org = 'org-a';
      assert.equal((await read(org)).status, 404);
      const saved = await save(org, { ...aircallConfig({ apiKey: API_KEY }), updatedBy: 'someone-else' }, 0);
      assert.equal(saved.status, 200);
      assert.equal(saved.body.version, 1);
      assert.equal(saved.body.apiKeySet, true);
      assert.equal(saved.body.apiKeyLast4, API_KEY.slice(-4));
      assert.equal(saved.body.updatedBy, 'adam', 'the server records its own user');
      assert.ok(!('apiKey' in saved.body));
      const loaded = await read(org, 'alice');
      assert.deepEqual(loaded.body, saved.body, 'members may read it');
      assert.equal(await t.server.aircallApiKey({ organizationId: org, countryCode: 'FR' }), API_KEY);
    });

    it('keeps the saved key when a save leaves it out (or sends it empty), and keeps the history without it', async () => {
      const org = 'org-b';
      await save(org, aircallConfig({ apiKey: API_KEY }), 0, 'olga');
      const second = await save(org, aircallConfig({ workspaceSize: 'big' }), 1, 'olga');
      assert.deepEqual([second.status, second.body.version, second.body.apiKeySet], [200, 2, true]);
      const third = await save(org, aircallConfig({ apiKey: '', enabled: false }), 2, 'olga');
      assert.deepEqual([third.body.version, third.body.apiKeySet, third.body.apiKeyLast4], [3, true, API_KEY.slice(-4)]);
      const history = await read(org, 'olga', '/versions');
      assert.deepEqual(history.body.items.map((item: { version: number }) => item.version), [3, 2, 1]);
      assert.equal(history.body.items[1].config.workspaceSize, 'big');
      assert.equal(history.body.items[0].updatedBy, 'olga');
    });

    it('answers 412 when If-Match is not the saved version, 428 without it, 400 for a malformed one', async () => {
      const org = unique('org');
      const as = 'root';
      await save(org, aircallConfig({ apiKey: API_KEY }), 0, as);
      const stale = await save(org, aircallConfig(), 0, as);
      assert.deepEqual([stale.status, stale.body.error], [412, 'config-conflict']);
      assert.equal((await save(org, aircallConfig(), null, as)).status, 428);
      assert.equal((await save(org, aircallConfig(), 'one' as never, as)).status, 400);
      assert.equal((await read(org, as)).body.version, 1);
    });

    it('lets exactly one of concurrent saves with the same If-Match through; the others get 412', async () => {
      const org = unique('org');
      for (const version of [0, 1]) {
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, index) => save(org, aircallConfig({ apiKey: `${API_KEY}-${index}`, apiId: `id-${index}` }), version, 'root')),
        );
        const statuses = results.map((answer) => answer.status).sort();
        assert.deepEqual(statuses, [200, 412, 412, 412, 412, 412, 412, 412], `If-Match ${version}`);
        const winner = results.find((answer) => answer.status === 200)!;
        const stored = await read(org, 'root');
        assert.deepEqual(stored.body, winner.body);
        const index = Number(winner.body.apiId.replace('id-', ''));
        assert.equal(await t.server.aircallApiKey({ organizationId: org, countryCode: 'FR' }), `${API_KEY}-${index}`, 'the key of the same save');
      }
      assert.equal((await read(org, 'root', '/versions')).body.items.length, 2);
    });

    it('lets only ADMIN, MANAGER and SUPER_ADMIN of the organisation save, and only members read', async () => {
      const org = 'org-a';
      const current = (await read(org, 'root')).body.version ?? 0;
      const agent = await save(org, aircallConfig(), current, 'alice');
      assert.deepEqual([agent.status, agent.body.error], [403, 'permission-denied']);
      assert.equal((await save(org, aircallConfig(), current, 'olga')).status, 403, 'ADMIN of another organisation');
      assert.equal((await read(org, 'carol')).status, 403, 'an agent of another organisation');
      assert.equal((await read(org, 'olga', '/versions')).status, 403);
      const manager = await save(org, aircallConfig(), current, 'mia');
      assert.equal(manager.status, 200);
      assert.equal((await t.call('GET', path(org))).status, 401);
    });

    it('validates with the browser schema: read-only fields, unknown fields and bad scopes are refused', async () => {
      const org = unique('org');
      const readOnly = await save(org, { ...aircallConfig({ apiKey: API_KEY }), apiKeySet: true }, 0, 'root');
      assert.deepEqual([readOnly.status, readOnly.body.error], [400, 'config-invalid']);
      assert.match(readOnly.body.message, /apiKeySet/);
      const wrong = await save(org, aircallConfig({ workspaceSize: 'huge' as never }), 0, 'root');
      assert.match(wrong.body.message, /^workspaceSize: must be "small", "medium" or "big"$/);
      const badCountry = await remember(t.call('GET', '/api/organizations/org-a/aircall-config/fr', { as: 'root' }));
      assert.equal(badCountry.status, 400);
      const unstorable = await save(org, aircallConfig({ apiId: 'id\u0000' }), 0, 'root');
      assert.deepEqual([unstorable.status, unstorable.body.error], [400, 'config-invalid'], 'not a 500');
      assert.match(unstorable.body.message, /^apiId: must not contain U\+0000/);
      const noKey = await save(org, aircallConfig(), 0, 'root');
      assert.deepEqual([noKey.status, noKey.body.apiKeySet], [200, false], 'as in every storage adapter, the form asks for the key');
    });
  });
}
