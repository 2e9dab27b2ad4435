/**
 * The queue sends several call records in one `POST /calls:batch` when the storage has `saveCalls` and
 * the server advertises the route (its capabilities, `GET {baseUrl}/`), each record confirmed,
 * retried or dead-lettered on its own as its PUT would be; without the route, one PUT per record.
 * Against the fake backend on msw (with and without the route) and against call-elements/server
 * (advertising it, and with its capabilities hidden by the test proxy).
 */
import { expect } from '@open-wc/testing';
import { Outbox, type OutboxEvent } from '../../src/outbox/outbox.js';
import { BATCH_SIZE } from '../../src/outbox/batch.js';
import type { CallRecord } from '../../src/schema/call-record.js';
import { createHttpStorage } from '../../src/storage/http/index.js';
import { recordRequests, recordSends, type TestBackend } from '../helpers/backends.js';
import { startCallServerBackend } from '../helpers/call-server.js';
import { startHttpBackend, type BackendRequest, type BackendSnapshot } from '../helpers/http-backend.js';
import { until } from '../helpers/manual-provider.js';
import { isolatedOutbox } from '../helpers/outbox-names.js';
import { sampleRecord } from '../helpers/records.js';

interface Setup {
  label: string;
  batch: boolean;
  start(): Promise<TestBackend>;
}

// One fake per page and base URL: the two fakes live at two hosts.
const SETUPS: Setup[] = [
  { label: 'the fake backend on msw, with the batch route', batch: true, start: () => startHttpBackend({ baseUrl: 'https://batch.backend.test/api', batch: true }) },
  { label: 'the fake backend on msw, without it', batch: false, start: () => startHttpBackend({ baseUrl: 'https://single.backend.test/api' }) },
  { label: 'call-elements/server', batch: true, start: () => startCallServerBackend() },
  { label: 'call-elements/server, its capabilities hidden', batch: false, start: () => startCallServerBackend({ batch: false }) },
];

const open: Outbox[] = [];

function outboxFor(backend: TestBackend, options: { concurrency?: number } = {}) {
  const box = new Outbox({
    storage: createHttpStorage({ baseUrl: backend.baseUrl, timeoutMs: 5000 }),
    ...isolatedOutbox({ baseDelayMs: 20, maxDelayMs: 200 }),
    random: () => 0.5,
    ...options,
  });
  open.push(box);
  const events: OutboxEvent[] = [];
  box.subscribe((event) => events.push(event));
  return { box, events };
}

/** Down: the fake answers with a network error, the proxy in front of the server with a 503. */
const failedWhileDown = (request: BackendRequest) => request.outcome === '503 (down)' || !!request.outcome?.startsWith('network');

/** More than a batch holds when batches are sent; a few PUTs otherwise. */
const many = (setup: Setup) => (setup.batch ? BATCH_SIZE + 20 : 12);

/** The requests the backend took (not those refused while it was down). */
const answered = ({ requests }: BackendSnapshot) => requests.filter((request) => !failedWhileDown(request));

const made = (count: number, tag: string): CallRecord[] => Array.from({ length: count }, (_, i) => sampleRecord({ leadId: `${tag}-${i}` }));

/** Queues the records while the backend is down (so that they wait together), then brings it back. */
async function queuedDuringOutage(backend: TestBackend, box: Outbox, records: CallRecord[]): Promise<void> {
  await backend.outage(true);
  for (const record of records) await box.enqueue(record);
  await until(async () => (await backend.snapshot()).requests.length > 0, 'a first attempt while down');
  await backend.outage(false);
  await box.retryNow();
}

async function drained(box: Outbox, timeoutMs = 15_000): Promise<void> {
  await until(async () => (await box.entries()).every((entry) => entry.state === 'dead'), 'the queue to drain', timeoutMs);
}

/** Each id stored once at the backend, confirmed once in the queue, nothing left. */
async function exactlyOnce(backend: TestBackend, box: Outbox, events: OutboxEvent[], records: CallRecord[], dead: string[] = []): Promise<void> {
  const { calls, stats } = await backend.snapshot();
  expect(stats.duplicates, 'duplicates at the backend').to.equal(0);
  const storedEvents = events.filter((event) => event.type === 'stored').map((event) => event.id);
  expect(new Set(storedEvents).size, 'each record confirmed once').to.equal(storedEvents.length);
  for (const record of records) {
    const refused = dead.includes(record.id);
    expect(calls.has(record.id), `${record.id} at the backend`).to.equal(!refused);
    expect(storedEvents.includes(record.id), `${record.id} confirmed`).to.equal(!refused);
  }
  const entries = await box.entries();
  expect(entries.map((entry) => entry.id).sort(), 'dead letters').to.deep.equal([...dead].sort());
  expect(entries.every((entry) => entry.state === 'dead')).to.equal(true);
}

