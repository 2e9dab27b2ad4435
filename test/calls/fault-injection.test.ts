/**
 * Fault injection: every scenario makes calls against a backend of the HTTP contract, injects one kind
 * of trouble, waits until the queue settles, prints a report line (calls made / unique records stored /
 * duplicates / attempts / dead-lettered / left queued) and asserts that nothing was lost and nothing
 * duplicated. Each runs twice: against the fake backend on msw (test/helpers/http-backend.ts; it has
 * no batch route, so the queue sends one PUT per record), and against call-elements/server on PGlite
 * (test/helpers/call-server.ts: the faults are injected by the proxy in front of it, what is stored is
 * read from the server; it advertises POST /calls:batch, which the queue then uses for several records).
 * "Attempts" counts the sends of a record: its PUTs and its items of batches.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { configure } from '../../src/config.js';
import { retryDeadLetters, storeCall } from '../../src/calls/api.js';
import { getOutbox } from '../../src/calls/engine-api.js';
import { persistCall, reloadPage } from '../helpers/calls.js';
import '../../src/elements/call-button/define.js';
import type { CallButton } from '../../src/elements/call-button/call-button.js';
import { CallElementsError } from '../../src/internal/errors.js';
import type { CallRecord } from '../../src/schema/call-record.js';
import { createHttpStorage } from '../../src/storage/http/index.js';
import type { CallStorage } from '../../src/storage/types.js';
import { $notifications } from '../../src/store/notifications.js';
import { $outbox } from '../../src/store/outbox.js';
import { recordRequests, recordSends, type TestBackend } from '../helpers/backends.js';
import { startCallServerBackend } from '../helpers/call-server.js';
import { startHttpBackend, type BackendSnapshot } from '../helpers/http-backend.js';
import { createManualProvider, until, wait } from '../helpers/manual-provider.js';
import { sampleRecord } from '../helpers/records.js';
import { isolatedOutbox, resetLibrary } from '../helpers/reset.js';
import { rejectionOf } from '../helpers/errors.js';

interface Report {
  scenario: string;
  calls: number;
  stored: number;
  duplicates: number;
  attempts: number;
  deadLettered: number;
  queued: number;
  lost: number;
}

const reports: Report[] = [];
let backend: TestBackend;
let outboxNames: ReturnType<typeof isolatedOutbox>;

/** The faults below aim at the routes that store calls (`/calls/{id}`, `/calls:batch`), not at the capabilities document. */
const CALL_ROUTES = { pathPrefix: '/calls' };

/** Polls what the backend holds (a request to the server each time, hence the pause). */
async function eventually<T>(check: (snapshot: BackendSnapshot) => T, message: string, timeoutMs = 5000): Promise<NonNullable<T>> {
  return until(async () => {
    await wait(25);
    return check(await backend.snapshot());
  }, message, timeoutMs);
}

function httpStorage(headers?: Parameters<typeof createHttpStorage>[0]['headers']): CallStorage {
  return createHttpStorage({ baseUrl: backend.baseUrl, headers, timeoutMs: 2000 });
}

function usePersistence(storage: CallStorage = httpStorage(), outbox: Record<string, unknown> = {}) {
  outboxNames = isolatedOutbox({ baseDelayMs: 20, maxDelayMs: 300, ...outbox });
  configure({ storage, outbox: outboxNames, recording: false });
}

/** A page reload: the queue stops (its database stays), a new page configures the same again. */
async function reload(storage: CallStorage = httpStorage()) {
  await reloadPage({ storage, outbox: outboxNames, recording: false });
  getOutbox();
}

async function settled(timeoutMs = 10_000) {
  await until(async () => {
    const entries = await getOutbox().entries();
    return entries.every((entry) => entry.state === 'dead') && $outbox.get().inFlight === 0;
  }, 'the queue to settle', timeoutMs);
}

