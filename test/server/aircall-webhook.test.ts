import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { callPath, callRecord, databaseKinds, startServer, type TestServer } from './harness.js';

const WEBHOOK_TOKEN = 'aircall-webhook-token-0f9e8d7c';
let nextId = Math.floor(Date.now() / 1000);

/** A `call.ended` webhook body shaped like Aircall's documented payload. */
function callEnded(id: number, overrides: Record<string, unknown> = {}) {
  return {
    resource: 'call',
    event: 'call.ended',
    timestamp: 1767261700,
    token: WEBHOOK_TOKEN,
    data: {
      id,
      direct_link: `https://api.aircall.io/v1/calls/${id}`,
      direction: 'outbound',
      status: 'done',
      missed_call_reason: null,
      started_at: 1767261600,
      answered_at: 1767261610,
      ended_at: 1767261690,
      duration: 80,
      raw_digits: '+33 1 23 45 67 89',
      recording: `https://aircall-recordings.s3.amazonaws.com/${id}.mp3?X-Amz-Expires=600`,
      asset: `https://assets.aircall.io/calls/${id}/recording`,
      user: { id: 456, name: 'Alice Martin', email: 'alice@example.com' },
      number: { id: 123, digits: '+33 9 87 65 43 21' },
      comments: [
        { id: 1, content: 'Wants a call back on Monday', posted_at: 1767261695 },
        { id: 2, content: '  ', posted_at: 1767261696 },
        { id: 3, content: 'Sent the brochure', posted_at: 1767261697 },
      ],
      tags: [{ id: 9, name: 'follow-up' }],
      ...overrides,
    },
  };
}

for (const kind of databaseKinds()) {
  describe(`Aircall webhook on ${kind.name}`, () => {
    let t: TestServer;
    before(async () => {
      t = await startServer(kind, { aircall: { webhookToken: WEBHOOK_TOKEN } });
    });
    after(() => t?.close());

    const send = (body: unknown) => t.call('POST', '/api/aircall/webhook', { body });

    it('lays duration, recording and the agent\u2019s comments over the stored record', async () => {
      const id = (nextId += 1);
      const record = callRecord({ provider: 'aircall', callSid: String(id), durationSec: 75, leadId: 'lead-aircall' });
      assert.equal((await t.call('PUT', callPath(record.id), { as: 'alice', body: record })).status, 200);
      const answer = await send(callEnded(id));
      assert.deepEqual([answer.status, answer.body], [200, { received: true, stored: true }]);
      const stored = (await t.call('GET', callPath(record.id), { as: 'alice' })).body;
      assert.equal(stored.leadId, 'lead-aircall');
      assert.equal(stored.durationSec, 80);
      assert.equal(stored.recordingUrl, `https://assets.aircall.io/calls/${id}/recording`);
      assert.equal(stored.notes, 'Wants a call back on Monday\n\nSent the brochure');
      assert.deepEqual(stored.details.aircall, {
        callId: id,
        status: 'done',
        userId: 456,
        userName: 'Alice Martin',
        numberId: 123,
        directLink: `https://api.aircall.io/v1/calls/${id}`,
        comments: [
          { id: 1, content: 'Wants a call back on Monday', postedAt: '2026-01-01T10:01:35.000Z' },
          { id: 3, content: 'Sent the brochure', postedAt: '2026-01-01T10:01:37.000Z' },
        ],
        tags: ['follow-up'],
      });
      assert.ok(!JSON.stringify(stored).includes('alice@example.com'), 'the Aircall user\u2019s e-mail is not copied');
    });

    it('makes a record of its own for a call the browser has not stored, visible to a super admin only', async () => {
      const id = (nextId += 1);
      await send(callEnded(id, { direction: 'inbound', answered_at: null, duration: 0, missed_call_reason: 'agents_did_not_answer', comments: [] }));
      const stored = await t.call('GET', callPath(`aircall:${id}`), { as: 'root' });
      assert.equal(stored.status, 200);
      assert.deepEqual(
        [stored.body.direction, stored.body.status, stored.body.from, stored.body.to, stored.body.startedAt, stored.body.details.aircall.missedCallReason],
        ['inbound', 'missed', '+33123456789', '+33987654321', '2026-01-01T10:00:00.000Z', 'agents_did_not_answer'],
      );
      assert.equal((await t.call('GET', callPath(`aircall:${id}`), { as: 'mia' })).status, 404);
    });

    it('refuses a wrong or missing token with 403 and stores nothing', async () => {
      const id = (nextId += 1);
      for (const token of ['not-the-token', `${WEBHOOK_TOKEN}x`, undefined]) {
        const answer = await send({ ...callEnded(id), token });
        assert.deepEqual([answer.status, answer.body.error], [403, 'webhook-token-invalid']);
      }
      assert.equal((await t.call('GET', callPath(`aircall:${id}`), { as: 'root' })).status, 404);
    });

    it('acknowledges other events without storing, and refuses a payload without a call id', async () => {
      const id = (nextId += 1);
      const other = await send({ ...callEnded(id), event: 'call.created' });
      assert.deepEqual([other.status, other.body.stored], [200, false]);
      assert.equal((await t.call('GET', callPath(`aircall:${id}`), { as: 'root' })).status, 404);
      assert.equal((await send({ ...callEnded(id), data: { id: 'abc' } })).status, 400);
    });
  });
}
