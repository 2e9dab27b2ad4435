// The host application of `npm run check:server-package` (scripts/check-server-package.mjs copies it
// into a new project where the packed tarball is installed, and runs it there): it knows call-elements
// only through the package's public exports, as an integrator would, and checks the promises of
// docs/server.md over real HTTP (serveNode on loopback), once on PGlite in a data directory and once
// on PostgreSQL (the database at CHECK_PG_URL, when given). Every check runs even when an earlier one
// failed; the process exits 1 when any did. Plain Node: node:assert, no test framework.
//
//   CHECK_WORK   a directory of its own for the data directories
//   CHECK_PG_URL a PostgreSQL database the check may fill (absent: PGlite only, said in the report)
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import twilio from 'twilio';
import { createCallServer, serveNode } from 'call-elements/server';
import { contractRecord, storageContract } from 'call-elements/storage/contract';
import { createHttpStorage } from 'call-elements/storage/http';

const WORK = process.env.CHECK_WORK;
const PG_URL = process.env.CHECK_PG_URL;
assert.ok(WORK, 'CHECK_WORK must name a directory');

const hex = () => randomUUID().replaceAll('-', '');
const SECRET_KEY = `host-check-secret-${hex()}`;
/** Every Aircall key saved here starts with this; the last four characters (apiKeyLast4) are not part of it. */
const API_KEY_BODY = `ak_live_host_check_${hex().slice(0, 16)}`;
const apiKey = (n) => `${API_KEY_BODY}-${String(n).padStart(4, '0')}`;
const WEBHOOK_TOKEN = `aircall-token-${hex()}`;
const TWILIO = {
  accountSid: `AC${hex()}`,
  authToken: `auth-token-${hex()}`,
  apiKeySid: `SK${hex()}`,
  apiKeySecret: `api-key-secret-${hex()}`,
  twimlAppSid: `AP${hex()}`,
  callerId: '+15005550006',
};
/** What must appear in no answer and no log line. */
const SECRETS = { 'the Aircall API key': API_KEY_BODY, 'the secret key': SECRET_KEY, 'the Twilio auth token': TWILIO.authToken, 'the API key secret': TWILIO.apiKeySecret, 'the Aircall webhook token': WEBHOOK_TOKEN };

const USERS = {
  alice: { userId: 'alice', roles: ['AGENT'], organizationIds: ['org-a'] },
  bob: { userId: 'bob', roles: ['AGENT'], organizationIds: ['org-a'] },
  adam: { userId: 'adam', roles: ['ADMIN'], organizationIds: ['org-a'] },
  carol: { userId: 'carol', roles: ['AGENT'], organizationIds: ['org-b'] },
  olga: { userId: 'olga', roles: ['ADMIN'], organizationIds: ['org-b'] },
  root: { userId: 'root', roles: ['SUPER_ADMIN'], organizationIds: [] },
  load: { userId: 'load', roles: ['AGENT'], organizationIds: ['org-load'] },
};

/** The host's sign-in: `Authorization: Bearer {name}`. `contract` is the storage contract's user (see below). */
async function authenticate(request) {
  const name = request.headers.get('Authorization')?.replace(/^Bearer /, '');
  if (name === 'contract') {
    // The contract names the user a configuration is saved by (updatedBy); the server records its own user.
    const body = request.method === 'PUT' && request.url.includes('/aircall-config/') ? await request.clone().json().catch(() => ({})) : {};
    return { userId: body.updatedBy ?? 'contract-user', roles: ['SUPER_ADMIN'], organizationIds: [] };
  }
  return USERS[name] ?? null;
}

const logged = [];
const logger = {
  warn: (message, fields) => logged.push({ level: 'warn', message, fields }),
  error: (message, fields) => logged.push({ level: 'error', message, fields }),
};

// ---------------------------------------------------------------------------------------------
// A fake of the one resource of Twilio's REST API the server reads, behind HTTP Basic auth with the
// API key: GET /2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}.json (snake_case, RFC 2822 dates).