/** Counts, prints and checks: every call made is stored once, or kept as a dead letter when refused for good. */
async function report(scenario: string, made: CallRecord[], expectDead = 0): Promise<Report> {
  scenario = `${scenario} (${backend.label})`;
  const entries = await getOutbox().entries();
  const { calls, stats, requests } = await backend.snapshot();
  const dead = new Set(entries.filter((e) => e.state === 'dead').map((e) => e.id));
  const ids = new Set(made.map((r) => r.id));
  const lost = [...ids].filter((id) => !calls.has(id) && !dead.has(id));
  const result: Report = {
    scenario,
    calls: ids.size,
    stored: [...ids].filter((id) => calls.has(id)).length,
    duplicates: stats.duplicates,
    attempts: recordSends(requests),
    deadLettered: dead.size,
    queued: entries.filter((e) => e.state === 'pending').length,
    lost: lost.length,
  };
  reports.push(result);
  console.log(
    `[fault-injection] ${scenario}: calls ${result.calls}, stored ${result.stored}, duplicates ${result.duplicates}, ` +
      `attempts ${result.attempts}, dead-lettered ${result.deadLettered}, queued ${result.queued}, lost ${result.lost}`,
  );
  expect(lost, `lost records in "${scenario}"`).to.deep.equal([]);
  expect(result.duplicates, 'duplicates').to.equal(0);
  expect(result.deadLettered, 'dead letters').to.equal(expectDead);
  expect(result.queued, 'left queued').to.equal(0);
  for (const record of made) {
    const stored = calls.get(record.id);
    if (stored) expect(stored, `stored ${record.id}`).to.deep.include({ agentId: record.agentId, leadId: record.leadId, userId: record.userId });
  }
  return result;
}

const records = (count: number, overrides: Partial<CallRecord> = {}) => Array.from({ length: count }, (_, i) => sampleRecord({ leadId: `lead-${i}`, ...overrides }));

async function persist(made: CallRecord[]): Promise<CallRecord[]> {
  for (const record of made) await persistCall(record);
  return made;
}

const makeCalls = (count: number, overrides: Partial<CallRecord> = {}) => persist(records(count, overrides));

interface BackendSetup {
  label: string;
  start(): Promise<TestBackend>;
  /** The fake can be handed a recording to find; the server learns recordings from the providers' webhooks, which this suite does not drive. */
  recordings: boolean;
}

const BACKENDS: BackendSetup[] = [
  { label: 'the fake backend on msw', start: () => startHttpBackend(), recordings: true },
  { label: 'call-elements/server', start: () => startCallServerBackend(), recordings: false },
];

