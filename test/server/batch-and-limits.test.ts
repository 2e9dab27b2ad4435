import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { callPath, callRecord, databaseKinds, startServer, unique, type TestServer } from './harness.js';

const LIMITS = { bodyBytes: 64 * 1024, batchBytes: 1024 * 1024, maxBatch: 50, maxList: 100 };

for (const kind of databaseKinds()) {
  describe(`batch route and limits on ${kind.name}`, () => {
    let t: TestServer;
    before(async () => {
      t = await startServer(kind, { limits: LIMITS });
    });
    after(() => t?.close());

    it('advertises the batch route and its limits at the base path, without signing in', async () => {
      const answer = await t.call('GET', '/api/');
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body, {
        server: 'call-elements',
        version: 1,
        batch: true,
        maxBatch: 50,
        limits: { bodyBytes: LIMITS.bodyBytes, batchBytes: LIMITS.batchBytes, maxList: LIMITS.maxList },
        twilio: false,
        aircallWebhook: false,
      });
      assert.equal((await t.call('GET', '/api')).status, 200);
    });

    it('stores each item of a batch on its own and reports one result per item, in order', async () => {
      const leadId = unique('lead');
      const taken = callRecord({ leadId, userId: 'carol' });
      await t.call('PUT', callPath(taken.id), { as: 'carol', body: taken });
      const good = callRecord({ leadId });
      const again = { ...good, notes: 'duplicate in the same batch' };
      const invalid = { ...callRecord({ leadId }), status: 'exploded' };
      const answer = await t.call('POST', '/api/calls:batch', { as: 'alice', body: { items: [good, invalid, { ...taken, userId: undefined }, again, 'nonsense'] } });
      assert.equal(answer.status, 200);
      assert.deepEqual(
        answer.body.results.map((result: { id: string | null; status: number; error?: string }) => [result.id, result.status, result.error]),
        [
          [good.id, 200, undefined],
          [invalid.id, 400, 'invalid-record'],
          [taken.id, 403, 'permission-denied'],
          [good.id, 200, undefined],
          [null, 400, 'invalid-record'],
        ],
      );
      const listed = await t.call('GET', `/api/calls?leadId=${leadId}`, { as: 'alice' });
      assert.deepEqual(listed.body.items, [again], 'the last of the duplicates wins; nothing of the refused ones');
    });

    it('refuses an item with text PostgreSQL cannot store on its own (400), and stores the others', async () => {
      const good = callRecord({ leadId: unique('lead') });
      const bad = callRecord({ leadId: good.leadId, notes: 'x\u0000' });
      const answer = await t.call('POST', '/api/calls:batch', { as: 'alice', body: { items: [good, bad] } });
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(answer.body.results.map((result: { status: number; error?: string }) => [result.status, result.error]), [[200, undefined], [400, 'invalid-record']]);
      assert.deepEqual((await t.call('GET', `/api/calls?leadId=${good.leadId}`, { as: 'alice' })).body.items, [good]);
    });

    it('is idempotent: the same batch twice stores each record once', async () => {
      const leadId = unique('lead');
      const items = Array.from({ length: 30 }, (_, index) => callRecord({ leadId, durationSec: index }));
      for (let round = 0; round < 2; round += 1) {
        const answer = await t.call('POST', '/api/calls:batch', { as: 'alice', body: { items } });
        assert.equal(answer.body.results.filter((result: { status: number }) => result.status === 200).length, 30);
      }
      assert.equal((await t.call('GET', `/api/calls?leadId=${leadId}`, { as: 'alice' })).body.items.length, 30);
    });

    it('refuses a batch with more than maxBatch items, or without items, and caps list limits', async () => {
      const tooMany = await t.call('POST', '/api/calls:batch', { as: 'alice', body: { items: Array.from({ length: 51 }, () => callRecord()) } });
      assert.deepEqual([tooMany.status, tooMany.body.error], [413, 'payload-too-large']);
      assert.equal((await t.call('POST', '/api/calls:batch', { as: 'alice', body: [] })).status, 400);
      assert.equal((await t.call('GET', '/api/calls?limit=-1', { as: 'alice' })).status, 400);
    });

    it('answers 413 to a body over the limit, declared or streamed, without storing it', async () => {
      const record = callRecord({ notes: 'x'.repeat(20_000), details: { padding: 'y'.repeat(LIMITS.bodyBytes) } });
      const declared = await t.call('PUT', callPath(record.id), { as: 'alice', body: record });
      assert.deepEqual([declared.status, declared.body.error], [413, 'payload-too-large']);
      const body = new TextEncoder().encode(JSON.stringify(record));
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let offset = 0; offset < body.length; offset += 8192) controller.enqueue(body.slice(offset, offset + 8192));
          controller.close();
        },
      });
      const streamed = await t.server.fetch(
        new Request(`http://calls.test${callPath(record.id)}`, {
          method: 'PUT',
          headers: { Authorization: 'Bearer alice', 'Content-Type': 'application/json' },
          body: stream,
          duplex: 'half',
        } as RequestInit),
      );
      assert.equal(streamed.status, 413);
      assert.equal((await t.call('GET', `${callPath(record.id)}`, { as: 'alice' })).status, 404);
    });

    it('answers 404 not-configured for the Twilio and Aircall routes when their options are absent', async () => {
      const twilio = await t.call('POST', '/api/twilio/token', { as: 'alice' });
      assert.deepEqual([twilio.status, twilio.body.error], [404, 'not-configured']);
      const aircall = await t.call('POST', '/api/aircall/webhook', { body: {} });
      assert.deepEqual([aircall.status, aircall.body.error], [404, 'not-configured']);
    });
  });
}
