import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { callPath, callRecord, databaseKinds, startServer, unique, type TestServer, type UserName } from './harness.js';

for (const kind of databaseKinds()) {
  describe(`roles and tenancy on ${kind.name}`, () => {
    let t: TestServer;
    before(async () => {
      t = await startServer(kind);
    });
    after(() => t?.close());

    const put = (record: { id: string } & Record<string, unknown>, as: UserName) => t.call('PUT', callPath(record.id), { as, body: record });
    const leadIds = async (as: UserName, leadId: string) =>
      (await t.call('GET', `/api/calls?leadId=${leadId}`, { as })).body.items.map((record: { userId?: string }) => record.userId);

    it('shows a record to its writer, to managers and admins of its organisations and to a super admin only', async () => {
      const leadId = unique('lead');
      await put(callRecord({ leadId, userId: 'alice' }), 'alice');
      assert.deepEqual(await leadIds('alice', leadId), ['alice']);
      assert.deepEqual(await leadIds('mia', leadId), ['alice'], 'MANAGER of org-a');
      assert.deepEqual(await leadIds('adam', leadId), ['alice'], 'ADMIN of org-a');
      assert.deepEqual(await leadIds('root', leadId), ['alice'], 'SUPER_ADMIN');
      assert.deepEqual(await leadIds('bob', leadId), [], 'another agent of org-a');
      assert.deepEqual(await leadIds('carol', leadId), [], 'an agent of org-b');
      assert.deepEqual(await leadIds('olga', leadId), [], 'an ADMIN of org-b');
    });

    it("refuses with 403 to overwrite someone else's record, and keeps it", async () => {
      const leadId = unique('lead');
      const record = callRecord({ leadId, userId: 'alice', notes: 'mine' });
      await put(record, 'alice');
      const answer = await put({ ...record, userId: undefined, notes: 'hijacked' }, 'carol');
      assert.deepEqual([answer.status, answer.body.error], [403, 'permission-denied']);
      const [stored] = (await t.call('GET', `/api/calls?leadId=${leadId}`, { as: 'alice' })).body.items;
      assert.equal(stored.notes, 'mine');
      assert.equal((await t.call('GET', `${callPath(record.id)}/recording`, { as: 'carol' })).status, 404, 'no hint that it exists');
    });

    it("lets a manager of the record's organisation correct it", async () => {
      const leadId = unique('lead');
      const record = callRecord({ leadId, userId: 'alice' });
      await put(record, 'alice');
      assert.equal((await put({ ...record, notes: 'corrected' }, 'mia')).status, 200);
      const [stored] = (await t.call('GET', `/api/calls?leadId=${leadId}`, { as: 'alice' })).body.items;
      assert.equal(stored.notes, 'corrected');
    });

    it("refuses a record in another user's name unless the writer oversees", async () => {
      const spoofed = await put(callRecord({ userId: 'bob' }), 'alice');
      assert.deepEqual([spoofed.status, spoofed.body.error], [403, 'permission-denied']);
      assert.equal((await put(callRecord({ userId: 'bob' }), 'mia')).status, 200);
    });

    it('applies the same rule to actions', async () => {
      const leadId = unique('lead');
      const action = { id: unique('action'), type: 'note', at: '2026-01-01T10:00:00.000Z', leadId, userId: 'alice', notes: 'n' };
      assert.equal((await t.call('PUT', `/api/actions/${action.id}`, { as: 'alice', body: action })).status, 200);
      const forOthers = await t.call('PUT', `/api/actions/${action.id}`, { as: 'carol', body: { ...action, userId: 'carol' } });
      assert.equal(forOthers.status, 403);
      const seenBy = async (as: UserName) => (await t.call('GET', `/api/actions?leadId=${leadId}`, { as })).body.items.length;
      assert.deepEqual(await Promise.all((['alice', 'mia', 'root', 'bob', 'carol'] as const).map(seenBy)), [1, 1, 1, 0, 0]);
    });
  });
}