for (const setup of SETUPS) {
  describe(`outbox batches, against ${setup.label}`, function () {
    this.timeout(30_000);
    let backend: TestBackend;

    before(async () => {
      backend = await setup.start();
    });
    beforeEach(async () => {
      await backend.reset();
    });
    afterEach(async () => {
      await Promise.all(open.splice(0).map((box) => box.stop()));
    });
    after(() => backend.close());

    it(setup.batch ? 'records waiting together go in one batch, each confirmed on its own' : 'records waiting together go one PUT each', async () => {
      const { box, events } = outboxFor(backend);
      const records = made(6, 'together');
      await queuedDuringOutage(backend, box, records);
      await drained(box);
      await exactlyOnce(backend, box, events, records);
      const { requests } = await backend.snapshot();
      const batches = requests.filter((request) => request.path === '/calls:batch');
      const puts = requests.filter((request) => request.method === 'PUT');
      // The capabilities are asked until answered (the backend was down), then never again.
      const asked = requests.filter((request) => request.method === 'GET' && request.path === '/' && !failedWhileDown(request));
      expect(asked.length).to.equal(1);
      if (setup.batch) {
        expect(failedWhileDown(batches.at(-1)!)).to.equal(false);
        const sentTogether = (batches.at(-1)!.body as { items: { id: string }[] }).items.map((item) => item.id);
        expect(sentTogether.sort()).to.deep.equal(records.map((record) => record.id).sort());
      } else {
        expect(batches).to.deep.equal([]);
        expect(puts.filter((request) => !failedWhileDown(request)).length).to.equal(records.length);
      }
    });

    it('a lone record goes by PUT, without asking the capabilities', async () => {
      const { box, events } = outboxFor(backend);
      const [record] = made(1, 'alone');
      await box.enqueue(record!);
      await drained(box);
      await exactlyOnce(backend, box, events, [record!]);
      const { requests } = await backend.snapshot();
      expect(requests.map((request) => `${request.method} ${request.path}`)).to.deep.equal([`PUT /calls/${encodeURIComponent(record!.id)}`]);
    });

    it('a record the backend refuses is the only dead letter; the others of its batch are stored', async () => {
      const { box, events } = outboxFor(backend);
      const records = made(5, 'refused');
      const refused = records[2]!;
      await backend.failNext(1, { status: 422, body: { message: 'leadId unknown here' } }, { recordId: refused.id });
      await queuedDuringOutage(backend, box, records);
      await drained(box);
      await exactlyOnce(backend, box, events, records, [refused.id]);
      const dead = events.find((event) => event.type === 'dead');
      expect(dead?.type === 'dead' && dead.id).to.equal(refused.id);
      expect(dead?.type === 'dead' && String(dead.error.params.detail)).to.contain('leadId unknown here');
      expect(dead?.type === 'dead' && dead.error.status).to.equal(422);
      // Sent once the backend was back, refused once: the refusal is not retried.
      expect(recordSends(answered(await backend.snapshot()), refused.id)).to.equal(1);
    });

    it('the answer to a batch lost after the server stored it: every record sent again, stored once, confirmed once', async () => {
      const { box, events } = outboxFor(backend, { concurrency: 1 });
      const records = made(many(setup), 'lost');
      await backend.dropResponseAfterCommit(1);
      await queuedDuringOutage(backend, box, records);
      await drained(box, 25_000);
      await exactlyOnce(backend, box, events, records);
      const snapshot = await backend.snapshot();
      const { stats } = snapshot;
      const requests = answered(snapshot);
      expect(requests.some((request) => request.outcome?.endsWith('response lost'))).to.equal(true);
      // Whatever the lost answer carried was sent again, and only that.
      const sends = records.map((record) => recordSends(requests, record.id));
      expect(Math.max(...sends)).to.equal(2);
      expect(stats.callRetries).to.equal(sends.filter((n) => n === 2).length);
      if (setup.batch) expect(recordRequests(requests).filter((request) => request.path === '/calls:batch').length).to.be.at.least(3);
    });

    it('an outage that starts while a batch is in flight: the batch lands, the rest waits, nothing lost or doubled', async () => {
      const { box, events } = outboxFor(backend, { concurrency: 1 });
      const records = made(many(setup), 'mid');
      await backend.holdNext(1, { pathPrefix: '/calls' });
      await backend.outage(true);
      for (const record of records) await box.enqueue(record);
      await until(async () => (await backend.snapshot()).requests.length > 0, 'a first attempt while down');
      await backend.outage(false);
      await box.retryNow();
      // The first send after the outage waits at the backend's door; the outage starts again meanwhile.
      // WebKit under a full run can take seconds to resume; the timeout says what the backend saw meanwhile.
      const position = await until(
        async () => {
          const index = (await backend.snapshot()).requests.findIndex((request) => request.held);
          return index < 0 ? undefined : index + 1;
        },
        'a send in flight',
        20_000,
      ).catch(async (error: unknown) => {
        const seen = (await backend.snapshot()).requests.map((r) => `${r.method} ${r.path} ${r.outcome ?? 'pending'}${r.held ? ' (held)' : ''}`);
        throw new Error(`${(error as Error).message}; the backend saw: ${seen.join(', ')}`);
      });
      await backend.outage(true);
      await backend.releaseHeld();
      await until(async () => (await backend.snapshot()).requests[position - 1]?.outcome !== undefined, 'the send in flight answered');
      const during = await backend.snapshot();
      expect(during.calls.size, 'what the send in flight carried').to.be.greaterThan(0);
      expect(during.calls.size).to.be.lessThan(records.length);
      await backend.outage(false);
      await box.retryNow();
      await drained(box, 25_000);
      await exactlyOnce(backend, box, events, records);
    });
  });
}
