import { enabledAircallConfig } from '../helpers/aircall-config.js';
import { expect } from '@open-wc/testing';
import { CallElementsError } from '../../src/internal/errors.js';
import { DEBUG_KEY } from '../../src/internal/debug.js';
import type { CallAction } from '../../src/schema/call-action.js';
import type { CallRecord } from '../../src/schema/call-record.js';
import { storageContract } from '../../src/storage/contract.js';
import { createHttpStorage, type HttpHeadersContext, type HttpStorageOptions } from '../../src/storage/http/index.js';
import { createLazyHttpStorage } from '../../src/storage/http/lazy-http-storage.js';
import { startHttpBackend, type FakeHttpBackend } from '../helpers/http-backend.js';
import type { TestBackend } from '../helpers/backends.js';
import { startCallServerBackend, type CallServerBackend } from '../helpers/call-server.js';
import { until, wait } from '../helpers/manual-provider.js';
import { sampleRecord } from '../helpers/records.js';
import { backendState, pageSetup } from '../helpers/pages.js';
import type { AircallScope } from '../../src/schema/aircall-config.js';

const TOKEN = 'sekret-token-4242';

async function rejection(promise: Promise<unknown>): Promise<CallElementsError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(CallElementsError);
    return error as CallElementsError;
  }
  throw new Error('expected the promise to reject');
}

function throwsSync(body: () => unknown): CallElementsError {
  try {
    body();
  } catch (error) {
    expect(error).to.be.instanceOf(CallElementsError);
    return error as CallElementsError;
  }
  throw new Error('expected a synchronous throw');
}

const action = (overrides: Partial<CallAction> = {}): CallAction => ({
  id: `act-${Math.random().toString(36).slice(2)}`,
  type: 'note',
  leadId: 'lead-42',
  notes: 'Rappeler lundi',
  at: '2026-01-01T10:00:00.000Z',
  ...overrides,
});