for (const setup of BACKENDS) describe(`fault injection: every call stored exactly once, against ${setup.label}`, function () {
  this.timeout(30_000);

  before(async () => {
    backend = await setup.start();
  });
  beforeEach(async () => {
    await resetLibrary();
    await backend.reset();
  });
  afterEach(async () => {
    document.querySelectorAll('call-button').forEach((el) => el.hangup());
    await resetLibrary();
  });
  after(() => {
    console.log('[fault-injection] summary\n' + reports.splice(0).map((r) => JSON.stringify(r)).join('\n'));
    backend.close();
  });

  it('backend 500 on every attempt for a while, then back', async () => {
    usePersistence();
    await backend.failNext(6, { status: 500, body: { message: 'database down' } }, CALL_ROUTES);
    const made = await makeCalls(3);
    await settled();
    const result = await report('backend 500 (6 failures)', made);
    expect(result.attempts).to.be.greaterThan(3);
  });

  it('a proxy answering 200 with an HTML page: nothing counted as stored, every record kept and sent once it is gone', async () => {
    usePersistence();
    await backend.failNext(10, { status: 200, body: '<!doctype html><title>Sign in</title>', headers: { 'Content-Type': 'text/html' } }, CALL_ROUTES);
    const made = await makeCalls(5);
    await settled();
    const result = await report('200 HTML from a proxy (10 answers)', made);
    expect(result.stored).to.equal(5);
    expect(result.attempts).to.be.greaterThan(5);
  });

  it('500 then 200', async () => {
    usePersistence();
    await backend.failNext(1, { status: 500 }, CALL_ROUTES);
    const made = await makeCalls(1);
    await settled();
    const result = await report('500 then 200', made);
    expect(result.attempts).to.equal(2);
  });

  it('response lost after the server committed: the retry carries the same Idempotency-Key', async () => {
    usePersistence();
    await backend.dropResponseAfterCommit(1);
    const made = await makeCalls(1);
    await settled();
    await report('response lost after commit', made);
    const { requests, stats } = await backend.snapshot();
    const puts = recordRequests(requests);
    expect(puts).to.have.length(2);
    expect(puts.map((r) => r.idempotencyKey)).to.deep.equal([made[0]!.id, made[0]!.id]);
    expect(stats.callRetries).to.equal(1);
  });

  it('409 while the server is still processing the first attempt', async () => {
    usePersistence();
    await backend.failNext(2, { status: 409, body: { message: 'processing' } }, CALL_ROUTES);
    const made = await makeCalls(1);
    await settled();
    await report('409 while processing', made);
  });

  for (const status of [400, 422]) {
    it(`permanent ${status}: dead-lettered and kept, nothing behind it blocked, retryable`, async () => {
      usePersistence(undefined, { concurrency: 1 });
      const made = records(4);
      // Refused wherever it is sent: its own PUT, or its item of a batch (the other items are stored).
      await backend.failNext(1, { status, body: { message: 'agentId unknown' } }, { recordId: made[0]!.id });
      await persist(made);
      await settled();
      await report(`permanent ${status}`, made, 1);
      const { calls } = await backend.snapshot();
      expect(calls.size).to.equal(3);
      expect(calls.has(made[0]!.id)).to.equal(false);
      const dead = $notifications.get().find((n) => n.messageKey === 'notify.dead');
      expect(String(dead?.params?.detail)).to.contain('agentId unknown');
      await retryDeadLetters();
      await settled();
      await report(`permanent ${status}, after retry`, made, 0);
    });
  }

  it('offline then online with 20 records', async () => {
    usePersistence(undefined, { baseDelayMs: 5_000, maxDelayMs: 5_000 });
    await backend.outage(true);
    const made = await makeCalls(20);
    await eventually(({ stats }) => stats.requests > 0, 'a failed attempt');
    await wait(50);
    expect((await backend.snapshot()).calls.size).to.equal(0);
    await backend.outage(false);
    window.dispatchEvent(new Event('online'));
    await settled();
    await report('offline then online, 20 records', made);
  });

  describe('both ends of a call', () => {
    async function connectedCall() {
      const manual = createManualProvider();
      configure({ providers: { manual } });
      const el = await fixture<CallButton>(
        html`<call-button provider="manual" number="+33123456789" agent-id="agent-1" lead-id="lead-1" user-id="user-1"></call-button>`,
      );
      const ended: CallRecord[] = [];
      el.addEventListener('call-end', (event) => ended.push(event.detail));
      el.call();
      manual.emit({ type: 'ringing', callSid: `CA${Math.random().toString(16).slice(2)}` });
      manual.emit({ type: 'connected' });
      return { el, manual, ended };
    }

    it('End click and provider disconnect in the same tick', async () => {
      usePersistence();
      const { el, manual, ended } = await connectedCall();
      el.hangup();
      manual.emit({ type: 'ended', endedBy: 'remote' });
      await until(() => ended.length === 1, 'call-end');
      await settled();
      const result = await report('End click + disconnect, same tick', ended);
      expect(result.attempts).to.equal(1);
    });

    it('End click and provider disconnect 2 s apart', async () => {
      usePersistence();
      const { el, manual, ended } = await connectedCall();
      el.hangup();
      await wait(2000);
      manual.emit({ type: 'ended', endedBy: 'remote' });
      await wait(50);
      await settled();
      expect(ended).to.have.length(1);
      await report('End click, disconnect 2 s later', ended);
    });

    it('End click and disconnect while the backend is down, then a reload', async () => {
      usePersistence();
      await backend.outage(true);
      const { el, manual, ended } = await connectedCall();
      manual.emit({ type: 'ended', endedBy: 'remote' });
      el.hangup();
      await until(() => ended.length === 1, 'call-end');
      await until(async () => (await getOutbox().entries()).length === 1, 'queued');
      await reload();
      await backend.outage(false);
      await settled();
      await report('both ends, then reload', ended);
    });
  });

  it('reload with a queued record', async () => {
    usePersistence();
    await backend.outage(true);
    const made = await makeCalls(2);
    await reload();
    await backend.outage(false);
    await settled();
    await report('reload with queued records', made);
  });

  it('reload with a request in flight (the server commits it after the page is gone)', async () => {
    usePersistence();
    await backend.delayNext(1, 400);
    const made = await makeCalls(1);
    await eventually(({ stats }) => stats.requests === 1, 'request in flight');
    await reload();
    await settled();
    await wait(500);
    await report('reload with a request in flight', made);
    expect((await backend.snapshot()).stats.callRetries).to.be.at.most(1);
  });

  it('two pages of one origin: one flusher at a time, none lost when the flusher page closes', async () => {
    const storage = httpStorage();
    const senders: string[] = [];
    let concurrentFlushers = 0;
    const active = new Map<string, number>();
    // A closed page cannot send any more, but a request it started may still be answered afterwards:
    // "one flusher at a time" is about the pages that are open.
    const closed = new Set<string>();
    Object.assign(window, {
      frameStorage: (frame: string): CallStorage => {
        const sending = async <T>(send: () => Promise<T>): Promise<T> => {
          senders.push(frame);
          active.set(frame, (active.get(frame) ?? 0) + 1);
          const open = [...active.entries()].filter(([name, n]) => n > 0 && !closed.has(name));
          concurrentFlushers = Math.max(concurrentFlushers, open.length);
          try {
            return await send();
          } finally {
            active.set(frame, active.get(frame)! - 1);
          }
        };
        return {
          name: `via-${frame}`,
          saveCall: (record) => sending(() => storage.saveCall(record)),
          // Batches, when the backend takes them: the records of the closed page's queue go together.
          saveCalls: storage.saveCalls && ((records) => sending(() => storage.saveCalls!(records))),
          listCalls: (query) => storage.listCalls(query),
        };
      },
    });
    const names = isolatedOutbox();
    const frame = async (name: string) => {
      const iframe = document.createElement('iframe');
      iframe.src = `/test/fixtures/outbox-frame.html?name=${name}&db=${names.dbName}&lock=${names.lockName}&channel=${names.channelName}`;
      document.body.append(iframe);
      await until(() => (iframe.contentWindow as unknown as { frameReady?: boolean })?.frameReady, `${name} loaded`);
      return iframe;
    };
    type FrameWindow = { outbox: { enqueue(r: CallRecord): Promise<void> }; outboxState(): { flusher: boolean } };
    const a = await frame('a');
    await until(() => (a.contentWindow as unknown as FrameWindow).outboxState().flusher, 'a elected');
    const b = await frame('b');
    const bWindow = b.contentWindow as unknown as FrameWindow;
    expect(bWindow.outboxState().flusher).to.equal(false);

    await backend.outage(true);
    const made = Array.from({ length: 5 }, (_, i) => sampleRecord({ leadId: `two-pages-${i}` }));
    for (const record of made) await bWindow.outbox.enqueue(record);
    await until(() => senders.length > 0, 'a tries to send');
    expect(new Set(senders)).to.deep.equal(new Set(['a']));

    a.remove();
    closed.add('a');
    await until(() => bWindow.outboxState().flusher, 'b took over');
    await backend.outage(false);
    await eventually(({ calls }) => made.every((r) => calls.has(r.id)), 'all stored', 10_000);
    b.remove();
    expect(concurrentFlushers).to.equal(1);
    const ids = new Set(made.map((r) => r.id));
    const { calls, stats, requests } = await backend.snapshot();
    const result: Report = {
      scenario: `two pages, flusher page closed (${backend.label})`,
      calls: ids.size,
      stored: [...ids].filter((id) => calls.has(id)).length,
      duplicates: stats.duplicates,
      attempts: recordSends(requests),
      deadLettered: 0,
      queued: 0,
      lost: [...ids].filter((id) => !calls.has(id)).length,
    };
    reports.push(result);
    console.log(`[fault-injection] ${JSON.stringify(result)}`);
    expect(result.lost).to.equal(0);
    expect(result.duplicates).to.equal(0);
    expect(senders.includes('b')).to.equal(true);
  });

  it('IndexedDB unavailable: reported, not silent, and the call is still sent', async () => {
    usePersistence(undefined, { useIndexedDb: false });
    const made = await makeCalls(2);
    await settled();
    await report('IndexedDB unavailable', made);
    const warning = $notifications.get().find((n) => n.code === 'storage-unavailable');
    expect(warning?.kind).to.equal('error');
    expect($outbox.get().durable).to.equal(false);
  });

  it('quota exceeded: reported, kept in memory, sent', async () => {
    usePersistence();
    await getOutbox().entries();
    const originalPut = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    };
    let made: CallRecord[];
    try {
      made = await makeCalls(1);
    } finally {
      IDBObjectStore.prototype.put = originalPut;
    }
    await settled();
    await report('quota exceeded', made);
    expect($notifications.get().some((n) => n.code === 'storage-quota')).to.equal(true);
  });

  it('429 with Retry-After is honoured', async () => {
    usePersistence();
    await backend.failNext(1, { status: 429, headers: { 'Retry-After': '1' } }, CALL_ROUTES);
    const started = performance.now();
    const made = await makeCalls(1);
    await settled();
    expect(performance.now() - started).to.be.at.least(950);
    await report('429 with Retry-After: 1', made);
  });

  it('401, then the token is refreshed', async () => {
    let token = 'expired';
    const asked: boolean[] = [];
    usePersistence(
      httpStorage(async (context) => {
        asked.push(!!context?.refresh);
        if (context?.refresh) token = 'fresh';
        return { Authorization: `Bearer ${token}` };
      }),
    );
    await backend.requireToken('fresh');
    const made = await makeCalls(1);
    await settled();
    const result = await report('401 then token refresh', made);
    expect(asked).to.include(true);
    expect(result.attempts).to.equal(2);
  });

  it('HTML-only configuration: storage-url and user-id on the element', async () => {
    outboxNames = isolatedOutbox();
    await reloadPage({ outbox: outboxNames, recording: false });
    const manual = createManualProvider();
    configure({ providers: { manual } });
    const el = await fixture<CallButton>(
      html`<call-button provider="manual" number="+33123456789" storage-url=${backend.baseUrl} user-id="html-user" lead-id="lead-html"></call-button>`,
    );
    const stored: string[] = [];
    el.addEventListener('call-stored', (event) => stored.push(event.detail.id));
    el.call();
    // The call starts once the element's storage-url is checked (the first check downloads the URL rule):
    // its record goes to that backend, never to the default storage.
    await until(() => el.state === 'connecting', 'connecting');
    // A call sid of its own: the server keeps a record's first writer, and runs of other engines wrote earlier.
    const callSid = `CAhtml${Math.random().toString(16).slice(2, 10)}`;
    manual.emit({ type: 'ringing', callSid });
    el.hangup();
    await until(() => stored.length === 1, 'call-stored');
    expect((await backend.snapshot()).calls.get(`manual:${callSid}`)).to.deep.include({ userId: 'html-user', leadId: 'lead-html' });
  });

  if (setup.recordings) {
    it('recording found later through GET /calls/{id}/recording is upserted into the record', async () => {
      const fake = backend as Awaited<ReturnType<typeof startHttpBackend>>;
      outboxNames = isolatedOutbox();
      configure({ storage: httpStorage(), outbox: outboxNames, recordingDelaysMs: [20, 20, 20, 20] });
      const [record] = await makeCalls(1);
      await until(() => fake.requestsTo('GET', `/calls/${encodeURIComponent(record!.id)}/recording`).length === 2, 'two looks');
      fake.recordings.set(record!.id, 'https://recordings.example/found.mp3');
      await until(() => fake.calls.get(record!.id)?.recordingUrl === 'https://recordings.example/found.mp3', 'upserted');
      await settled();
      const result = await report('recording upserted later', [record!]);
      expect(result.attempts).to.equal(2);
      expect(fake.stats.uniqueCalls).to.equal(1);
    });
  }

  it('a poison record is rejected with a clear error before it reaches the queue', async () => {
    usePersistence();
    const good = await makeCalls(1);
    const error = await rejectionOf(storeCall({ ...sampleRecord(), status: 'exploded' }));
    expect((error as CallElementsError).code).to.equal('invalid-record');
    expect((error as CallElementsError).message).to.contain('status: must be one of');
    await settled();
    const result = await report('poison record', good);
    expect(result.attempts).to.equal(1);
  });
});
