import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { callPath, callRecord, databaseKinds, startServer, unique, type TestServer, type UserName } from './harness.js';

for (const kind of databaseKinds()) {
  describe(`calls on ${kind.name}`, () => {
    let t: TestServer;
    before(async () => {
      t = await startServer(kind);
    });
    after(() => t?.close());

    const put = (record: { id: string } & Record<string, unknown>, as: UserName = 'alice') =>
      t.call('PUT', callPath(record.id), { as, body: record, headers: { 'Idempotency-Key': record.id } });

    it('stores a record and lists it back unchanged', async () => {
      const leadId = unique('lead');
      const record = callRecord({ leadId, notes: 'Asked for a quote' });
      const saved = await put(record);
      assert.equal(saved.status, 200);
      assert.deepEqual(saved.body, { id: record.id });
      const listed = await t.call('GET', `/api/calls?leadId=${leadId}`, { as: 'alice' });
      assert.equal(listed.status, 200);
      assert.deepEqual(listed.body, { items: [record] });
      assert.equal(listed.headers.get('Cache-Control'), 'no-store');
    });

    it('upserts by id: a second PUT replaces the record and still answers 2xx', async () => {
      const leadId = unique('lead');
      const record = callRecord({ leadId });
      assert.equal((await put(record)).status, 200);
      const changed = { ...record, recordingUrl: 'https://recordings.example/1.mp3', notes: 'second write' };
      assert.equal((await put(changed)).status, 200);
      const listed = await t.call('GET', `/api/calls?leadId=${leadId}`, { as: 'alice' });
      assert.deepEqual(listed.body.items, [changed]);
    });

    it('lists newest startedAt first, filtered by lead, request and agent, at most limit', async () => {
      const leadId = unique('lead');
      const at = (minute: number) => `2026-02-01T10:${String(minute).padStart(2, '0')}:00.000Z`;
      const records = [1, 3, 2].map((minute) =>
        callRecord({ leadId, startedAt: at(minute), answeredAt: at(minute), endedAt: at(minute + 10), agentId: minute === 2 ? 'agent-2' : 'agent-1' }),
      );
      for (const record of records) await put(record);
      const all = await t.call('GET', `/api/calls?leadId=${leadId}`, { as: 'alice' });
      assert.deepEqual(all.body.items.map((r: { startedAt: string }) => r.startedAt), [at(3), at(2), at(1)]);
      const limited = await t.call('GET', `/api/calls?leadId=${leadId}&limit=2`, { as: 'alice' });
      assert.deepEqual(limited.body.items.map((r: { startedAt: string }) => r.startedAt), [at(3), at(2)]);
      const byAgent = await t.call('GET', `/api/calls?leadId=${leadId}&agentId=agent-2`, { as: 'alice' });
      assert.deepEqual(byAgent.body.items.map((r: { id: string }) => r.id), [records[2]!.id]);
      const byRequest = await t.call('GET', `/api/calls?leadId=${leadId}&requestId=other`, { as: 'alice' });
      assert.deepEqual(byRequest.body.items, []);
    });

    it('refuses an invalid record with 400 and says which field', async () => {
      const record = { ...callRecord(), to: '0612345678' };
      const answer = await put(record);
      assert.equal(answer.status, 400);
      assert.equal(answer.body.error, 'invalid-record');
      assert.match(answer.body.message, /^to: must be an international phone number/);
    });

    it('refuses text PostgreSQL cannot store (U+0000, half a surrogate pair) with 400, not a 500 that the client would retry forever', async () => {
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ notes: 'call back\u0000' }, /^notes: must not contain U\+0000 or half of a surrogate pair$/],
        [{ leadId: 'lead\u0000' }, /^leadId: /],
        // A note cut in the middle of an emoji: the browser's JSON.stringify sends the lone half as \ud83d.
        [{ displayName: 'Alice \ud83d' }, /^displayName: /],
        [{ details: { sdk: { 'odd\u0000key': 1 } } }, /^details\.sdk: /],
      ];
      for (const [overrides, message] of cases) {
        const record = callRecord(overrides);
        const answer = await put(record);
        assert.deepEqual([answer.status, answer.body.error], [400, 'invalid-record'], JSON.stringify(overrides));
        assert.match(answer.body.message, message);
        assert.equal((await t.call('GET', callPath(record.id), { as: 'alice' })).status, 404);
      }
      assert.equal((await t.call('GET', '/api/calls?leadId=lead%00', { as: 'alice' })).status, 400);
      assert.equal((await t.call('GET', '/api/calls/twilio%3ACA%00', { as: 'alice' })).status, 400);
    });

    it('refuses a path id that is not the record id, a wrong Idempotency-Key, bad JSON and unknown query parameters', async () => {
      const record = callRecord();
      const other = await t.call('PUT', callPath('twilio:CAother'), { as: 'alice', body: record });
      assert.equal(other.status, 400);
      const key = await t.call('PUT', callPath(record.id), { as: 'alice', body: record, headers: { 'Idempotency-Key': 'nope' } });
      assert.equal(key.status, 400);
      const json = await t.call('PUT', callPath(record.id), { as: 'alice', body: '{not json' });
      assert.deepEqual([json.status, json.body.error], [400, 'invalid-request']);
      const typo = await t.call('GET', '/api/calls?leadID=x', { as: 'alice' });
      assert.equal(typo.status, 400);
      assert.match(typo.body.message, /leadID/);
      const text = await t.call('PUT', callPath(record.id), { as: 'alice', body: JSON.stringify(record), headers: { 'Content-Type': 'text/plain' } });
      assert.equal(text.status, 415);
    });

    it('answers 401 without a user, 404 for an unknown route and 405 for a wrong method', async () => {
      const record = callRecord();
      const anonymous = await t.call('PUT', callPath(record.id), { body: record });
      assert.deepEqual([anonymous.status, anonymous.body.error], [401, 'unauthenticated']);
      assert.equal((await t.call('GET', '/api/calls')).status, 401);
      const unknown = await t.call('GET', '/api/nothing-here', { as: 'alice' });
      assert.deepEqual([unknown.status, unknown.body.error], [404, 'not-found']);
      assert.equal((await t.call('GET', '/elsewhere', { as: 'alice' })).status, 404);
      const wrong = await t.call('DELETE', callPath(record.id), { as: 'alice' });
      assert.equal(wrong.status, 405);
      assert.match(wrong.headers.get('Allow') ?? '', /PUT/);
    });

    it('returns the recording URL, or 404 while there is none', async () => {
      const record = callRecord();
      await put(record);
      const none = await t.call('GET', `${callPath(record.id)}/recording`, { as: 'alice' });
      assert.equal(none.status, 404);
      await put({ ...record, recordingUrl: 'https://recordings.example/2.mp3' });
      const found = await t.call('GET', `${callPath(record.id)}/recording`, { as: 'alice' });
      assert.deepEqual([found.status, found.body], [200, { url: 'https://recordings.example/2.mp3' }]);
      assert.equal((await t.call('GET', `${callPath('twilio:CAnone')}/recording`, { as: 'alice' })).status, 404);
    });

    it('keeps one row when the same id is PUT concurrently, holding one of the writes whole', async () => {
      const leadId = unique('lead');
      const base = callRecord({ leadId });
      const versions = Array.from({ length: 20 }, (_, index) => ({ ...base, notes: `write ${index}`, durationSec: index }));
      const answers = await Promise.all(versions.map((version) => put(version)));
      assert.deepEqual(new Set(answers.map((answer) => answer.status)), new Set([200]));
      const listed = await t.call('GET', `/api/calls?leadId=${leadId}`, { as: 'alice' });
      assert.equal(listed.body.items.length, 1);
      const [stored] = listed.body.items;
      const index = Number(stored.notes.replace('write ', ''));
      assert.deepEqual(stored, versions[index]);
    });
  });
}
