import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { callAction, databaseKinds, startServer, unique, type TestServer } from './harness.js';

for (const kind of databaseKinds()) {
  describe(`actions on ${kind.name}`, () => {
    let t: TestServer;
    before(async () => {
      t = await startServer(kind);
    });
    after(() => t?.close());

    const put = (action: { id: string }) =>
      t.call('PUT', `/api/actions/${encodeURIComponent(action.id)}`, { as: 'alice', body: action, headers: { 'Idempotency-Key': action.id } });

    it('stores an action idempotently and lists newest first by lead, request or call', async () => {
      const leadId = unique('lead');
      const callId = `aircall:${Date.now()}`;
      const first = callAction({ leadId, id: `${callId}:call-started`, type: 'call-started', callId, at: '2026-01-01T10:00:00.000Z' });
      const second = callAction({ leadId, id: `${callId}:call-ended`, type: 'call-ended', callId, at: '2026-01-01T10:05:00.000Z', requestId: 'r-9' });
      for (const action of [first, second, first]) assert.equal((await put(action)).status, 200);
      const byLead = await t.call('GET', `/api/actions?leadId=${leadId}`, { as: 'alice' });
      assert.deepEqual(byLead.body, { items: [second, first] });
      const byCall = await t.call('GET', `/api/actions?callId=${encodeURIComponent(callId)}&limit=1`, { as: 'alice' });
      assert.deepEqual(byCall.body.items, [second]);
      const byRequest = await t.call('GET', `/api/actions?leadId=${leadId}&requestId=r-9`, { as: 'alice' });
      assert.deepEqual(byRequest.body.items, [second]);
    });

    it('refuses an invalid action with 400 and a mismatched id', async () => {
      const bad = await put({ ...callAction(), type: 'dance' } as never);
      assert.deepEqual([bad.status, bad.body.error], [400, 'invalid-action']);
      assert.match(bad.body.message, /^type: must be one of/);
      const action = callAction();
      const mismatched = await t.call('PUT', '/api/actions/other-id', { as: 'alice', body: action });
      assert.equal(mismatched.status, 400);
      assert.equal((await t.call('PUT', `/api/actions/${action.id}`, { body: action })).status, 401);
      const unstorable = await put(callAction({ notes: 'half an emoji \ud83d' }));
      assert.deepEqual([unstorable.status, unstorable.body.error], [400, 'invalid-action']);
      assert.match(unstorable.body.message, /^notes: must not contain U\+0000 or half of a surrogate pair$/);
    });
  });
}