describe('http storage', () => {
  let backend: FakeHttpBackend;
  const storage = (options: Partial<HttpStorageOptions> = {}) => createHttpStorage({ baseUrl: backend.baseUrl, ...options });

  before(async () => {
    backend = await startHttpBackend();
  });
  beforeEach(() => backend.reset());

  // The same checks against the fake on msw and against call-elements/server (in-memory PGlite, behind
  // the test runner's proxy): each check resets its backend first (a new space on the server).
  const contractBackends: { label: string; backend: () => TestBackend }[] = [
    { label: 'the fake backend on msw', backend: () => backend },
    { label: 'call-elements/server', backend: () => server },
  ];
  let server: CallServerBackend;
  before(async () => {
    server = await startCallServerBackend();
  });
  after(() => server.close());

  for (const { label, backend: target } of contractBackends) {
    describe(`storage contract: http, against ${label}`, () => {
      for (const check of storageContract(async () => {
        await target().reset();
        return createHttpStorage({ baseUrl: target().baseUrl });
      })) {
        it(check.name, check.run);
      }
    });

    describe(`storage contract: http, downloaded on first use (createLazyHttpStorage), against ${label}`, () => {
      for (const check of storageContract(async () => {
        await target().reset();
        return createLazyHttpStorage({ baseUrl: target().baseUrl, headers: async () => ({ Authorization: `Bearer ${TOKEN}` }) });
      })) {
        it(check.name, check.run);
      }
    });
  }

  describe('createLazyHttpStorage', () => {
    it('checks its options at once, as createHttpStorage does', () => {
      for (const options of [{ baseUrl: 'ftp://calls.backend.test' }, { baseUrl: '/api', timeoutMs: 0 }, { baseUrl: '/api', fetch: 'no' }]) {
        const error = throwsSync(() => createLazyHttpStorage(options as unknown as HttpStorageOptions));
        expect(error.code, JSON.stringify(options)).to.equal('invalid-options');
      }
      expect(createLazyHttpStorage('/api/v1/').baseUrl).to.equal(`${location.origin}/api/v1`);
    });

    it('sends with the given headers and fetch once loaded; before any use, the unload path sends nothing', async () => {
      const seen: string[] = [];
      const lazy = createLazyHttpStorage({
        baseUrl: backend.baseUrl,
        headers: { Authorization: `Bearer ${TOKEN}` },
        fetch: (input, init) => (seen.push(String(input)), fetch(input, init)),
      });
      const record = sampleRecord();
      expect(lazy.saveCallsOnUnload([record])).to.deep.equal([]);
      await lazy.saveCall(record);
      expect(seen).to.deep.equal([`${backend.baseUrl}/calls/${encodeURIComponent(record.id)}`]);
      expect(backend.requests.at(-1)!.authorization).to.equal(`Bearer ${TOKEN}`);
      expect((await lazy.listCalls()).map((r) => r.id)).to.deep.equal([record.id]);
    });
  });

  describe('saveCalls (POST /calls:batch)', () => {
    let batching: FakeHttpBackend;
    before(async () => {
      batching = await startHttpBackend({ baseUrl: 'https://batch.backend.test/api', batch: { maxBatch: 3 } });
    });
    beforeEach(() => batching.reset());

    it('reads the capabilities once, then sends the records in batches of at most maxBatch, one result per record', async () => {
      const http = createHttpStorage({ baseUrl: batching.baseUrl, headers: { Authorization: `Bearer ${TOKEN}` } });
      const records = Array.from({ length: 5 }, () => sampleRecord());
      const results = await http.saveCalls(records);
      expect(results).to.deep.equal(records.map((record) => ({ id: record.id })));
      await http.saveCalls([sampleRecord(), sampleRecord()]);
      expect(batching.requests.map((request) => `${request.method} ${request.path}`)).to.deep.equal(['GET /', 'POST /calls:batch', 'POST /calls:batch', 'POST /calls:batch']);
      const [, first, second] = batching.requests;
      expect((first!.body as { items: CallRecord[] }).items).to.deep.equal(records.slice(0, 3));
      expect((second!.body as { items: CallRecord[] }).items).to.deep.equal(records.slice(3));
      expect(first!.authorization).to.equal(`Bearer ${TOKEN}`);
      expect(batching.calls.size).to.equal(7);
    });

    it('gives each refused record its own error, as its PUT would have; an invalid record is not sent', async () => {
      const http = createHttpStorage({ baseUrl: batching.baseUrl });
      const [good, refused] = [sampleRecord(), sampleRecord()];
      batching.failNext(1, { status: 403, body: { message: 'not your call' } }, { recordId: refused.id });
      const results = await http.saveCalls([good, refused, { ...sampleRecord(), to: 'nope' }]);
      expect(results[0]).to.deep.equal({ id: good.id });
      expect(results[1]!.error).to.include({ code: 'storage-rejected', permanent: true, status: 403 });
      expect(String(results[1]!.error!.params.detail)).to.contain('not your call');
      expect(results[2]!.error).to.include({ code: 'invalid-record', permanent: true });
      expect((batching.requestsTo('POST', '/calls:batch')[0]!.body as { items: unknown[] }).items).to.have.length(2);
      expect([...batching.calls.keys()]).to.deep.equal([good.id]);
    });

    it('a server without the batch route: not-supported (permanent), asked once', async () => {
      const http = storage();
      for (let i = 0; i < 2; i += 1) {
        const error = await rejection(http.saveCalls([sampleRecord(), sampleRecord()]));
        expect(error).to.include({ code: 'not-supported', permanent: true });
      }
      expect(backend.requests.map((request) => `${request.method} ${request.path}`)).to.deep.equal(['GET /']);
      expect(backend.calls.size).to.equal(0);
    });

    it('capabilities that cannot be read now (500, network): a transient failure, asked again next time', async () => {
      const http = createHttpStorage({ baseUrl: batching.baseUrl });
      batching.failNext(1, { status: 500, body: { message: 'starting' } }, { method: 'GET', pathPrefix: '/' });
      const error = await rejection(http.saveCalls([sampleRecord(), sampleRecord()]));
      expect(error).to.include({ code: 'storage-failed', permanent: false, status: 500 });
      batching.networkErrorNext(1, { method: 'POST' });
      expect((await rejection(http.saveCalls([sampleRecord(), sampleRecord()]))).permanent).to.equal(false);
      await http.saveCalls([sampleRecord(), sampleRecord()]);
      expect(batching.requestsTo('GET', '/').length).to.equal(2);
      expect(batching.calls.size).to.equal(2);
    });

    it('a batch refused as a whole (413): its records go one PUT each, each with its own verdict', async () => {
      const http = createHttpStorage({ baseUrl: batching.baseUrl });
      const records = [sampleRecord(), sampleRecord()];
      batching.failNext(1, { status: 413, body: { message: 'too large' } }, { method: 'POST' });
      batching.failNext(1, { status: 422, body: { message: 'bad lead' } }, { recordId: records[1]!.id });
      const results = await http.saveCalls(records);
      expect(results[0]).to.deep.equal({ id: records[0]!.id });
      expect(results[1]!.error).to.include({ code: 'storage-rejected', status: 422 });
      expect(batching.requestsTo('PUT', '/calls/').map((request) => request.path)).to.deep.equal(records.map((record) => `/calls/${encodeURIComponent(record.id)}`));
    });

    it('an answer that does not give one result per record is a transient failure', async () => {
      const http = createHttpStorage({ baseUrl: batching.baseUrl });
      batching.failNext(1, { status: 200, body: { results: [{ id: 'someone-else', status: 200 }] } }, { method: 'POST' });
      const error = await rejection(http.saveCalls([sampleRecord(), sampleRecord()]));
      expect(error).to.include({ code: 'storage-failed', permanent: false });
    });

    it('against call-elements/server: stored, refused for tenancy on its own, and read back', async () => {
      await server.reset();
      const http = createHttpStorage({ baseUrl: server.baseUrl });
      const records = [sampleRecord(), sampleRecord(), sampleRecord()];
      await server.failNext(1, { status: 403, body: { message: 'not yours' } }, { recordId: records[1]!.id });
      const results = await http.saveCalls(records);
      expect(results.map((result) => result.error?.status)).to.deep.equal([undefined, 403, undefined]);
      const { calls, requests } = await server.snapshot();
      expect([...calls.keys()].sort()).to.deep.equal([records[0]!.id, records[2]!.id].sort());
      expect(requests.map((request) => `${request.method} ${request.path}`)).to.deep.equal(['GET /', 'POST /calls:batch']);
      expect((await http.listCalls({ leadId: 'lead-42' })).length).to.equal(2);
    });
  });

  describe('saveCall', () => {
    it('PUTs the record as JSON to /calls/{encoded id} with Idempotency-Key = id', async () => {
      const record = sampleRecord({ notes: 'Appel « suivi » ✓' });
      await storage().saveCall(record);
      expect(backend.requests).to.have.length(1);
      const [sent] = backend.requests;
      expect(sent!.method).to.equal('PUT');
      expect(sent!.path).to.equal(`/calls/${encodeURIComponent(record.id)}`);
      expect(sent!.path).to.contain('%3A');
      expect(sent!.idempotencyKey).to.equal(record.id);
      expect(sent!.contentType).to.equal('application/json');
      expect(sent!.body).to.deep.equal(record);
      expect(backend.calls.get(record.id)).to.deep.equal(record);
    });

    it('refuses an invalid record with a permanent invalid-record error and sends nothing', async () => {
      const error = await rejection(storage().saveCall({ ...sampleRecord(), to: '0612345678' }));
      expect(error.code).to.equal('invalid-record');
      expect(error.permanent).to.equal(true);
      expect(backend.requests).to.have.length(0);
    });

    it('normalises trailing slashes of the base URL', async () => {
      const record = sampleRecord();
      const http = createHttpStorage({ baseUrl: `${backend.baseUrl}///` });
      expect(http.baseUrl).to.equal(backend.baseUrl);
      await http.saveCall(record);
      expect(backend.requests[0]!.path).to.equal(`/calls/${encodeURIComponent(record.id)}`);
    });

    it('looks up the global fetch at call time, and uses the fetch option when given', async () => {
      const http = storage();
      const original = globalThis.fetch;
      let seen = 0;
      globalThis.fetch = (input, init) => {
        seen += 1;
        return original(input, init);
      };
      try {
        await http.saveCall(sampleRecord());
      } finally {
        globalThis.fetch = original;
      }
      expect(seen).to.equal(1);

      const urls: string[] = [];
      const custom = storage({
        fetch: (input, init) => {
          urls.push(String(input));
          return original(input, init);
        },
      });
      const record = sampleRecord();
      await custom.saveCall(record);
      expect(urls).to.deep.equal([`${backend.baseUrl}/calls/${encodeURIComponent(record.id)}`]);
      expect(backend.calls.has(record.id)).to.equal(true);
    });
  });

  describe('headers', () => {
    it('sends an object of headers on every request, without letting it replace the idempotency key', async () => {
      const record = sampleRecord();
      const http = storage({ headers: { Authorization: `Bearer ${TOKEN}`, 'X-Tenant': 'acme', 'Idempotency-Key': 'forged' } });
      await http.saveCall(record);
      await http.listCalls();
      expect(backend.requests.map((r) => r.authorization)).to.deep.equal([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
      expect(backend.requests[0]!.idempotencyKey).to.equal(record.id);
    });

    it('asks a synchronous headers function before every request', async () => {
      const contexts: HttpHeadersContext[] = [];
      let n = 0;
      const http = storage({
        headers: (context) => {
          contexts.push(context);
          n += 1;
          return { Authorization: `Bearer token-${n}` };
        },
      });
      await http.saveCall(sampleRecord());
      await http.saveCall(sampleRecord());
      expect(contexts).to.deep.equal([{ refresh: false }, { refresh: false }]);
      expect(backend.requests.map((r) => r.authorization)).to.deep.equal(['Bearer token-1', 'Bearer token-2']);
    });

    it('waits for an async headers function', async () => {
      backend.requireToken(TOKEN);
      const http = storage({
        headers: async () => {
          await wait(10);
          return { Authorization: `Bearer ${TOKEN}` };
        },
      });
      const record = sampleRecord();
      await http.saveCall(record);
      expect(backend.calls.has(record.id)).to.equal(true);
    });

    it('401 → asks the function again with { refresh: true } and retries once with the new token', async () => {
      backend.requireToken('fresh-token-2');
      const contexts: HttpHeadersContext[] = [];
      const http = storage({
        headers: async (context) => {
          contexts.push(context);
          return { Authorization: `Bearer ${context.refresh ? 'fresh-token-2' : 'stale-token-1'}` };
        },
      });
      const record = sampleRecord();
      await http.saveCall(record);
      expect(contexts).to.deep.equal([{ refresh: false }, { refresh: true }]);
      expect(backend.requests.map((r) => [r.authorization, r.outcome, r.idempotencyKey])).to.deep.equal([
        ['Bearer stale-token-1', '401', record.id],
        ['Bearer fresh-token-2', 'stored', record.id],
      ]);
      expect(backend.stats.uniqueCalls).to.equal(1);
    });

    it('401 twice → transient storage-unauthorized with status 401, after exactly one retry', async () => {
      backend.requireToken('the-real-token');
      const contexts: HttpHeadersContext[] = [];
      const http = storage({
        headers: (context) => {
          contexts.push(context);
          return { Authorization: `Bearer ${TOKEN}` };
        },
      });
      const error = await rejection(http.saveCall(sampleRecord()));
      expect(error.code).to.equal('storage-unauthorized');
      expect(error.permanent).to.equal(false);
      expect(error.status).to.equal(401);
      expect(contexts).to.deep.equal([{ refresh: false }, { refresh: true }]);
      expect(backend.requests).to.have.length(2);
      expect(backend.stats.uniqueCalls).to.equal(0);
    });

    it('concurrent 401s share one refresh', async () => {
      backend.requireToken('fresh');
      let refreshes = 0;
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const http = storage({
        headers: async ({ refresh }) => {
          if (!refresh) return { Authorization: 'Bearer stale' };
          refreshes += 1;
          await gate;
          return { Authorization: 'Bearer fresh' };
        },
      });
      const records = [sampleRecord(), sampleRecord(), sampleRecord()];
      const ids = records.map((record) => record.id);
      const saves = records.map((record) => http.saveCall(record));
      // Only this test's requests: an earlier test's late answer must not open the gate early.
      await until(() => backend.requests.filter((r) => r.outcome === '401' && ids.includes((r.body as { id?: string } | undefined)?.id ?? '')).length === 3, 'three 401s');
      await wait(20);
      release();
      await Promise.all(saves);
      expect(refreshes).to.equal(1);
      expect(backend.stats.uniqueCalls).to.equal(3);
    });

    it('a headers function that throws → transient storage-unauthorized, nothing sent', async () => {
      const http = storage({
        headers: () => {
          throw new Error(`refresh failed for ${TOKEN}`);
        },
      });
      const error = await rejection(http.saveCall(sampleRecord()));
      expect(error.code).to.equal('storage-unauthorized');
      expect(error.permanent).to.equal(false);
      expect(error.message).not.to.contain(TOKEN);
      expect(backend.requests).to.have.length(0);

      const rejecting = storage({ headers: () => Promise.reject(new Error('offline')) });
      expect((await rejection(rejecting.listCalls())).code).to.equal('storage-unauthorized');
      expect(backend.requests).to.have.length(0);
    });
  });

  describe('error mapping', () => {
    for (const status of [500, 502, 503, 408, 409, 425, 429]) {
      it(`${status} → transient storage-failed with the status`, async () => {
        backend.failNext(1, { status, body: { message: 'try later' } });
        const error = await rejection(storage().saveCall(sampleRecord()));
        expect(error.code).to.equal('storage-failed');
        expect(error.permanent).to.equal(false);
        expect(error.status).to.equal(status);
        expect(error.retryAfterMs).to.equal(undefined);
        expect(backend.stats.uniqueCalls).to.equal(0);
      });
    }

    it('honours Retry-After in delta-seconds (429, Retry-After: 3 → 3000 ms)', async () => {
      backend.failNext(1, { status: 429, headers: { 'Retry-After': '3' } });
      const error = await rejection(storage().saveCall(sampleRecord()));
      expect(error.code).to.equal('storage-failed');
      expect(error.retryAfterMs).to.equal(3000);
    });

    it('honours Retry-After as an HTTP-date and ignores garbage', async () => {
      const at = new Date(Date.now() + 60_000).toUTCString();
      backend.failNext(1, { status: 503, headers: { 'Retry-After': at } });
      const dated = await rejection(storage().saveCall(sampleRecord()));
      expect(dated.retryAfterMs).to.be.within(50_000, 60_000);

      backend.failNext(1, { status: 503, headers: { 'Retry-After': '3 apples' } });
      const garbage = await rejection(storage().saveCall(sampleRecord()));
      expect(garbage.code).to.equal('storage-failed');
      expect(garbage.retryAfterMs).to.equal(undefined);

      backend.failNext(1, { status: 503, headers: { 'Retry-After': new Date(Date.now() - 60_000).toUTCString() } });
      expect((await rejection(storage().saveCall(sampleRecord()))).retryAfterMs).to.equal(0);
    });

    for (const status of [400, 403, 422]) {
      it(`${status} → permanent storage-rejected with the server's message`, async () => {
        backend.failNext(1, { status, body: { message: 'leadId is unknown to this tenant' } });
        const error = await rejection(storage().saveCall(sampleRecord()));
        expect(error.code).to.equal('storage-rejected');
        expect(error.permanent).to.equal(true);
        expect(error.status).to.equal(status);
        expect(error.message).to.contain('leadId is unknown to this tenant');
      });
    }

    it('takes the detail from an "error" field, or from a text body, truncated', async () => {
      backend.failNext(1, { status: 400, body: { error: 'bad_request' } });
      expect((await rejection(storage().saveCall(sampleRecord()))).message).to.contain('bad_request');

      backend.failNext(1, { status: 400, body: `<html>${'x'.repeat(5000)}</html>`, headers: { 'Content-Type': 'text/html' } });
      const long = await rejection(storage().saveCall(sampleRecord()));
      expect(long.message).to.contain('<html>xxx');
      expect(String(long.params.detail).length).to.be.at.most(220);
    });

    it('a 2xx whose body is not JSON (a proxy or a single-page app answering 200 HTML) is not "stored": transient', async () => {
      backend.failNext(1, { status: 200, body: '<!doctype html><html><body>App</body></html>', headers: { 'Content-Type': 'text/html' } });
      const error = await rejection(storage().saveCall(sampleRecord()));
      expect(error.code).to.equal('storage-failed');
      expect(error.permanent).to.equal(false);
      expect(error.status).to.equal(200);
      expect(error.message).to.contain('HTTP 200 with a body that is not JSON (text/html)');
      // The contract's answers: 204 without a body, or any JSON body.
      await storage().saveCall(sampleRecord());
      backend.failNext(1, { status: 200, body: { ok: true } });
      await storage().saveCall(sampleRecord());
    });

    it('the real server validation reaches the host as storage-rejected (422)', async () => {
      const record = sampleRecord();
      const http = storage({ fetch: (input, init) => globalThis.fetch(input, { ...init, body: JSON.stringify({ ...record, status: 'weird' }) }) });
      const error = await rejection(http.saveCall(record));
      expect(error.code).to.equal('storage-rejected');
      expect(error.status).to.equal(422);
      expect(error.message).to.contain('status');
    });

    it('network error → transient storage-failed without status', async () => {
      backend.networkErrorNext(1);
      const error = await rejection(storage().saveCall(sampleRecord()));
      expect(error.code).to.equal('storage-failed');
      expect(error.permanent).to.equal(false);
      expect(error.status).to.equal(undefined);

      backend.outage(true);
      expect((await rejection(storage().listCalls())).code).to.equal('storage-failed');
      backend.outage(false);
      expect(await storage().listCalls()).to.deep.equal([]);
    });

    it('timeout → transient storage-failed (the request is aborted)', async () => {
      backend.delayNext(1, 1500);
      const error = await rejection(storage({ timeoutMs: 100 }).saveCall(sampleRecord()));
      expect(error.code).to.equal('storage-failed');
      expect(error.permanent).to.equal(false);
      expect(error.message).to.contain('no answer within 100 ms');
    });

    it('dispose aborts the requests in flight with a transient error', async () => {
      backend.delayNext(1, 1500);
      const http = storage();
      const pending = http.saveCall(sampleRecord());
      await until(() => backend.requests.length === 1, 'the request to arrive');
      http.dispose();
      const error = await rejection(pending);
      expect(error.code).to.equal('storage-failed');
      expect(error.permanent).to.equal(false);
    });

    it('response lost after commit, then a retry with the same key → one record', async () => {
      const record = sampleRecord();
      const http = storage();
      backend.dropResponseAfterCommit(1);
      const lost = await rejection(http.saveCall(record));
      expect(lost.code).to.equal('storage-failed');
      expect(lost.permanent).to.equal(false);
      expect(backend.calls.has(record.id)).to.equal(true);
      await http.saveCall(record);
      expect(backend.requests.map((r) => r.idempotencyKey)).to.deep.equal([record.id, record.id]);
      expect(backend.stats).to.include({ callPuts: 2, uniqueCalls: 1, callRetries: 1, duplicates: 0 });
      expect(await http.listCalls({ leadId: record.leadId })).to.have.length(1);
    });

    it('the duplicates counter catches a server without a unique key (why the contract requires one)', async () => {
      const naive = await startHttpBackend({ baseUrl: 'https://naive.backend.test/api', uniqueKey: false });
      try {
        const record = sampleRecord();
        const http = createHttpStorage({ baseUrl: naive.baseUrl });
        naive.dropResponseAfterCommit(1);
        await rejection(http.saveCall(record));
        await http.saveCall(record);
        expect(naive.stats).to.include({ uniqueCalls: 1, duplicates: 1 });
        expect(await http.listCalls()).to.have.length(2);
      } finally {
        naive.close();
      }
    });

    it('error messages never contain the bearer token, even when the server echoes it', async () => {
      const headers = { Authorization: `Bearer ${TOKEN}` };
      const errors: CallElementsError[] = [];
      backend.failNext(1, { status: 400, body: { message: `token ${TOKEN} is not allowed here` } });
      errors.push(await rejection(storage({ headers }).saveCall(sampleRecord())));
      backend.failNext(1, { status: 503, body: `upstream rejected Bearer ${TOKEN}` });
      errors.push(await rejection(storage({ headers }).saveCall(sampleRecord())));
      backend.requireToken('other');
      errors.push(await rejection(storage({ headers }).saveCall(sampleRecord())));
      backend.requireToken(undefined);
      backend.networkErrorNext(1);
      errors.push(await rejection(storage({ headers: async () => headers }).logAction(action())));
      expect(errors.map((e) => e.code)).to.deep.equal(['storage-rejected', 'storage-failed', 'storage-unauthorized', 'storage-failed']);
      for (const error of errors) {
        expect(error.message).not.to.contain(TOKEN);
        expect(JSON.stringify(error)).not.to.contain(TOKEN);
        expect(JSON.stringify(error.params)).not.to.contain(TOKEN);
        expect(error.localizedMessage('fr')).not.to.contain(TOKEN);
      }
      expect(errors[0]!.message).to.contain('is not allowed here');
    });
  });

  describe('listCalls', () => {
    const seed = (): CallRecord[] => {
      const records = [
        sampleRecord({ leadId: 'L1', requestId: 'R1', agentId: 'A1', startedAt: '2026-01-01T09:00:00.000Z', answeredAt: '2026-01-01T09:00:05.000Z' }),
        sampleRecord({ leadId: 'L1', requestId: 'R2', agentId: 'A2', startedAt: '2026-01-01T10:00:00.000Z' }),
        sampleRecord({ leadId: 'L2', requestId: 'R1', agentId: 'A1' }),
      ];
      backend.seedCalls(...records);
      return records;
    };

    it('sends only the given parameters in the query string', async () => {
      const http = storage();
      await http.listCalls();
      await http.listCalls({ leadId: 'L 1', agentId: 'A&1', limit: 5 });
      await http.listCalls({ requestId: 'R1' });
      expect(backend.requests.map((r) => [r.method, r.path, r.search])).to.deep.equal([
        ['GET', '/calls', ''],
        ['GET', '/calls', 'leadId=L+1&agentId=A%261&limit=5'],
        ['GET', '/calls', 'requestId=R1'],
      ]);
    });

    it('returns what the server filtered, newest first, limited', async () => {
      const [older, newer, other] = seed();
      const http = storage();
      expect((await http.listCalls({ leadId: 'L1' })).map((r) => r.id)).to.deep.equal([newer!.id, older!.id]);
      expect((await http.listCalls({ requestId: 'R1', agentId: 'A1' })).map((r) => r.id).sort()).to.deep.equal([older!.id, other!.id].sort());
      expect(await http.listCalls({ leadId: 'L1', limit: 1 })).to.deep.equal([newer]);
    });

    it('skips invalid items (and says so in the debug log) instead of failing the list', async () => {
      const good = sampleRecord({ leadId: 'L9' });
      backend.seedCalls(good, { id: 'broken', leadId: 'L9' }, { ...sampleRecord({ leadId: 'L9' }), to: 'not-a-number' });
      const logged: unknown[] = [];
      const info = console.info;
      localStorage.setItem(DEBUG_KEY, 'true');
      console.info = (...args: unknown[]) => logged.push(args[1]);
      let items: CallRecord[];
      try {
        items = await storage().listCalls({ leadId: 'L9' });
      } finally {
        console.info = info;
        localStorage.removeItem(DEBUG_KEY);
      }
      expect(items).to.deep.equal([good]);
      const skipped = logged.filter((entry) => (entry as { event?: string }).event === 'invalid-item-skipped');
      expect(skipped).to.have.length(2);
      expect(skipped.map((entry) => (entry as { id?: unknown }).id)).to.include('broken');
    });

    it('a body without an items array, or not JSON, is a transient failure', async () => {
      backend.failNext(1, { status: 200, body: { calls: [] } });
      expect((await rejection(storage().listCalls())).code).to.equal('storage-failed');
      backend.failNext(1, { status: 200, body: '<html>login</html>' });
      const error = await rejection(storage().listCalls());
      expect(error.code).to.equal('storage-failed');
      expect(error.permanent).to.equal(false);
    });

    it('maps errors like saveCall (503 transient with Retry-After, 403 permanent)', async () => {
      backend.failNext(1, { status: 503, headers: { 'Retry-After': '7' } });
      const busy = await rejection(storage().listCalls());
      expect([busy.code, busy.permanent, busy.retryAfterMs]).to.deep.equal(['storage-failed', false, 7000]);
      backend.failNext(1, { status: 403, body: { message: 'role agent cannot list calls' } });
      const forbidden = await rejection(storage().listCalls());
      expect([forbidden.code, forbidden.permanent, forbidden.status]).to.deep.equal(['storage-rejected', true, 403]);
    });
  });

  describe('logAction', () => {
    it('PUTs the action to /actions/{id} with Idempotency-Key, idempotently', async () => {
      const entry = action({ id: 'act:1 é' });
      const http = storage();
      await http.logAction(entry);
      await http.logAction(entry);
      const [first] = backend.requests;
      expect(first!.method).to.equal('PUT');
      expect(first!.path).to.equal(`/actions/${encodeURIComponent('act:1 é')}`);
      expect(first!.idempotencyKey).to.equal(encodeURIComponent('act:1 é'));
      expect(first!.body).to.deep.equal(entry);
      expect(backend.stats).to.include({ actionPuts: 2, uniqueActions: 1, actionRetries: 1 });
      expect(backend.actions.get('act:1 é')).to.deep.equal(entry);
    });

    it('validates first (permanent invalid-record, nothing sent) and maps errors', async () => {
      const invalid = await rejection(storage().logAction({ ...action(), type: 'dance' } as unknown as CallAction));
      expect([invalid.code, invalid.permanent]).to.deep.equal(['invalid-record', true]);
      expect(backend.requests).to.have.length(0);
      backend.failNext(1, { status: 500 });
      const failed = await rejection(storage().logAction(action()));
      expect([failed.code, failed.permanent, failed.status]).to.deep.equal(['storage-failed', false, 500]);
    });
  });

  describe('listActions', () => {
    it('GETs /actions with only the given parameters (leadId, requestId, callId, limit)', async () => {
      const http = storage();
      await http.listActions();
      await http.listActions({ leadId: 'L 1', callId: 'demo:CA&1', limit: 3.7 });
      await http.listActions({ requestId: 'R1' });
      expect(backend.requests.map((r) => [r.method, r.path, r.search])).to.deep.equal([
        ['GET', '/actions', ''],
        ['GET', '/actions', 'leadId=L+1&callId=demo%3ACA%261&limit=3'],
        ['GET', '/actions', 'requestId=R1'],
      ]);
    });

    it('returns the valid items, skips invalid ones, and maps errors like listCalls', async () => {
      const http = storage();
      const good = action({ id: 'act-good', leadId: 'L5' });
      await http.logAction(good);
      expect(await http.listActions({ leadId: 'L5' })).to.deep.equal([good]);
      backend.failNext(1, { status: 200, body: { items: [good, { id: 'act-bad', type: 'dance', leadId: 'L5' }] } });
      expect(await http.listActions({ leadId: 'L5' })).to.deep.equal([good]);
      backend.failNext(1, { status: 200, body: { actions: [] } });
      const shapeless = await rejection(http.listActions());
      expect([shapeless.code, shapeless.permanent]).to.deep.equal(['storage-failed', false]);
      backend.failNext(1, { status: 503, headers: { 'Retry-After': '4' } });
      const busy = await rejection(http.listActions());
      expect([busy.code, busy.permanent, busy.retryAfterMs]).to.deep.equal(['storage-failed', false, 4000]);
      backend.failNext(1, { status: 403, body: { message: 'role agent cannot list actions' } });
      const forbidden = await rejection(http.listActions());
      expect([forbidden.code, forbidden.permanent, forbidden.status]).to.deep.equal(['storage-rejected', true, 403]);
    });
  });

  describe('getRecordingUrl', () => {
    it('returns the http(s) URL the server has, undefined on 404', async () => {
      const record = sampleRecord();
      backend.recordings.set(record.id, 'https://recordings.example/abc.mp3');
      const http = storage();
      expect(await http.getRecordingUrl(record.id)).to.equal('https://recordings.example/abc.mp3');
      expect(backend.requests[0]!.path).to.equal(`/calls/${encodeURIComponent(record.id)}/recording`);
      expect(backend.requests[0]!.method).to.equal('GET');
      expect(await http.getRecordingUrl('demo:unknown')).to.equal(undefined);
    });

    it('refuses a URL that is not http(s)', async () => {
      backend.recordings.set('demo:x', 'javascript:alert(1)');
      backend.recordings.set('demo:y', 'data:text/html,<script>alert(1)</script>');
      backend.recordings.set('demo:z', 'not a url');
      const http = storage();
      expect(await http.getRecordingUrl('demo:x')).to.equal(undefined);
      expect(await http.getRecordingUrl('demo:y')).to.equal(undefined);
      expect(await http.getRecordingUrl('demo:z')).to.equal(undefined);
    });

    it('maps other errors', async () => {
      backend.failNext(1, { status: 502 });
      expect((await rejection(storage().getRecordingUrl('demo:x'))).code).to.equal('storage-failed');
      backend.failNext(1, { status: 400, body: { message: 'bad id' } });
      const rejected = await rejection(storage().getRecordingUrl('demo:x'));
      expect([rejected.code, rejected.permanent]).to.deep.equal(['storage-rejected', true]);
    });
  });

  describe('saveCallsOnUnload', () => {
    const bigNote = 'é'.repeat(5000);
    // Requests a page sends as it goes away (keepalive) go to the dev server's test backend: a service
    // worker does not see them in every engine, and this is the real network path anyway.
    let space: string;
    let keepalive: boolean[];
    const unloadStorage = (options: Partial<HttpStorageOptions> = {}) =>
      createHttpStorage({
        baseUrl: `/__backend/${space}`,
        fetch: (input, init) => {
          keepalive.push(!!init?.keepalive);
          return globalThis.fetch(input, init);
        },
        ...options,
      });
    beforeEach(() => {
      space = pageSetup().space;
      keepalive = [];
    });

    it('hands the browser only what fits in the 64 KiB keepalive budget, with keepalive', async () => {
      const records = Array.from({ length: 30 }, () => sampleRecord({ notes: bigNote }));
      const size = new TextEncoder().encode(JSON.stringify(records[0])).byteLength;
      const fit = Math.floor(65_536 / size);
      const ids = unloadStorage().saveCallsOnUnload(records);
      expect(Array.isArray(ids)).to.equal(true);
      expect(ids.length).to.be.within(1, fit);
      expect(ids.length).to.be.at.least(fit - 1);
      expect(ids).to.deep.equal(records.slice(0, ids.length).map((r) => r.id));
      const total = records.slice(0, ids.length).reduce((sum, r) => sum + new TextEncoder().encode(JSON.stringify(r)).byteLength, 0);
      expect(total).to.be.at.most(65_536);
      await until(async () => Object.keys((await backendState(space)).calls).length === ids.length, 'the unload requests');
      await wait(100);
      const state = await backendState(space);
      expect(Object.keys(state.calls)).to.have.members(ids);
      expect(state.requests.every((r) => r.method === 'PUT' && r.idempotencyKey === r.id)).to.equal(true);
      expect(keepalive).to.deep.equal(ids.map(() => true));
    });

    it('skips a record too big for what is left and sends smaller ones after it', async () => {
      const huge = sampleRecord({ notes: '€'.repeat(20_000) });
      const small = sampleRecord();
      const ids = unloadStorage().saveCallsOnUnload([sampleRecord({ notes: bigNote }), huge, small]);
      expect(ids).to.have.length(2);
      expect(ids).not.to.include(huge.id);
      expect(ids[1]).to.equal(small.id);
      await until(async () => Object.keys((await backendState(space)).calls).length === 2, 'two records');
    });

    it('uses the last headers the function resolved, or none before the first', async () => {
      const fn = async () => ({ Authorization: `Bearer ${TOKEN}` });
      const http = unloadStorage({ headers: fn });
      const before = sampleRecord();
      expect(http.saveCallsOnUnload([before])).to.deep.equal([before.id]);
      await until(async () => (await backendState(space)).calls[before.id], 'the first unload save');
      expect((await backendState(space)).requests[0]!.authorization).to.equal(null);

      await http.listCalls();
      const after = sampleRecord();
      http.saveCallsOnUnload([after]);
      await until(async () => (await backendState(space)).calls[after.id], 'the second unload save');
      expect((await backendState(space)).requests.at(-1)!.authorization).to.equal(`Bearer ${TOKEN}`);
      expect(keepalive.at(-1)).to.equal(true);
    });

    it('never throws: skips invalid records, survives a throwing or rejecting fetch', async () => {
      const valid = sampleRecord();
      const sent: Promise<Response>[] = [];
      const watched = storage({ fetch: (input, init) => (sent.push(fetch(input, init)), sent.at(-1)!) });
      expect(watched.saveCallsOnUnload([{ ...sampleRecord(), to: 'x' }, valid])).to.deep.equal([valid.id]);
      const throwing = storage({
        fetch: () => {
          throw new TypeError('keepalive quota exceeded');
        },
      });
      expect(throwing.saveCallsOnUnload([sampleRecord()])).to.deep.equal([]);
      const rejecting = storage({ fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
      const record = sampleRecord();
      expect(rejecting.saveCallsOnUnload([record])).to.deep.equal([record.id]);
      // The one request that leaves must be answered before the next test resets the backend (a loaded WebKit
      // delivered it late, into the next test's requests).
      expect(sent).to.have.length(1);
      await Promise.allSettled(sent);
    });
  });

  describe('Aircall configuration', () => {
    const KEY = 'aircall-live-key-QWERTY-7788';
    const scope: AircallScope = { organizationId: 'org/ä 1', countryCode: 'FR' };
    const encodedPath = `/organizations/${encodeURIComponent('org/ä 1')}/aircall-config/FR`;
    const config = enabledAircallConfig;
    /** Every place a request could carry the key where it must not: URL, path, query. */
    const urlsOf = () => backend.requests.map((r) => r.url).join('\n');

    it('GET and PUT the encoded config path; the PUT has If-Match and the key in the body only', async () => {
      const http = storage({ headers: { Authorization: `Bearer ${TOKEN}` } });
      expect(await http.getConfig(scope)).to.equal(undefined);
      const saved = await http.saveConfig(scope, config({ apiKey: KEY }), { expectedVersion: 0, updatedBy: 'admin-1' });
      expect(saved).to.not.have.property('apiKey');
      expect(saved).to.include({ apiKeySet: true, apiKeyLast4: '7788', version: 1, updatedBy: 'admin-1' });

      const [get, put] = backend.requests;
      expect(get!.method).to.equal('GET');
      expect(get!.path).to.equal(encodedPath);
      expect(put!.method).to.equal('PUT');
      expect(put!.path).to.equal(encodedPath);
      expect(put!.ifMatch).to.equal('0');
      expect(put!.contentType).to.equal('application/json');
      expect(put!.authorization).to.equal(`Bearer ${TOKEN}`);
      expect(put!.body).to.deep.equal({ ...config({ apiKey: KEY }), updatedBy: 'admin-1' });
      expect(backend.savedApiKey('org/ä 1', 'FR')).to.equal(KEY);
      expect(urlsOf()).to.not.contain(KEY);
      expect(urlsOf()).to.not.contain(encodeURIComponent(KEY));

      expect(await http.getConfig(scope)).to.deep.equal(saved);
      await http.saveConfig(scope, config({ workspaceSize: 'big' }), { expectedVersion: 1 });
      const last = backend.requests.at(-1)!;
      expect(last.ifMatch).to.equal('1');
      expect(last.body, 'no key given: none sent, the server keeps its own').to.not.have.property('apiKey');
      expect(backend.savedApiKey('org/ä 1', 'FR')).to.equal(KEY);
      const versions = await http.listConfigVersions(scope);
      expect(backend.requests.at(-1)!.path).to.equal(`${encodedPath}/versions`);
      expect(versions.map((v) => [v.version, v.updatedBy])).to.deep.equal([[2, undefined], [1, 'admin-1']]);
      expect(urlsOf()).to.not.contain(KEY);
    });

    it('refuses a GET response that contains apiKey, without quoting or logging the key', async () => {
      const leaked = { ...config(), apiKey: KEY, apiKeySet: true, version: 4 };
      const logged: unknown[] = [];
      const info = console.info;
      localStorage.setItem(DEBUG_KEY, 'true');
      console.info = (...args: unknown[]) => logged.push(args);
      let error: CallElementsError;
      try {
        backend.failNext(1, { status: 200, body: leaked });
        error = await rejection(storage().getConfig(scope));
        backend.failNext(1, { status: 200, body: { items: [{ version: 4, updatedAt: '2026-01-01T10:00:00.000Z', config: leaked }] } });
        const inVersions = await rejection(storage().listConfigVersions(scope));
        expect(inVersions.message).to.contain('write-only');
        expect(inVersions.message).to.not.contain(KEY);
        backend.failNext(1, { status: 200, body: { ...leaked, apiKey: undefined } });
        const fine = await storage().getConfig(scope);
        expect(fine?.version, 'JSON drops undefined: a response without the key is accepted').to.equal(4);
      } finally {
        console.info = info;
        localStorage.removeItem(DEBUG_KEY);
      }
      expect(error.code).to.equal('storage-failed');
      expect(error.permanent).to.equal(true);
      expect(error.message).to.contain('write-only');
      expect(error.message).to.not.contain(KEY);
      expect(JSON.stringify(error.params)).to.not.contain(KEY);
      expect(error.cause, 'the response is not attached to the error').to.equal(undefined);
      expect(JSON.stringify(logged)).to.not.contain(KEY);
    });

    it('refuses a response that is not a public configuration, naming the fields', async () => {
      backend.failNext(1, { status: 200, body: { ...config(), apiKeySet: 'yes', version: 1 } });
      const error = await rejection(storage().getConfig(scope));
      expect(error.code).to.equal('storage-failed');
      expect(error.message).to.contain('apiKeySet');
      backend.failNext(1, { status: 200, body: { versions: [] } });
      expect((await rejection(storage().listConfigVersions(scope))).message).to.contain('items');
    });

    it('maps 412 to config-conflict, 403 to permission-denied, 404 with the marker to organization-not-found', async () => {
      const http = storage();
      await http.saveConfig(scope, config(), { expectedVersion: 0 });
      const conflict = await rejection(http.saveConfig(scope, config(), { expectedVersion: 0 }));
      expect(conflict).to.include({ code: 'config-conflict', permanent: true, status: 412 });

      backend.setConfigRole('viewer');
      expect((await http.getConfig(scope))?.version, 'a viewer reads').to.equal(1);
      const denied = await rejection(http.saveConfig(scope, config({ apiKey: KEY }), { expectedVersion: 1 }));
      expect(denied).to.include({ code: 'permission-denied', permanent: true, status: 403 });
      expect(backend.savedApiKey('org/ä 1', 'FR')).to.equal(undefined);
      backend.setConfigRole('none');
      expect((await rejection(http.getConfig(scope))).code).to.equal('permission-denied');
      expect((await rejection(http.listConfigVersions(scope))).code).to.equal('permission-denied');
      backend.setConfigRole('admin');

      backend.setOrganizations(['someone-else']);
      for (const attempt of [() => http.getConfig(scope), () => http.saveConfig(scope, config(), { expectedVersion: 1 }), () => http.listConfigVersions(scope)]) {
        expect(await rejection(attempt())).to.include({ code: 'organization-not-found', permanent: true, status: 404 });
      }
      backend.setOrganizations(undefined);
      expect(await http.getConfig({ organizationId: 'org-2', countryCode: 'GA' }), '404 without the marker = not configured').to.equal(undefined);
      expect(await http.listConfigVersions({ organizationId: 'org-2', countryCode: 'GA' })).to.deep.equal([]);
      backend.failNext(1, { status: 404, body: { code: 'organization-not-found' } });
      expect((await rejection(http.getConfig(scope))).code, 'the marker may also be in "code"').to.equal('organization-not-found');
    });

    it('keeps 401 (with one header refresh), 5xx and network errors as they are for calls', async () => {
      backend.requireToken(TOKEN);
      const contexts: HttpHeadersContext[] = [];
      const http = storage({
        headers: (context) => {
          contexts.push(context);
          return { Authorization: `Bearer ${context.refresh ? TOKEN : 'stale-token-123'}` };
        },
      });
      expect(await http.getConfig(scope)).to.equal(undefined);
      expect(contexts.map((c) => c.refresh)).to.deep.equal([false, true]);
      backend.requireToken('another-token-456');
      expect(await rejection(http.getConfig(scope))).to.include({ code: 'storage-unauthorized', permanent: false });
      backend.requireToken(undefined);

      backend.failNext(1, { status: 503, headers: { 'Retry-After': '7' } });
      expect(await rejection(http.getConfig(scope))).to.include({ code: 'storage-failed', permanent: false, retryAfterMs: 7000 });
      backend.networkErrorNext(1);
      expect(await rejection(http.saveConfig(scope, config(), { expectedVersion: 0 }))).to.include({ code: 'storage-failed', permanent: false });
    });

    it('maps a 422 on PUT to config-invalid and redacts the key if the server quotes it', async () => {
      const long = `${KEY}${'z'.repeat(300)}`;
      backend.failNext(1, { status: 422, body: { message: `apiKey ${long} is not valid for this account` } }, { method: 'PUT' });
      const error = await rejection(storage().saveConfig(scope, config({ apiKey: long.slice(0, 200) }), { expectedVersion: 0 }));
      expect(error).to.include({ code: 'config-invalid', permanent: true, status: 422 });
      expect(error.message).to.contain('[redacted]');
      expect(error.message).to.not.contain(KEY);
    });

    it('validates before sending: a bad scope, config or version sends nothing', async () => {
      const http = storage();
      expect((await rejection(http.getConfig({ organizationId: 'org', countryCode: 'France' }))).code).to.equal('invalid-options');
      expect((await rejection(http.getConfig({ organizationId: '..', countryCode: 'FR' }))).code, 'dot segments would change the URL').to.equal('invalid-options');
      const invalid = await rejection(http.saveConfig(scope, config({ apiKey: KEY, integrationName: '<script>' }), { expectedVersion: 0 }));
      expect(invalid.code).to.equal('config-invalid');
      expect(invalid.message).to.contain('integrationName');
      expect(invalid.message).to.not.contain(KEY);
      expect((await rejection(http.saveConfig(scope, config(), { expectedVersion: 1.5 }))).code).to.equal('invalid-options');
      expect(backend.requests).to.have.length(0);
    });

    it('sends the key only over https: or to localhost', async () => {
      const plain = createHttpStorage({ baseUrl: 'http://calls.backend.test/api' });
      const error = await rejection(plain.saveConfig(scope, config({ apiKey: KEY }), { expectedVersion: 0 }));
      expect(error.code).to.equal('invalid-options');
      expect(error.message).to.contain('https');
      expect(backend.requests).to.have.length(0);
    });
  });

  describe('options', () => {
    it('refuses a base URL it cannot use with invalid-options, synchronously', () => {
      for (const baseUrl of ['', 'calls.backend.test/api', 'ftp://calls.backend.test', 'javascript:alert(1)', 'https://user:pw@calls.backend.test/api', 'https://calls.backend.test/api?tenant=1', 42]) {
        const error = throwsSync(() => createHttpStorage({ baseUrl } as unknown as HttpStorageOptions));
        expect(error.code, String(baseUrl)).to.equal('invalid-options');
        expect(error.permanent).to.equal(true);
      }
      expect(throwsSync(() => createHttpStorage({ baseUrl: '/api', timeoutMs: -1 })).code).to.equal('invalid-options');
      expect(throwsSync(() => createHttpStorage({ baseUrl: '/api', headers: 'Bearer x' } as unknown as HttpStorageOptions)).code).to.equal('invalid-options');
    });

    it('resolves a path against this page and names itself "http"', () => {
      const http = createHttpStorage({ baseUrl: '/api/v1/' });
      expect(http.baseUrl).to.equal(`${location.origin}/api/v1`);
      expect(http.name).to.equal('http');
    });
  });
});
