import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import twilio from 'twilio';
import { startFakeTwilio, type FakeTwilio } from './fake-twilio.js';
import { ORIGIN, answerOf, callPath, callRecord, databaseKinds, startServer, type TestServer } from './harness.js';

const hex = () => randomUUID().replaceAll('-', '');
const CREDENTIALS = {
  accountSid: `AC${hex()}`,
  authToken: 'twilio-auth-token-for-tests-0123',
  apiKeySid: `SK${hex()}`,
  apiKeySecret: 'api-key-secret-for-tests-456789',
  twimlAppSid: `AP${hex()}`,
  callerId: '+15005550006',
};

function decodeJwt(token: string) {
  const [header, payload, signature] = token.split('.');
  const expected = createHmac('sha256', CREDENTIALS.apiKeySecret).update(`${header}.${payload}`).digest('base64url');
  return { header: JSON.parse(Buffer.from(header!, 'base64url').toString()), payload: JSON.parse(Buffer.from(payload!, 'base64url').toString()), signed: signature === expected };
}

for (const kind of databaseKinds()) {
  describe(`Twilio routes on ${kind.name}`, () => {
    let t: TestServer;
    let fake: FakeTwilio;
    before(async () => {
      fake = await startFakeTwilio(CREDENTIALS);
      t = await startServer(kind, {
        twilio: { ...CREDENTIALS, apiBaseUrl: fake.url, incomingAllow: true, allowedCountries: ['33', '44'], record: true },
      });
    });
    after(async () => {
      await t?.close();
      await fake?.close();
    });

    /** A webhook as Twilio sends it: form-encoded, signed over the URL it requests. */
    async function webhook(route: string, fields: Record<string, string>, { signature, url = `${ORIGIN}/api${route}` }: { signature?: string; url?: string } = {}) {
      const signed = signature ?? twilio.getExpectedTwilioSignature(CREDENTIALS.authToken, url, fields);
      const response = await t.server.fetch(
        new Request(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signed },
          body: new URLSearchParams(fields).toString(),
        }),
      );
      return answerOf(response);
    }

    it('gives the signed-in user an Access Token with a Voice grant for the TwiML app (GET and POST)', async () => {
      for (const method of ['POST', 'GET']) {
        const answer = await t.call(method, '/api/twilio/token', { as: 'alice' });
        assert.equal(answer.status, 200);
        assert.equal(answer.headers.get('Cache-Control'), 'no-store');
        assert.equal(answer.body.identity, 'alice');
        const { header, payload, signed } = decodeJwt(answer.body.token);
        assert.ok(signed, 'signed with the API key secret');
        assert.equal(header.cty, 'twilio-fpa;v=1');
        assert.equal(payload.iss, CREDENTIALS.apiKeySid);
        assert.equal(payload.sub, CREDENTIALS.accountSid);
        assert.equal(payload.grants.identity, 'alice');
        assert.deepEqual(payload.grants.voice, { incoming: { allow: true }, outgoing: { application_sid: CREDENTIALS.twimlAppSid } });
        assert.equal(payload.exp - payload.iat, 3600);
        assert.ok(Math.abs(Date.parse(answer.body.expiresAt) - payload.exp * 1000) < 2000);
      }
      assert.equal((await t.call('POST', '/api/twilio/token')).status, 401);
    });

    it('answers the Voice URL with a Dial that waits for the answer, from the caller id, to a number checked again', async () => {
      const answer = await webhook('/twilio/voice', { From: 'client:alice', To: '+33123456789', CallSid: `CA${hex()}` });
      assert.equal(answer.status, 200);
      assert.match(answer.headers.get('Content-Type') ?? '', /^text\/xml/);
      assert.match(answer.text, /<Dial answerOnBridge="true" callerId="\+15005550006" record="record-from-answer-dual" recordingStatusCallback="http:\/\/calls\.test\/api\/twilio\/status" recordingStatusCallbackEvent="completed"><Number>\+33123456789<\/Number><\/Dial>/);
      for (const [From, To] of [
        ['client:alice', '+15551234567'],
        ['client:alice', '0612345678'],
        ['+33999999999', '+33123456789'],
      ]) {
        const refused = await webhook('/twilio/voice', { From: From!, To: To!, CallSid: `CA${hex()}` });
        assert.equal(refused.status, 200);
        assert.doesNotMatch(refused.text, /<Dial/, `${From} → ${To}`);
        assert.match(refused.text, /<Say>This number cannot be called.<\/Say><Hangup\/>/);
      }
      const forged = await webhook('/twilio/voice', { From: 'client:alice', To: '+33123456789' }, { signature: 'forged' });
      assert.deepEqual([forged.status, forged.body.error], [403, 'signature-invalid']);
    });

    it('completes the record from a signed status callback with the details of Twilio\u2019s REST API', async () => {
      const callSid = `CA${hex()}`;
      fake.calls.set(callSid, {
        sid: callSid,
        parent_call_sid: null,
        from: 'client:alice',
        to: '+33123456789',
        status: 'completed',
        direction: 'inbound',
        start_time: 'Thu, 01 Jan 2026 10:00:00 +0000',
        end_time: 'Thu, 01 Jan 2026 10:01:12 +0000',
        duration: '72',
        price: '-0.01500',
        price_unit: 'USD',
        answered_by: null,
      });
      const status = await webhook('/twilio/status', { CallSid: callSid, CallStatus: 'completed', From: 'client:alice', To: '+33123456789', CallDuration: '72' });
      assert.equal(status.status, 204);
      assert.ok(fake.requests.some((request) => request.path.endsWith(`/Calls/${callSid}.json`) && request.user === CREDENTIALS.apiKeySid));

      // Known only from Twilio so far: a record of its own, owned by the browser's identity.
      const id = `twilio:${callSid}`;
      const alone = await t.call('GET', callPath(id), { as: 'alice' });
      assert.equal(alone.status, 200);
      assert.deepEqual(
        [alone.body.direction, alone.body.status, alone.body.to, alone.body.userId, alone.body.durationSec, alone.body.startedAt, alone.body.endedAt],
        ['outbound', 'completed', '+33123456789', 'alice', 72, '2026-01-01T10:00:00.000Z', '2026-01-01T10:01:12.000Z'],
      );
      assert.deepEqual(alone.body.details.twilio, {
        callSid,
        callStatus: 'completed',
        direction: 'inbound',
        from: 'client:alice',
        to: '+33123456789',
        durationSec: 72,
        price: '-0.01500',
        priceUnit: 'USD',
        source: 'rest-api',
      });
      assert.equal((await t.call('GET', callPath(id), { as: 'bob' })).status, 404);

      // The browser's record arrives: its fields stay, Twilio's duration and details are laid over it.
      const browser = callRecord({ callSid, leadId: 'lead-twilio', durationSec: 70, details: { sdk: '2.18' } });
      assert.equal((await t.call('PUT', callPath(id), { as: 'alice', body: browser })).status, 200);
      const merged = (await t.call('GET', callPath(id), { as: 'alice' })).body;
      assert.equal(merged.leadId, 'lead-twilio');
      assert.equal(merged.durationSec, 72);
      assert.deepEqual(merged.details.sdk, '2.18');
      assert.equal(merged.details.twilio.price, '-0.01500');

      // The recording callback sets recordingUrl.
      const recordingUrl = `https://api.twilio.com/2010-04-01/Accounts/${CREDENTIALS.accountSid}/Recordings/RE${hex()}`;
      const recording = await webhook('/twilio/status', { CallSid: callSid, RecordingSid: `RE${hex()}`, RecordingUrl: recordingUrl, RecordingStatus: 'completed', RecordingDuration: '70' });
      assert.equal(recording.status, 204);
      const found = await t.call('GET', `${callPath(id)}/recording`, { as: 'alice' });
      assert.deepEqual(found.body, { url: recordingUrl });
    });

    it('refuses a forged status callback with 403 and stores nothing', async () => {
      const callSid = `CA${hex()}`;
      const fields = { CallSid: callSid, CallStatus: 'completed', From: 'client:alice', To: '+33123456789', CallDuration: '5' };
      const forged = await webhook('/twilio/status', fields, { signature: twilio.getExpectedTwilioSignature('another-auth-token', `${ORIGIN}/api/twilio/status`, fields) });
      assert.deepEqual([forged.status, forged.body.error], [403, 'signature-invalid']);
      const unsigned = await webhook('/twilio/status', fields, { signature: '' });
      assert.equal(unsigned.status, 403);
      const tampered = twilio.getExpectedTwilioSignature(CREDENTIALS.authToken, `${ORIGIN}/api/twilio/status`, fields);
      assert.equal((await webhook('/twilio/status', { ...fields, CallDuration: '5000' }, { signature: tampered })).status, 403);
      assert.equal((await t.call('GET', callPath(`twilio:${callSid}`), { as: 'root' })).status, 404);
    });

    it('stores the callback fields when the REST API fails, and ignores calls still in progress', async () => {
      const ringing = `CA${hex()}`;
      assert.equal((await webhook('/twilio/status', { CallSid: ringing, CallStatus: 'ringing', From: 'client:alice', To: '+33123456789' })).status, 204);
      assert.equal((await t.call('GET', callPath(`twilio:${ringing}`), { as: 'root' })).status, 404);

      const callSid = `CA${hex()}`;
      fake.failing = true;
      try {
        const fields = { CallSid: callSid, CallStatus: 'busy', From: '+33123456789', To: '+15005550006', Direction: 'inbound', Timestamp: 'Thu, 01 Jan 2026 11:00:00 +0000' };
        assert.equal((await webhook('/twilio/status', fields)).status, 204);
      } finally {
        fake.failing = false;
      }
      const record = (await t.call('GET', callPath(`twilio:${callSid}`), { as: 'root' })).body;
      assert.deepEqual([record.direction, record.status, record.from, record.details.twilio.source], ['inbound', 'busy', '+33123456789', 'status-callback']);
    });
  });

  describe(`Twilio signatures behind a proxy on ${kind.name}`, () => {
    const fields = { CallSid: `CA${hex()}`, CallStatus: 'ringing' };
    const post = (server: TestServer, url: string, signedUrl: string, headers: Record<string, string> = {}) =>
      server.server.fetch(
        new Request(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': twilio.getExpectedTwilioSignature(CREDENTIALS.authToken, signedUrl, fields), ...headers },
          body: new URLSearchParams(fields).toString(),
        }),
      );
    const forwarded = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'calls.example.com' };

    it('checks the signature against publicUrl when it is given', async () => {
      const server = await startServer(kind, { basePath: '/internal', publicUrl: 'https://calls.example.com/api', twilio: CREDENTIALS });
      try {
        assert.equal((await post(server, 'http://10.0.0.5:8080/internal/twilio/status', 'https://calls.example.com/api/twilio/status')).status, 204);
        assert.equal((await post(server, 'http://10.0.0.5:8080/internal/twilio/status', 'http://10.0.0.5:8080/internal/twilio/status')).status, 403);
      } finally {
        await server.close();
      }
    });

    it('reads X-Forwarded-Proto and X-Forwarded-Host only when told to trust them', async () => {
      const server = await startServer(kind, { trustForwardedHeaders: true, twilio: CREDENTIALS });
      try {
        assert.equal((await post(server, 'http://127.0.0.1:3000/api/twilio/status', 'https://calls.example.com/api/twilio/status', forwarded)).status, 204);
      } finally {
        await server.close();
      }
      const untrusting = await startServer(kind, { twilio: CREDENTIALS });
      try {
        assert.equal((await post(untrusting, 'http://127.0.0.1:3000/api/twilio/status', 'https://calls.example.com/api/twilio/status', forwarded)).status, 403);
        assert.equal((await post(untrusting, 'http://127.0.0.1:3000/api/twilio/status', 'http://127.0.0.1:3000/api/twilio/status', forwarded)).status, 204);
      } finally {
        await untrusting.close();
      }
    });
  });
}
