/**
 * Fault injection: every scenario makes calls against a fake backend that implements the HTTP
 * contract (test/helpers/http-backend.ts, on msw), injects one kind of trouble, waits until the
 * queue settles, prints a report line (calls made / unique records stored / duplicates / attempts /
 * dead-lettered / left queued) and asserts that nothing was lost and nothing duplicated.
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
import { startHttpBackend, type FakeHttpBackend } from '../helpers/http-backend.js';
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
let backend: FakeHttpBackend;
let outboxNames: ReturnType<typeof isolatedOutbox>;

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
  const entries = await getOutbox().entries();
  const dead = new Set(entries.filter((e) => e.state === 'dead').map((e) => e.id));
  const ids = new Set(made.map((r) => r.id));
  const lost = [...ids].filter((id) => !backend.calls.has(id) && !dead.has(id));
  const result: Report = {
    scenario,
    calls: ids.size,
    stored: [...ids].filter((id) => backend.calls.has(id)).length,
    duplicates: backend.stats.duplicates,
    attempts: backend.requestsTo('PUT', '/calls/').length,
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
    const stored = backend.calls.get(record.id);
    if (stored) expect(stored, `stored ${record.id}`).to.deep.include({ agentId: record.agentId, leadId: record.leadId, userId: record.userId });
  }
  return result;
}

async function makeCalls(count: number, overrides: Partial<CallRecord> = {}): Promise<CallRecord[]> {
  const made = Array.from({ length: count }, (_, i) => sampleRecord({ leadId: `lead-${i}`, ...overrides }));
  for (const record of made) await persistCall(record);
  return made;
}

describe('fault injection: every call stored exactly once', function () {
  this.timeout(30_000);

  before(async () => {
    backend = await startHttpBackend();
  });
  beforeEach(async () => {
    await resetLibrary();
    backend.reset();
  });
  afterEach(async () => {
    document.querySelectorAll('call-button').forEach((el) => el.hangup());
    await resetLibrary();
  });
  after(() => {
    console.log('[fault-injection] summary\n' + reports.map((r) => JSON.stringify(r)).join('\n'));
    backend.close();
  });

  it('backend 500 on every attempt for a while, then back', async () => {
    usePersistence();
    backend.failNext(6, { status: 500, body: { message: 'database down' } });
    const made = await makeCalls(3);
    await settled();
    const result = await report('backend 500 (6 failures)', made);
    expect(result.attempts).to.be.greaterThan(3);
  });

  it('a proxy answering 200 with an HTML page: nothing counted as stored, every record kept and sent once it is gone', async () => {
    usePersistence();
    backend.failNext(10, { status: 200, body: '<!doctype html><title>Sign in</title>', headers: { 'Content-Type': 'text/html' } });
    const made = await makeCalls(5);
    await settled();
    const result = await report('200 HTML from a proxy (10 answers)', made);
    expect(result.stored).to.equal(5);
    expect(result.attempts).to.be.greaterThan(5);
  });

  it('500 then 200', async () => {
    usePersistence();
    backend.failNext(1, { status: 500 });
    const made = await makeCalls(1);
    await settled();
    const result = await report('500 then 200', made);
    expect(result.attempts).to.equal(2);
  });

  it('response lost after the server committed: the retry carries the same Idempotency-Key', async () => {
    usePersistence();
    backend.dropResponseAfterCommit(1);
    const made = await makeCalls(1);
    await settled();
    await report('response lost after commit', made);
    const puts = backend.requestsTo('PUT', '/calls/');
    expect(puts).to.have.length(2);
    expect(puts.map((r) => r.idempotencyKey)).to.deep.equal([made[0]!.id, made[0]!.id]);
    expect(backend.stats.callRetries).to.equal(1);
  });

  it('409 while the server is still processing the first attempt', async () => {
    usePersistence();
    backend.failNext(2, { status: 409, body: { message: 'processing' } });
    const made = await makeCalls(1);
    await settled();
    await report('409 while processing', made);
  });

  for (const status of [400, 422]) {
    it(`permanent ${status}: dead-lettered and kept, nothing behind it blocked, retryable`, async () => {
      usePersistence(undefined, { concurrency: 1 });
      backend.failNext(1, { status, body: { message: 'agentId unknown' } });
      const made = await makeCalls(4);
      await settled();
      await report(`permanent ${status}`, made, 1);
      expect(backend.calls.size).to.equal(3);
      const dead = $notifications.get().find((n) => n.messageKey === 'notify.dead');
      expect(String(dead?.params?.detail)).to.contain('agentId unknown');
      await retryDeadLetters();
      await settled();
      await report(`permanent ${status}, after retry`, made, 0);
    });
  }

  it('offline then online with 20 records', async () => {
    usePersistence(undefined, { baseDelayMs: 5_000, maxDelayMs: 5_000 });
    backend.outage(true);
    const made = await makeCalls(20);
    await until(() => backend.stats.requests > 0, 'a failed attempt');
    await wait(50);
    expect(backend.calls.size).to.equal(0);
    backend.outage(false);
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
      backend.outage(true);
      const { el, manual, ended } = await connectedCall();
      manual.emit({ type: 'ended', endedBy: 'remote' });
      el.hangup();
      await until(() => ended.length === 1, 'call-end');
      await until(async () => (await getOutbox().entries()).length === 1, 'queued');
      await reload();
      backend.outage(false);
      await settled();
      await report('both ends, then reload', ended);
    });
  });

  it('reload with a queued record', async () => {
    usePersistence();
    backend.outage(true);
    const made = await makeCalls(2);
    await reload();
    backend.outage(false);
    await settled();
    await report('reload with queued records', made);
  });

  it('reload with a request in flight (the server commits it after the page is gone)', async () => {
    usePersistence();
    backend.delayNext(1, 400);
    const made = await makeCalls(1);
    await until(() => backend.stats.requests === 1, 'request in flight');
    await reload();
    await settled();
    await wait(500);
    await report('reload with a request in flight', made);
    expect(backend.stats.callRetries).to.be.at.most(1);
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
      frameStorage: (frame: string): CallStorage => ({
        name: `via-${frame}`,
        async saveCall(record) {
          senders.push(frame);
          active.set(frame, (active.get(frame) ?? 0) + 1);
          const open = [...active.entries()].filter(([name, n]) => n > 0 && !closed.has(name));
          concurrentFlushers = Math.max(concurrentFlushers, open.length);
          try {
            await storage.saveCall(record);
          } finally {
            active.set(frame, active.get(frame)! - 1);
          }
        },
        listCalls: (query) => storage.listCalls(query),
      }),
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

    backend.outage(true);
    const made = Array.from({ length: 5 }, (_, i) => sampleRecord({ leadId: `two-pages-${i}` }));
    for (const record of made) await bWindow.outbox.enqueue(record);
    await until(() => senders.length > 0, 'a tries to send');
    expect(new Set(senders)).to.deep.equal(new Set(['a']));

    a.remove();
    closed.add('a');
    await until(() => bWindow.outboxState().flusher, 'b took over');
    backend.outage(false);
    await until(() => made.every((r) => backend.calls.has(r.id)), 'all stored', 10_000);
    b.remove();
    expect(concurrentFlushers).to.equal(1);
    const ids = new Set(made.map((r) => r.id));
    const result: Report = {
      scenario: 'two pages, flusher page closed',
      calls: ids.size,
      stored: [...ids].filter((id) => backend.calls.has(id)).length,
      duplicates: backend.stats.duplicates,
      attempts: backend.requestsTo('PUT', '/calls/').length,
      deadLettered: 0,
      queued: 0,
      lost: [...ids].filter((id) => !backend.calls.has(id)).length,
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
    backend.failNext(1, { status: 429, headers: { 'Retry-After': '1' } });
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
    backend.requireToken('fresh');
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
    manual.emit({ type: 'ringing', callSid: 'CAhtml0001' });
    el.hangup();
    await until(() => stored.length === 1, 'call-stored');
    expect(backend.calls.get('manual:CAhtml0001')).to.deep.include({ userId: 'html-user', leadId: 'lead-html' });
  });

  it('recording found later through GET /calls/{id}/recording is upserted into the record', async () => {
    outboxNames = isolatedOutbox();
    configure({ storage: httpStorage(), outbox: outboxNames, recordingDelaysMs: [20, 20, 20, 20] });
    const [record] = await makeCalls(1);
    await until(() => backend.requestsTo('GET', `/calls/${encodeURIComponent(record!.id)}/recording`).length === 2, 'two looks');
    backend.recordings.set(record!.id, 'https://recordings.example/found.mp3');
    await until(() => backend.calls.get(record!.id)?.recordingUrl === 'https://recordings.example/found.mp3', 'upserted');
    await settled();
    const result = await report('recording upserted later', [record!]);
    expect(result.attempts).to.equal(2);
    expect(backend.stats.uniqueCalls).to.equal(1);
  });

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