function startFakeTwilio() {
  const calls = new Map();
  const requests = [];
  const server = createServer((request, response) => {
    const [user = '', password = ''] = Buffer.from((request.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString().split(':');
    requests.push({ method: request.method, path: request.url, user });
    const reply = (status, body) => response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    if (user !== TWILIO.apiKeySid || password !== TWILIO.apiKeySecret) return reply(401, { code: 20003, message: 'Authenticate', status: 401 });
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Calls\/([^/]+)\.json$/.exec(request.url ?? '');
    const call = match && match[1] === TWILIO.accountSid ? calls.get(match[2]) : undefined;
    if (request.method !== 'GET' || !call) return reply(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
    reply(200, { ...call, account_sid: TWILIO.accountSid, api_version: '2010-04-01', uri: request.url });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${server.address().port}`, calls, requests, close: () => new Promise((done) => server.close(done)) }),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Records (the storage contract's, call-elements/storage/contract) and configurations (docs/http-contract.md).

/** A valid record (the public storage contract's), written by alice unless told otherwise. */
const callRecord = (overrides = {}) =>
  contractRecord({ provider: 'twilio', callSid: `CA${hex()}`, agentId: 'agent-1', leadId: 'lead-1', requestId: 'request-1', userId: 'alice', ...overrides });

const aircallConfig = (overrides = {}) => ({
  enabled: true,
  apiId: 'api-id-1',
  integrationName: 'host-check',
  workspaceSize: 'medium',
  events: { onLogin: true, onLogout: true, onCallStart: true, onCallEnd: true, onCallAnswer: false },
  permissions: { canMakeOutboundCalls: true, canReceiveInboundCalls: false, canTransferCalls: false, canRecordCalls: false },
  ...overrides,
});

const unique = (prefix) => `${prefix}-${hex().slice(0, 10)}`;

// ---------------------------------------------------------------------------------------------
// The report: each check is named, run, and reported; a failure does not stop the others.

const results = [];
const notes = [];
/** The database (or part) the checks being run are about, for the list of failures. */
let section = '';
async function check(name, body) {
  const started = performance.now();
  try {
    await body();
    results.push({ name: `${section}: ${name}`, ok: true });
    console.log(`  ok   ${name} (${Math.round(performance.now() - started)} ms)`);
  } catch (error) {
    results.push({ name: `${section}: ${name}`, ok: false });
    console.log(`  FAIL ${name}\n       ${String(error?.stack ?? error).split('\n').slice(0, 6).join('\n       ')}`);
  }
}

// ---------------------------------------------------------------------------------------------
// One server over HTTP, as the host runs it.

/** Every answer's text, searched at the end for the secrets. */
const answers = [];

async function answerOf(response) {
  const text = await response.text();
  answers.push(text);
  let body;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

async function startHost(database, fakeTwilio) {
  const server = await createCallServer({
    database,
    authenticate,
    secretKey: SECRET_KEY,
    twilio: { ...TWILIO, apiBaseUrl: fakeTwilio.url },
    aircall: { webhookToken: WEBHOOK_TOKEN },
    logger,
  });
  const http = await serveNode(server, { port: 0, hostname: '127.0.0.1' });
  const base = `${http.url}/api`;
  /** One request; `as` signs in, a body that is not a string goes as JSON. */
  async function call(method, path, { as, body, headers = {} } = {}) {
    const sent = { ...headers };
    if (as) sent.Authorization = `Bearer ${as}`;
    if (body !== undefined && typeof body !== 'string') sent['Content-Type'] ??= 'application/json';
    return answerOf(await fetch(`${base}${path}`, { method, headers: sent, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) }));
  }
  return {
    server,
    base,
    call,
    async stop() {
      await http.close();
      await server.close();
    },
  };
}

const callPath = (id) => `/calls/${encodeURIComponent(id)}`;
const put = (host, record, as = 'alice', headers = { 'Idempotency-Key': record.id }) => host.call('PUT', callPath(record.id), { as, body: record, headers });
const configPath = (organizationId, suffix = '') => `/organizations/${encodeURIComponent(organizationId)}/aircall-config/FR${suffix}`;
const saveConfig = (host, organizationId, body, version, as) =>
  host.call('PUT', configPath(organizationId), { as, body, headers: version === null ? {} : { 'If-Match': String(version) } });

function assertError(answer, status, code, what) {
  assert.equal(answer.status, status, `${what}: status ${answer.status} ${answer.text}`);
  assert.match(answer.headers.get('Content-Type') ?? '', /^application\/json/, `${what}: JSON`);
  if (code) assert.equal(answer.body?.error, code, `${what}: error`);
  assert.equal(typeof answer.body?.error, 'string', `${what}: { error }`);
  assert.ok(typeof answer.body?.message === 'string' && answer.body.message.length > 0, `${what}: { message }`);
}

/** `count` requests by `concurrency` workers; resolves to the seconds it took. */
async function timed(count, concurrency, send) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next;
        next += 1;
        await send(index);
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function decodeJwt(token) {
  const [header, payload, signature] = token.split('.');
  const expected = createHmac('sha256', TWILIO.apiKeySecret).update(`${header}.${payload}`).digest('base64url');
  const part = (text) => JSON.parse(Buffer.from(text, 'base64url').toString());
  return { header: part(header), payload: part(payload), signed: signature === expected };
}

/** A Twilio webhook: form-encoded, signed over the URL requested, as Twilio's own helper computes it. */
async function twilioWebhook(host, route, fields, authToken = TWILIO.authToken) {
  const url = `${host.base}${route}`;
  const signature = authToken === null ? undefined : twilio.getExpectedTwilioSignature(authToken, url, fields);
  if (authToken === TWILIO.authToken) assert.ok(twilio.validateRequest(TWILIO.authToken, signature, url, fields), 'twilio.validateRequest accepts what it signs');
  return answerOf(
    await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(signature !== undefined && { 'X-Twilio-Signature': signature }) },
      body: new URLSearchParams(fields).toString(),
    }),
  );
}

function aircallEnded(id, overrides = {}) {
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
      started_at: 1767261600,
      answered_at: 1767261610,
      ended_at: 1767261690,
      duration: 80,
      raw_digits: '+33 1 23 45 67 89',
      asset: `https://assets.aircall.io/calls/${id}/recording`,
      user: { id: 456, name: 'Alice Martin', email: 'alice@example.com' },
      number: { id: 123, digits: '+33 9 87 65 43 21' },
      comments: [{ id: 1, content: 'Wants a call back on Monday', posted_at: 1767261695 }],
      ...overrides,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The checks, on one database.

/**
 * `database` is what the server gets; `inspector()` opens the database while the server is closed
 * (PGlite: the host opens the data directory itself; PostgreSQL: a client of its own);
 * `files` is the PGlite data directory whose bytes are searched for the key; `first()` runs checks of
 * the database's own before the others.
 */
async function checkDatabase(label, { database, inspector, files, first }, fakeTwilio, figures) {
  console.log(`\n${label}`);
  section = label;
  await first?.();
  let host = await startHost(database, fakeTwilio);
  const lead = unique('lead');
  const same = { lead: unique('lead-same'), id: undefined, bodies: [] };
  let winner;
  const loadLead = { put: unique('load-put'), batch: unique('load-batch') };

  try {
    await check('GET / answers the capabilities without sign-in', async () => {
      const answer = await host.call('GET', '/');
      assert.equal(answer.status, 200);
      assert.equal(answer.headers.get('Cache-Control'), 'no-store');
      assert.deepEqual(
        [answer.body.server, answer.body.version, answer.body.batch, answer.body.maxBatch, answer.body.twilio, answer.body.aircallWebhook],
        ['call-elements', 1, true, 500, true, true],
      );
      assert.deepEqual(answer.body.limits, { bodyBytes: 262144, batchBytes: 8388608, maxList: 500 });
    });

    await check('PUT /calls/{id} upserts by id: a second PUT replaces the record, one row', async () => {
      const first = callRecord({ leadId: lead });
      const created = await put(host, first);
      assert.deepEqual([created.status, created.body], [200, { id: first.id }]);
      const second = { ...first, durationSec: 59, notes: 'second write' };
      assert.equal((await put(host, second)).status, 200);
      assert.deepEqual((await host.call('GET', callPath(first.id), { as: 'alice' })).body, second);
      assert.deepEqual((await host.call('GET', `/calls?leadId=${lead}`, { as: 'alice' })).body, { items: [second] });
      assert.equal((await put(host, second, 'alice', { 'Idempotency-Key': encodeURIComponent(second.id) })).status, 200, 'a percent-encoded key');
    });

    await check('GET /calls lists newest startedAt first, filtered by leadId, requestId, agentId and limit', async () => {
      const listLead = unique('lead-list');
      const at = (minute) => ({ startedAt: `2026-02-01T10:${minute}:00.000Z`, answeredAt: `2026-02-01T10:${minute}:05.000Z`, endedAt: `2026-02-01T10:${minute}:30.000Z` });
      const records = [
        callRecord({ leadId: listLead, requestId: 'req-x', agentId: 'agent-x', ...at('01') }),
        callRecord({ leadId: listLead, requestId: 'req-y', agentId: 'agent-x', ...at('03') }),
        callRecord({ leadId: listLead, requestId: 'req-x', agentId: 'agent-y', ...at('02') }),
      ];
      for (const record of records) assert.equal((await put(host, record)).status, 200);
      const ids = async (query) => (await host.call('GET', `/calls?${query}`, { as: 'alice' })).body.items.map((item) => item.id);
      assert.deepEqual(await ids(`leadId=${listLead}`), [records[1].id, records[2].id, records[0].id]);
      assert.deepEqual(await ids(`leadId=${listLead}&requestId=req-x`), [records[2].id, records[0].id]);
      assert.deepEqual(await ids(`leadId=${listLead}&agentId=agent-x`), [records[1].id, records[0].id]);
      assert.deepEqual(await ids(`leadId=${listLead}&limit=2`), [records[1].id, records[2].id]);
      assert.deepEqual(await ids(`leadId=${unique('nobody')}`), []);
      assert.equal((await host.call('GET', `${callPath(records[0].id)}/recording`, { as: 'alice' })).status, 404, 'no recording yet');
    });

    await check('bad input answers 400 { error, message } and stores nothing', async () => {
      const good = callRecord({ leadId: unique('lead-bad') });
      const { status: _status, ...noStatus } = good;
      const cases = [
        ['a record without its status', () => put(host, noStatus), 'invalid-record', /status/],
        ['a negative duration', () => put(host, { ...good, durationSec: -1 }), 'invalid-record', /durationSec/],
        ['an unknown field', () => put(host, { ...good, leadID: 'typo' }), 'invalid-record', /leadID/],
        ['an id that is not provider:callSid', () => host.call('PUT', callPath('twilio:CAother'), { as: 'alice', body: { ...good, id: 'twilio:CAother' } }), 'invalid-record', /id/],
        ['malformed JSON', () => host.call('PUT', callPath(good.id), { as: 'alice', body: '{"schemaVersion":1,', headers: { 'Content-Type': 'application/json' } }), 'invalid-request'],
        ['a path id that is not the record id', () => host.call('PUT', callPath(`${good.id}x`), { as: 'alice', body: good }), 'invalid-request'],
        ['an Idempotency-Key that is not the id', () => put(host, good, 'alice', { 'Idempotency-Key': 'another' }), 'invalid-request'],
        ['an unknown query parameter', () => host.call('GET', '/calls?leadID=x', { as: 'alice' }), 'invalid-request'],
        ['a limit that is not a number', () => host.call('GET', '/calls?limit=ten', { as: 'alice' }), 'invalid-request'],
        ['a batch that is not { items }', () => host.call('POST', '/calls:batch', { as: 'alice', body: [good] }), 'invalid-request'],
        ['an invalid action', () => host.call('PUT', '/actions/a-1', { as: 'alice', body: { id: 'a-1', type: 'note' } }), 'invalid-action'],
        ['an invalid configuration', () => saveConfig(host, 'org-a', aircallConfig({ workspaceSize: 'huge', apiKey: apiKey(9999) }), 0, 'adam'), 'config-invalid', /workspaceSize/],
        ['a malformed If-Match', () => saveConfig(host, 'org-a', aircallConfig(), 'one', 'adam'), 'invalid-request'],
      ];
      for (const [what, send, code, message] of cases) {
        const answer = await send();
        assertError(answer, 400, code, what);
        if (message) assert.match(answer.body.message, message, what);
      }
      assertError(await host.call('PUT', callPath(good.id), { as: 'alice', body: JSON.stringify(good), headers: { 'Content-Type': 'text/plain' } }), 415, 'unsupported-media-type', 'a body that is not JSON');
      assertError(await saveConfig(host, 'org-a', aircallConfig(), null, 'adam'), 428, 'precondition-required', 'a configuration save without If-Match');
      assert.equal((await host.call('GET', callPath(good.id), { as: 'root' })).status, 404, 'nothing stored');
      assert.equal((await host.call('GET', configPath('org-a'), { as: 'adam' })).status, 404, 'no configuration saved');
    });

    await check('text PostgreSQL cannot store (U+0000, half a surrogate pair) answers 400, alone in a batch, not 500', async () => {
      const cut = callRecord({ leadId: unique('lead-text'), notes: 'cut in an emoji \ud83d' });
      assertError(await put(host, cut), 400, 'invalid-record', 'half a surrogate pair');
      assertError(await put(host, { ...cut, notes: 'nul\u0000' }), 400, 'invalid-record', 'U+0000');
      const good = callRecord({ leadId: cut.leadId });
      const batch = await host.call('POST', '/calls:batch', { as: 'alice', body: { items: [good, cut] } });
      assert.deepEqual([batch.status, batch.body?.results?.map((result) => result.status)], [200, [200, 400]]);
      assert.deepEqual((await host.call('GET', `/calls?leadId=${cut.leadId}`, { as: 'alice' })).body.items, [good]);
    });

    await check('a body over the limit answers 413 (declared or streamed), and the client\u2019s next requests are answered', async () => {
      const body = JSON.stringify({ pad: 'x'.repeat(2 * 262144) });
      const streamed = () =>
        new ReadableStream({
          start(controller) {
            for (let at = 0; at < body.length; at += 65536) controller.enqueue(new TextEncoder().encode(body.slice(at, at + 65536)));
            controller.close();
          },
        });
      for (const send of [() => body, streamed]) {
        for (let round = 0; round < 4; round += 1) {
          const refused = await fetch(`${host.base}${callPath('twilio:CAbig')}`, { method: 'PUT', headers: { Authorization: 'Bearer alice', 'Content-Type': 'application/json' }, body: send(), duplex: 'half' });
          assertError(await answerOf(refused), 413, 'payload-too-large', 'a body over bodyBytes');
          for (let next = 0; next < 3; next += 1) assert.equal((await fetch(`${host.base}/`)).status, 200, 'a request after the 413');
        }
      }
    });

    await check('no sign-in answers 401 { error: "unauthenticated", message } on every signed route', async () => {
      const record = callRecord();
      const routes = [
        ['PUT', callPath(record.id), record],
        ['POST', '/calls:batch', { items: [record] }],
        ['GET', '/calls'],
        ['GET', callPath(record.id)],
        ['GET', `${callPath(record.id)}/recording`],
        ['PUT', '/actions/a-1', { id: 'a-1', type: 'note', at: '2026-01-01T10:00:00.000Z' }],
        ['GET', '/actions'],
        ['GET', configPath('org-a')],
        ['PUT', configPath('org-a'), aircallConfig()],
        ['GET', configPath('org-a', '/versions')],
        ['POST', '/twilio/token'],
        ['GET', '/twilio/token'],
      ];
      for (const [method, path, body] of routes) {
        for (const as of [undefined, 'somebody-unknown']) {
          assertError(await host.call(method, path, { as, body, headers: method === 'PUT' && path.includes('aircall-config') ? { 'If-Match': '0' } : {} }), 401, 'unauthenticated', `${method} ${path} as ${as ?? 'nobody'}`);
        }
      }
      assert.equal((await host.call('GET', callPath(record.id), { as: 'root' })).status, 404, 'nothing stored');
    });

    await check('PUT /actions/{id} upserts, GET /actions lists newest first', async () => {
      const actionLead = unique('lead-actions');
      const first = { id: unique('action'), type: 'note', at: '2026-01-01T10:00:00.000Z', leadId: actionLead, userId: 'alice', notes: 'first' };
      const second = { id: unique('action'), type: 'note', at: '2026-01-01T11:00:00.000Z', leadId: actionLead, userId: 'alice', notes: 'second' };
      for (const action of [first, second, { ...first, notes: 'first, again' }]) {
        const answer = await host.call('PUT', `/actions/${encodeURIComponent(action.id)}`, { as: 'alice', body: action, headers: { 'Idempotency-Key': action.id } });
        assert.equal(answer.status, 200, answer.text);
      }
      assert.deepEqual((await host.call('GET', `/actions?leadId=${actionLead}`, { as: 'alice' })).body.items, [second, { ...first, notes: 'first, again' }]);
      assert.deepEqual((await host.call('GET', `/actions?leadId=${actionLead}`, { as: 'carol' })).body.items, [], 'another organisation');
    });

    await check('20 concurrent PUTs of one id: all 200, one record holding one of the writes whole', async () => {
      const base = callRecord({ leadId: same.lead });
      same.id = base.id;
      same.bodies = Array.from({ length: 20 }, (_, index) => ({ ...base, durationSec: index, notes: `write ${index}`, metrics: { ...base.metrics, reconnects: index } }));
      const statuses = await Promise.all(same.bodies.map(async (body) => (await put(host, body)).status));
      assert.deepEqual(statuses, Array(20).fill(200));
      const { items } = (await host.call('GET', `/calls?leadId=${same.lead}`, { as: 'alice' })).body;
      assert.equal(items.length, 1);
      const index = same.bodies.findIndex((body) => isDeepStrictEqual(body, items[0]));
      assert.ok(index >= 0, `the stored record is one of the writes: ${JSON.stringify(items[0])}`);
      assert.equal(items[0].notes, `write ${items[0].durationSec}`, 'not a mix of two writes');
    });

    await check('concurrent If-Match saves: exactly one 200, the others 412 config-conflict (If-Match 0, then 1)', async () => {
      for (const version of [0, 1]) {
        const saves = await Promise.all(
          Array.from({ length: 10 }, (_, index) => saveConfig(host, 'org-a', aircallConfig({ apiKey: apiKey(version * 100 + index), apiId: `id-${version}-${index}` }), version, 'adam')),
        );
        const statuses = saves.map((answer) => answer.status).sort();
        assert.deepEqual(statuses, [200, ...Array(9).fill(412)], `If-Match ${version}: ${statuses}`);
        for (const lost of saves.filter((answer) => answer.status === 412)) assertError(lost, 412, 'config-conflict', 'a lost save');
        winner = saves.find((answer) => answer.status === 200).body;
        assert.equal(winner.version, version + 1);
        assert.equal(winner.updatedBy, 'adam');
        assert.deepEqual((await host.call('GET', configPath('org-a'), { as: 'adam' })).body, winner);
        const [, saveVersion, index] = winner.apiId.split('-');
        assert.equal(await host.server.aircallApiKey({ organizationId: 'org-a', countryCode: 'FR' }), apiKey(Number(saveVersion) * 100 + Number(index)), 'the key of the save that won');
      }
      const history = (await host.call('GET', configPath('org-a', '/versions'), { as: 'adam' })).body.items;
      assert.deepEqual(history.map((item) => item.version), [2, 1]);
      assert.deepEqual(history[0].config, winner);
    });

    await check('roles: an AGENT reads the configuration but cannot save it; an ADMIN can', async () => {
      const read = await host.call('GET', configPath('org-a'), { as: 'alice' });
      assert.equal(read.status, 200);
      assert.ok(!('apiKey' in read.body) && read.body.apiKeySet === true && read.body.apiKeyLast4.length === 4);
      assertError(await saveConfig(host, 'org-a', aircallConfig({ apiId: 'agent-try' }), winner.version, 'alice'), 403, 'permission-denied', 'an AGENT saves');
      const saved = await saveConfig(host, 'org-a', aircallConfig({ apiId: 'admin-save' }), winner.version, 'adam');
      assert.equal(saved.status, 200, saved.text);
      assert.deepEqual([saved.body.version, saved.body.apiKeySet, saved.body.apiId], [winner.version + 1, true, 'admin-save'], 'the key kept when left out');
      winner = saved.body;
    });

    await check('tenancy: another organisation\u2019s records and configuration are invisible or forbidden', async () => {
      const own = callRecord({ leadId: unique('lead-tenancy') });
      assert.equal((await put(host, own)).status, 200);
      assert.equal((await host.call('GET', callPath(own.id), { as: 'carol' })).status, 404, 'an agent of org-b reads');
      assert.equal((await host.call('GET', callPath(own.id), { as: 'olga' })).status, 404, 'an admin of org-b reads');
      assert.deepEqual((await host.call('GET', `/calls?leadId=${own.leadId}`, { as: 'olga' })).body.items, [], 'org-b lists');
      assertError(await put(host, { ...own, userId: 'carol' }, 'carol'), 403, 'permission-denied', 'org-b overwrites');
      const batch = await host.call('POST', '/calls:batch', { as: 'carol', body: { items: [{ ...own, userId: 'carol' }] } });
      assert.deepEqual(batch.body.results.map((result) => [result.id, result.status, result.error]), [[own.id, 403, 'permission-denied']]);
      assert.equal((await host.call('GET', callPath(own.id), { as: 'bob' })).status, 404, 'a colleague AGENT does not see it');
      assert.equal((await host.call('GET', callPath(own.id), { as: 'adam' })).status, 200, 'the ADMIN of org-a does');
      assertError(await put(host, { ...own, userId: 'bob' }), 403, 'permission-denied', 'filing a call in a colleague\u2019s name');
      assert.deepEqual((await host.call('GET', callPath(own.id), { as: 'alice' })).body, own, 'unchanged');
      assertError(await host.call('GET', configPath('org-a'), { as: 'olga' }), 403, 'permission-denied', 'org-b reads org-a\u2019s configuration');
      assertError(await host.call('GET', configPath('org-a', '/versions'), { as: 'carol' }), 403, 'permission-denied', 'org-b reads org-a\u2019s history');
      assertError(await saveConfig(host, 'org-a', aircallConfig(), winner.version, 'olga'), 403, 'permission-denied', 'org-b saves org-a\u2019s configuration');
      assert.equal((await saveConfig(host, 'org-b', aircallConfig({ apiKey: apiKey(5000) }), 0, 'olga')).status, 200, 'org-b saves its own');
      assertError(await host.call('GET', configPath('org-b'), { as: 'adam' }), 403, 'permission-denied', 'org-a reads org-b\u2019s configuration');
      assert.equal((await host.call('GET', configPath('org-a'), { as: 'adam' })).body.version, winner.version, 'org-a\u2019s configuration unchanged');
    });

    await check('POST /twilio/token gives the signed-in user a JWT with a VoiceGrant (identity from the sign-in)', async () => {
      for (const method of ['POST', 'GET']) {
        const answer = await host.call(method, '/twilio/token', { as: 'alice' });
        assert.equal(answer.status, 200, answer.text);
        assert.equal(answer.headers.get('Cache-Control'), 'no-store');
        assert.equal(answer.body.identity, 'alice');
        const { header, payload, signed } = decodeJwt(answer.body.token);
        assert.ok(signed, 'HS256 with the API key secret');
        assert.deepEqual([header.alg, header.cty], ['HS256', 'twilio-fpa;v=1']);
        assert.deepEqual([payload.iss, payload.sub, payload.grants.identity], [TWILIO.apiKeySid, TWILIO.accountSid, 'alice']);
        assert.equal(payload.grants.voice.outgoing.application_sid, TWILIO.twimlAppSid);
        assert.notEqual(payload.grants.voice.incoming?.allow, true, 'incomingAllow is off by default');
        assert.ok(payload.exp * 1000 > Date.now() && Math.abs(Date.parse(answer.body.expiresAt) - payload.exp * 1000) < 2000);
      }
      const asBob = decodeJwt((await host.call('POST', '/twilio/token', { as: 'bob', body: { identity: 'alice' } })).body.token);
      assert.equal(asBob.payload.grants.identity, 'bob', 'never the identity the request asks for');
    });

    await check('POST /twilio/voice (signed) answers a Dial from the caller id', async () => {
      const answer = await twilioWebhook(host, '/twilio/voice', { From: 'client:alice', To: '+33123456789', CallSid: `CA${hex()}` });
      assert.equal(answer.status, 200);
      assert.match(answer.text, /<Dial answerOnBridge="true" callerId="\+15005550006"><Number>\+33123456789<\/Number><\/Dial>/);
    });

    await check('a signed Twilio status callback is accepted and stores twilio:{CallSid} with the REST API\u2019s details', async () => {
      const callSid = `CA${hex()}`;
      fakeTwilio.calls.set(callSid, {
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
      const answer = await twilioWebhook(host, '/twilio/status', { CallSid: callSid, CallStatus: 'completed', From: 'client:alice', To: '+33123456789', CallDuration: '70', AccountSid: TWILIO.accountSid });
      assert.equal(answer.status, 204, answer.text);
      assert.ok(fakeTwilio.requests.some((request) => request.path === `/2010-04-01/Accounts/${TWILIO.accountSid}/Calls/${callSid}.json` && request.user === TWILIO.apiKeySid), 'asked the REST API with the API key');
      const stored = await host.call('GET', callPath(`twilio:${callSid}`), { as: 'alice' });
      assert.equal(stored.status, 200, 'the browser identity (client:alice) owns it');
      assert.deepEqual(
        [stored.body.id, stored.body.direction, stored.body.status, stored.body.userId, stored.body.durationSec, stored.body.startedAt, stored.body.endedAt],
        [`twilio:${callSid}`, 'outbound', 'completed', 'alice', 72, '2026-01-01T10:00:00.000Z', '2026-01-01T10:01:12.000Z'],
      );
      assert.deepEqual([stored.body.details.twilio.source, stored.body.details.twilio.price, stored.body.details.twilio.callStatus], ['rest-api', '-0.01500', 'completed']);
      // The browser's record then arrives: its fields stay, Twilio's duration is laid over it.
      const browser = callRecord({ callSid, leadId: unique('lead-twilio'), durationSec: 70 });
      assert.equal((await put(host, browser)).status, 200);
      const merged = (await host.call('GET', callPath(browser.id), { as: 'alice' })).body;
      assert.deepEqual([merged.leadId, merged.durationSec, merged.details.twilio.source], [browser.leadId, 72, 'rest-api']);
    });

    await check('a forged Twilio status callback is refused with 403 and stores nothing', async () => {
      const callSid = `CA${hex()}`;
      const fields = { CallSid: callSid, CallStatus: 'completed', From: 'client:alice', To: '+33123456789', CallDuration: '5' };
      const asked = fakeTwilio.requests.length;
      assertError(await twilioWebhook(host, '/twilio/status', fields, `forged-${TWILIO.authToken}`), 403, 'signature-invalid', 'signed with another auth token');
      assertError(await twilioWebhook(host, '/twilio/status', fields, null), 403, 'signature-invalid', 'not signed');
      assert.equal(fakeTwilio.requests.length, asked, 'the REST API was not asked');
      assert.equal((await host.call('GET', callPath(`twilio:${callSid}`), { as: 'root' })).status, 404);
    });

    await check('the Aircall webhook with the right token updates aircall:{id}; a wrong token is refused', async () => {
      const id = Date.now() % 1e9;
      const record = callRecord({ provider: 'aircall', callSid: String(id), leadId: unique('lead-aircall'), durationSec: 75 });
      assert.equal((await put(host, record)).status, 200);
      const forged = await host.call('POST', '/aircall/webhook', { body: { ...aircallEnded(id, { duration: 999 }), token: `${WEBHOOK_TOKEN}x` } });
      assertError(forged, 403, 'webhook-token-invalid', 'a wrong token');
      assertError(await host.call('POST', '/aircall/webhook', { body: { ...aircallEnded(id), token: undefined } }), 403, 'webhook-token-invalid', 'no token');
      assert.equal((await host.call('GET', callPath(record.id), { as: 'alice' })).body.durationSec, 75, 'unchanged by the refused ones');
      const answer = await host.call('POST', '/aircall/webhook', { body: aircallEnded(id) });
      assert.deepEqual([answer.status, answer.body], [200, { received: true, stored: true }]);
      const stored = (await host.call('GET', callPath(record.id), { as: 'alice' })).body;
      assert.deepEqual(
        [stored.leadId, stored.durationSec, stored.recordingUrl, stored.notes, stored.details.aircall.callId, stored.details.aircall.userName],
        [record.leadId, 80, `https://assets.aircall.io/calls/${id}/recording`, 'Wants a call back on Monday', id, 'Alice Martin'],
      );
      assert.ok(!JSON.stringify(stored).includes('alice@example.com'), 'the Aircall user\u2019s e-mail is not copied');
      assert.deepEqual((await host.call('GET', `${callPath(record.id)}/recording`, { as: 'alice' })).body, { url: stored.recordingUrl });
      const otherId = id + 1;
      await host.call('POST', '/aircall/webhook', { body: { ...aircallEnded(otherId), token: 'wrong' } });
      assert.equal((await host.call('GET', callPath(`aircall:${otherId}`), { as: 'root' })).status, 404, 'a refused webhook makes no record');
    });

    await check('the storage contract through createHttpStorage (call-elements/storage/http) over HTTP', async () => {
      // The client sends an Aircall key only over https: or to localhost: the page would be on localhost.
      const loopback = host.base.replace('http://127.0.0.1:', 'http://localhost:');
      const storage = () =>
        createHttpStorage({
          baseUrl: loopback,
          headers: { Authorization: 'Bearer contract' },
          fetch: (url, init) => fetch(String(url).replace('http://localhost:', 'http://127.0.0.1:'), init),
        });
      const checks = storageContract(storage);
      assert.ok(checks.length >= 10, `${checks.length} checks`);
      const failed = [];
      for (const contractCheck of checks) await contractCheck.run().catch((error) => failed.push(`${contractCheck.name}: ${error.message}`));
      assert.deepEqual(failed, [], `${failed.length} of ${checks.length} contract checks failed`);
      notes.push(`${label}: ${checks.length} storage contract checks through createHttpStorage`);
    });

    await check('load: 5,000 PUTs at concurrency 20, then 5,000 records by POST /calls:batch (500 each)', async () => {
      const loadRecord = (leadId, n) => callRecord({ leadId, userId: 'load', requestId: `load-${n}` });
      const putSeconds = await timed(5000, 20, async (n) => {
        const record = loadRecord(loadLead.put, n);
        const response = await fetch(`${host.base}${callPath(record.id)}`, { method: 'PUT', headers: { Authorization: 'Bearer load', 'Content-Type': 'application/json', 'Idempotency-Key': record.id }, body: JSON.stringify(record) });
        const text = await response.text();
        if (response.status !== 200) throw new Error(`PUT ${n}: ${response.status} ${text}`);
      });
      const batchSeconds = await timed(10, 1, async (n) => {
        const items = Array.from({ length: 500 }, (_, index) => loadRecord(loadLead.batch, n * 500 + index));
        const response = await fetch(`${host.base}/calls:batch`, { method: 'POST', headers: { Authorization: 'Bearer load', 'Content-Type': 'application/json' }, body: JSON.stringify({ items }) });
        const { results } = await response.json();
        assert.equal(response.status, 200);
        assert.deepEqual(results.map((result) => result.status), Array(500).fill(200), `batch ${n}`);
        assert.deepEqual(results.map((result) => result.id), items.map((item) => item.id), 'one result per item, in order');
      });
      figures.push({ database: label, putSeconds, batchSeconds });
      const listed = (await host.call('GET', `/calls?leadId=${loadLead.batch}&limit=10000`, { as: 'load' })).body.items;
      assert.equal(listed.length, 500, 'a list holds at most maxList');
    });
  } finally {
    await host.stop();
  }

  await check('no answer carried a secret (every body searched); no log line did either', async () => {
    for (const [what, secret] of Object.entries(SECRETS)) {
      const carrying = answers.filter((text) => text.includes(secret));
      assert.deepEqual(carrying, [], `${what} in ${carrying.length} answers`);
      const logs = logged.filter((entry) => JSON.stringify(entry).includes(secret));
      assert.deepEqual(logs, [], `${what} in the logs`);
    }
    assert.ok(answers.length > 100, `${answers.length} answers searched`);
  });

  if (files) {
    await check('no file of the PGlite data directory holds the API key (the bytes of every file searched)', async () => {
      const all = filesUnder(files);
      assert.ok(all.length > 10, 'PGlite wrote its files');
      const needle = Buffer.from(API_KEY_BODY);
      assert.deepEqual(all.filter((file) => readFileSync(file).includes(needle)), []);
      assert.ok(all.some((file) => readFileSync(file).includes(Buffer.from(same.lead))), 'the search finds a value that was stored');
      notes.push(`${label}: ${all.length} files searched`);
    });
  }

  await check('in the database (server closed): one row per id, every load record, the key only encrypted, migrated once', async () => {
    const db = await inspector();
    const inspect = (sql, params) => db.query(sql, params);
    const count = async (sql, params) => Number((await inspect(sql, params))[0].n);
    try {
    assert.equal(await count('SELECT count(*) AS n FROM call_elements_calls WHERE id = $1', [same.id]), 1, 'the id written 20 times at once');
    assert.equal(await count('SELECT count(*) AS n FROM call_elements_calls WHERE lead_id = $1', [same.lead]), 1);
    assert.equal(await count('SELECT count(*) AS n FROM call_elements_calls WHERE lead_id = $1', [loadLead.put]), 5000, 'the PUTs');
    assert.equal(await count('SELECT count(*) AS n FROM call_elements_calls WHERE lead_id = $1', [loadLead.batch]), 5000, 'the batches');
    const tables = (await inspect(`SELECT table_name AS name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_name LIKE 'call\\_elements\\_%'`)).map((row) => row.name);
    assert.ok(tables.length >= 5, `tables: ${tables}`);
    for (const table of tables) {
      // The table name comes from the catalogue, not from a request.
      assert.equal(await count(`SELECT count(*) AS n FROM "${table}" AS t WHERE t::text LIKE $1`, [`%${API_KEY_BODY}%`]), 0, `the key in ${table}`);
    }
    const sealed = `SELECT count(*) AS n FROM call_elements_aircall_configs WHERE organization_id IN ('org-a', 'org-b') AND api_key_encrypted LIKE 'v1.%'`;
    assert.equal(await count(sealed), 2, 'both saved keys, encrypted');
    assert.equal(await count('SELECT count(*) AS n FROM call_elements_migrations'), 1);
    } finally {
      await db.close();
    }
  });

  await check('a restart on the same database keeps the records, the configuration and its key', async () => {
    host = await startHost(database, fakeTwilio);
    try {
      const listed = (await host.call('GET', `/calls?leadId=${lead}`, { as: 'alice' })).body.items;
      assert.deepEqual(listed.map((item) => [item.id, item.notes]), [[listed[0]?.id, 'second write']]);
      assert.equal((await host.call('GET', `/calls?leadId=${same.lead}`, { as: 'alice' })).body.items.length, 1);
      assert.equal((await host.call('GET', `/calls?leadId=${loadLead.put}&limit=500`, { as: 'load' })).body.items.length, 500);
      assert.deepEqual((await host.call('GET', configPath('org-a'), { as: 'adam' })).body, winner);
      assert.ok((await host.server.aircallApiKey({ organizationId: 'org-a', countryCode: 'FR' }))?.startsWith(API_KEY_BODY), 'the same secretKey opens the key');
      const again = await saveConfig(host, 'org-a', aircallConfig(), winner.version, 'adam');
      assert.equal(again.status, 200, 'If-Match goes on from the saved version');
    } finally {
      await host.stop();
    }
    const db = await inspector();
    try {
      assert.equal(Number((await db.query('SELECT count(*) AS n FROM call_elements_migrations'))[0].n), 1, 'not migrated again');
    } finally {
      await db.close();
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The command line of the package (node_modules/.bin/call-elements-server).

async function checkCli() {
  console.log('\ncall-elements-server (the package\u2019s command line)');
  section = 'command line';
  await check('npx call-elements-server --dev-auth --port 0 --data-dir serves the API', async () => {
    const dataDir = join(WORK, 'cli-data');
    const child = spawn(join('node_modules', '.bin', 'call-elements-server'), ['--dev-auth', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const url = await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner after 30 s: ${output}`)), 30_000);
        const read = (chunk) => {
          output += chunk;
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+\/api)/.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        };
        child.stdout.on('data', read);
        child.stderr.on('data', read);
        child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
      });
      assert.match(output, new RegExp(`PGlite in ${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      assert.equal((await (await fetch(`${url}/`)).json()).server, 'call-elements');
      const record = callRecord({ userId: 'dev' });
      const stored = await fetch(`${url}${callPath(record.id)}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(record) });
      assert.equal(stored.status, 200);
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0, 'stops on SIGTERM');
  });
}

// ---------------------------------------------------------------------------------------------

const fakeTwilio = await startFakeTwilio();
const figures = [];
try {
  const dataDir = join(WORK, 'pglite-data');
  mkdirSync(dataDir, { recursive: true });
  await checkDatabase(
    'PGlite, on disk (database: { dataDir })',
    {
      database: { dataDir },
      files: dataDir,
      async inspector() {
        const db = new PGlite(dataDir);
        await db.waitReady;
        return { query: async (sql, params) => (await db.query(sql, params)).rows, close: () => db.close() };
      },
    },
    fakeTwilio,
    figures,
  );
  if (PG_URL) {
    const instances = () => check('three instances started at once on one new database: each starts, the schema is migrated once', async () => {
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      const name = `host_check_instances_${hex().slice(0, 8)}`;
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      const url = new URL(PG_URL);
      url.pathname = `/${name}`;
      const hosts = await Promise.all([1, 2, 3].map(() => startHost({ url: url.href }, fakeTwilio)));
      try {
        const record = callRecord();
        assert.equal((await put(hosts[0], record)).status, 200);
        assert.deepEqual((await hosts[2].call('GET', callPath(record.id), { as: 'alice' })).body, record, 'one database behind every instance');
      } finally {
        await Promise.all(hosts.map((one) => one.stop()));
      }
      const client = new pg.Client({ connectionString: url.href });
      await client.connect();
      try {
        assert.equal(Number((await client.query('SELECT count(*) AS n FROM call_elements_migrations')).rows[0].n), 1);
      } finally {
        await client.end();
      }
    });
    await checkDatabase(
      'PostgreSQL (database: { url })',
      {
        database: { url: PG_URL },
        first: instances,
        async inspector() {
          const client = new pg.Client({ connectionString: PG_URL });
          await client.connect();
          return { query: async (sql, params) => (await client.query(sql, params)).rows, close: () => client.end() };
        },
      },
      fakeTwilio,
      figures,
    );
  } else {
    notes.push('PostgreSQL: NOT CHECKED (no CHECK_PG_URL)');
  }
  await checkCli();
} finally {
  await fakeTwilio.close();
}

console.log('\nLoad (one process: client and server share it; loopback; printed, not asserted)');
for (const { database, putSeconds, batchSeconds } of figures) {
  const rate = (seconds) => `${Math.round(5000 / seconds)} records/s`;
  console.log(`  ${database}: 5,000 PUTs at concurrency 20 in ${putSeconds.toFixed(1)} s (${rate(putSeconds)}); 5,000 by POST /calls:batch in ${batchSeconds.toFixed(1)} s (${rate(batchSeconds)})`);
}
for (const note of notes) console.log(`  note: ${note}`);
const failed = results.filter((result) => !result.ok);
console.log(`\n${results.length - failed.length} of ${results.length} checks passed${failed.length ? `; failed:\n  - ${failed.map((result) => result.name).join('\n  - ')}` : ''}`);
process.exitCode = failed.length ? 1 : 0;
