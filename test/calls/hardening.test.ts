/**
 * Regression tests for what an adversarial run of the library found (one test, or a few, per finding):
 * records held in memory by a tab that does not send, bad configure() input, records no storage can
 * keep, storage calls that never settle, a database held by another tab's version, a success that
 * must wake the rest, URLs that leave the origin or break the one URL rule, forged channel messages,
 * unbounded notifications, secrets in messages, and what a closing tab re-sends.
 */
import { expect } from '@open-wc/testing';
import { configure } from '../../src/config.js';
import { storeCall } from '../../src/calls/api.js';
import { getOutbox } from '../../src/calls/engine-api.js';
import { pageRuntime } from '../../src/calls/page-runtime.js';
import { CallElementsError } from '../../src/internal/errors.js';
import { redactSecrets } from '../../src/internal/redact.js';
import { Outbox, type OutboxEvent } from '../../src/outbox/outbox.js';
import { QUEUE_DB_VERSION } from '../../src/outbox/queue-db.js';
import { nextWake } from '../../src/outbox/send-policy.js';
import type { QueueEntry } from '../../src/outbox/entry.js';
import { createDemoProvider } from '../../src/providers/demo/index.js';
import type { CallRecord } from '../../src/schema/call-record.js';
import { createHttpStorage } from '../../src/storage/http/index.js';
import { normaliseBaseUrl } from '../../src/storage/http/base-url.js';
import type { CallStorage } from '../../src/storage/types.js';
import { $notifications } from '../../src/store/notifications.js';
import { MAX_ERROR_NOTIFICATIONS, pushNotification } from '../../src/store/push-notification.js';
import { $outbox } from '../../src/store/outbox.js';
import { thrownBy, rejectionOf } from '../helpers/errors.js';
import { createFlakyStorage } from '../helpers/flaky-storage.js';
import { until, wait } from '../helpers/manual-provider.js';
import { backendOutage, backendState, pageSetup } from '../helpers/pages.js';
import { sampleRecord } from '../helpers/records.js';
import { isolatedOutbox, resetLibrary } from '../helpers/reset.js';

const codeOf = (fn: () => unknown) => {
  const error = thrownBy(fn);
  expect(error, 'a CallElementsError, not a TypeError').to.be.instanceOf(CallElementsError);
  return (error as CallElementsError).code;
};

type FrameWindow = { outbox: Outbox; outboxState(): { flusher: boolean; pending: number } };

async function outboxFrame(name: string, names: ReturnType<typeof isolatedOutbox>, extra = ''): Promise<HTMLIFrameElement & { box: FrameWindow }> {
  const iframe = document.createElement('iframe');
  iframe.src = `/test/fixtures/outbox-frame.html?name=${name}&db=${names.dbName}&lock=${names.lockName}&channel=${names.channelName}${extra}`;
  document.body.append(iframe);
  await until(() => (iframe.contentWindow as unknown as { frameReady?: boolean })?.frameReady, `${name} loaded`);
  return Object.assign(iframe, { box: iframe.contentWindow as unknown as FrameWindow });
}

describe('hardening (findings of an adversarial run)', function () {
  this.timeout(20_000);
  beforeEach(resetLibrary);
  afterEach(async () => {
    document.querySelectorAll('iframe').forEach((frame) => frame.remove());
    await resetLibrary();
  });

  /**
   * The storage the frames use. A request that times out is sent again (by design: the backend stores it
   * once, by id), and these tests count the PUTs: the time limit is long enough that a loaded machine never
   * reaches it (at 2 s one did). `keepalive: false`: the memory tab's storage has no `saveCallsOnUnload`.
   * On `pagehide` a closing tab also sends its records with `keepalive`, by design without marking them
   * stored (the backend upserts by id); sent while the backend is down, such a request can reach it after
   * it is back (a loaded Firefox did), and would count as a second PUT of what the hand-over tests count.
   */
  function frameStorages(space: string, { keepalive = true } = {}) {
    const storage = createHttpStorage({ baseUrl: `/__backend/${space}`, timeoutMs: 15_000 });
    const { saveCallsOnUnload: _unused, ...withoutUnload } = storage;
    Object.assign(window, { frameStorage: (name: string): CallStorage => (name === 'memory' && !keepalive ? withoutUnload : storage) });
  }

  describe('a tab that does not send, keeping records in memory (IndexedDB unusable)', () => {

    it('sends them itself while it is open: 20 of 20', async () => {
      const { space, names } = pageSetup();
      frameStorages(space);
      const sender = await outboxFrame('sender', names);
      await until(() => sender.box.outboxState().flusher, 'the sending tab elected');
      const memoryTab = await outboxFrame('memory', names, '&memory=1');
      expect(memoryTab.box.outboxState().flusher).to.equal(false);
      const made = Array.from({ length: 20 }, (_, i) => sampleRecord({ leadId: `memory-${i}` }));
      for (const record of made) await memoryTab.box.outbox.enqueue(record);
      await until(async () => Object.keys((await backendState(space)).calls).length === 20, 'all 20 stored');
      const { puts } = await backendState(space);
      expect(made.every((record) => puts[`calls:${record.id}`] === 1)).to.equal(true);
    });

    it('hands them to another tab when it closes with the backend down: all 20 stored once', async () => {
      const { space, names } = pageSetup();
      frameStorages(space, { keepalive: false });
      const sender = await outboxFrame('sender', names);
      await until(() => sender.box.outboxState().flusher, 'the sending tab elected');
      const memoryTab = await outboxFrame('memory', names, '&memory=1');
      await backendOutage(space, true);
      const made = Array.from({ length: 20 }, (_, i) => sampleRecord({ leadId: `adopted-${i}` }));
      for (const record of made) await memoryTab.box.outbox.enqueue(record);
      memoryTab.contentWindow!.dispatchEvent(new PageTransitionEvent('pagehide'));
      memoryTab.remove();
      await until(async () => (await sender.box.outbox.entries()).length === 20, 'the other tab holds them');
      await backendOutage(space, false);
      await sender.box.outbox.retryNow();
      await until(async () => Object.keys((await backendState(space)).calls).length === 20, 'all 20 stored');
      await wait(100);
      const { puts } = await backendState(space);
      expect(made.map((record) => puts[`calls:${record.id}`])).to.deep.equal(made.map(() => 1));
    });
  });

  describe('a hand-over that comes again after its records were stored (pagehide fires twice, or late)', () => {
    it('is not taken again: every record is sent once', async () => {
      const { space, names } = pageSetup();
      frameStorages(space, { keepalive: false });
      const sender = await outboxFrame('sender', names);
      await until(() => sender.box.outboxState().flusher, 'the sending tab elected');
      const memoryTab = await outboxFrame('memory', names, '&memory=1');
      await backendOutage(space, true);
      const made = Array.from({ length: 10 }, (_, i) => sampleRecord({ leadId: `again-${i}` }));
      for (const record of made) await memoryTab.box.outbox.enqueue(record);
      const handedOver = (await memoryTab.box.outbox.entries()) as QueueEntry[];
      memoryTab.contentWindow!.dispatchEvent(new PageTransitionEvent('pagehide'));
      memoryTab.remove();
      await until(async () => (await sender.box.outbox.entries()).length === 10, 'the other tab holds them');
      await backendOutage(space, false);
      await sender.box.outbox.retryNow();
      await until(async () => (await sender.box.outbox.entries()).length === 0, 'all sent');

      // The same hand-over once more, as a second pagehide of the closing tab would post it; then one new
      // entry, whose arrival at the backend shows the late hand-over has been dealt with.
      const marker = sampleRecord({ leadId: 'marker' });
      const markerEntry = { ...handedOver[0]!, key: `call:${marker.id}`, id: marker.id, record: marker } as QueueEntry;
      const channel = new BroadcastChannel(names.channelName);
      channel.postMessage({ type: 'adopt', entries: handedOver });
      channel.postMessage({ type: 'adopt', entries: [markerEntry] });
      channel.close();
      await until(async () => (await backendState(space)).puts[`calls:${marker.id}`] === 1, 'the marker stored');
      await until(async () => (await sender.box.outbox.entries()).length === 0, 'nothing left queued');
      const { puts } = await backendState(space);
      expect(made.map((record) => puts[`calls:${record.id}`])).to.deep.equal(made.map(() => 1));
    });
  });

  describe('configure() refuses what it cannot use, with invalid-options', () => {
    it('anything that is not an object, wrong types, unknown keys', () => {
      expect(codeOf(() => configure(null as never))).to.equal('invalid-options');
      expect(codeOf(() => configure('x' as never))).to.equal('invalid-options');
      expect(codeOf(() => configure({ locale: 5 as never }))).to.equal('invalid-options');
      expect(codeOf(() => configure({ leadID: 'x' } as never))).to.equal('invalid-options');
      expect(codeOf(() => configure({ recordingDelaysMs: 'soon' as never }))).to.equal('invalid-options');
      expect(codeOf(() => configure({ traceActions: ['call-teleported' as never] }))).to.equal('invalid-options');
    });

    it('queue settings that would busy-loop, hammer a backend or stall the queue', () => {
      for (const outbox of [
        { concurrency: 'four' },
        { concurrency: 0 },
        { concurrency: 1.5 },
        { baseDelayMs: 0 },
        { baseDelayMs: -5 },
        { baseDelayMs: 'soon' },
        { baseDelayMs: Number.NaN },
        { maxDelayMs: 5, baseDelayMs: 100 },
        { sendTimeoutMs: 0 },
        { dbName: '' },
        { useLocks: 'yes' },
      ]) {
        const error = thrownBy(() => configure({ outbox: outbox as never })) as CallElementsError;
        expect(error, JSON.stringify(outbox)).to.be.instanceOf(CallElementsError);
        expect(error.code).to.equal('invalid-options');
        expect(error.message).to.match(/^Invalid options: outbox\./);
      }
    });

    it('nothing of a refused configuration is applied', () => {
      const storage = createFlakyStorage();
      configure({ storage, outbox: isolatedOutbox() });
      expect(codeOf(() => configure({ storage: createFlakyStorage(), outbox: { baseDelayMs: 0 } }))).to.equal('invalid-options');
      expect(pageRuntime().persistence.storage).to.equal(storage);
    });
  });

  it('a record no storage can keep (a function, a Symbol, a BigInt in details) is refused up front', async () => {
    for (const details of [{ callback: () => 1 }, { tag: Symbol('x') }, { big: BigInt(1) }]) {
      const error = (await rejectionOf(storeCall({ ...sampleRecord(), details }))) as CallElementsError;
      expect(error.code).to.equal('invalid-record');
      expect(error.message).to.contain('details: must hold only JSON values');
    }
    expect(await getOutbox().entries()).to.deep.equal([]);
  });

  describe('nothing hangs the queue', () => {
    it('a save that never settles times out as a transient failure; the rest is stored', async () => {
      const storage = createFlakyStorage();
      storage.faults.push('hang');
      const box = new Outbox({ storage, ...isolatedOutbox({ sendTimeoutMs: 150, concurrency: 1 }) });
      const events: OutboxEvent[] = [];
      box.subscribe((event) => events.push(event));
      const stuck = sampleRecord();
      const next = sampleRecord();
      await box.enqueue(stuck);
      await box.enqueue(next);
      await until(async () => (await storage.inner.listCalls()).length === 2, 'both stored');
      const retry = events.find((event) => event.type === 'retrying') as Extract<OutboxEvent, { type: 'retrying' }>;
      expect(retry.id).to.equal(stuck.id);
      expect(retry.error.message).to.contain('no answer to saveCall within 150 ms');
      storage.release();
      await box.stop();
    });

    it('another tab holding the queue at an older version: reported, kept in memory, sent, then moved to disk', async () => {
      const names = isolatedOutbox();
      const old = await new Promise<IDBDatabase>((resolve) => {
        const request = indexedDB.open(names.dbName, 1);
        request.onupgradeneeded = () => request.result.createObjectStore('entries', { keyPath: 'id' });
        request.onsuccess = () => resolve(request.result);
      });
      // An older version of the page never closes on "versionchange": the upgrade is blocked.
      const storage = createFlakyStorage();
      configure({ storage, outbox: names });
      const record = sampleRecord();
      await getOutbox().enqueue(record);
      const warning = await until(() => $notifications.get().find((n) => n.code === 'storage-unavailable'), 'the warning');
      expect(String(warning.params?.detail)).to.contain('another tab runs an older version');
      await until(async () => (await storage.inner.listCalls()).length === 1, 'sent from memory');
      expect($outbox.get().durable).to.equal(false);
      old.close();
      await until(() => $outbox.get().durable, 'on disk again once the other tab let go');
    });

    it('a newer version of the page taking the database over: reported, and this tab goes on in memory', async () => {
      const storage = createFlakyStorage();
      storage.down = true;
      const names = isolatedOutbox();
      configure({ storage, outbox: names });
      await getOutbox().enqueue(sampleRecord());
      await until(async () => (await getOutbox().entries()).length === 1, 'queued');
      const newer = await new Promise<IDBDatabase>((resolve) => {
        const request = indexedDB.open(names.dbName, QUEUE_DB_VERSION + 1);
        request.onsuccess = () => resolve(request.result);
      });
      const warning = await until(() => $notifications.get().find((n) => String(n.params?.detail).includes('newer version')), 'the warning');
      expect(warning.code).to.equal('storage-unavailable');
      newer.close();
      storage.down = false;
      const late = sampleRecord();
      await getOutbox().enqueue(late);
      await until(async () => (await storage.inner.listCalls()).some((r) => r.id === late.id), 'still sending');
    });
  });

  it('a success wakes what waits for its own backoff: records left by an outage go at once', async () => {
    const names = isolatedOutbox({ baseDelayMs: 1000, maxDelayMs: 3_600_000 });
    const storage = createFlakyStorage();
    // An earlier page left records that failed five times: their next attempt is an hour away.
    const waiting = Array.from({ length: 5 }, () => sampleRecord());
    const first = new Outbox({ storage: { ...storage, saveCall: () => Promise.reject(new CallElementsError('storage-failed')) }, ...names, concurrency: 5, useLocks: false });
    for (const record of waiting) await first.enqueue(record);
    await until(async () => (await first.entries()).every((entry) => entry.attempts > 0), 'each failed');
    await first.stop();
    await new Promise<void>((resolve) => {
      const request = indexedDB.open(names.dbName);
      request.onsuccess = () => {
        const db = request.result;
        const tx = db.transaction('queue', 'readwrite');
        const store = tx.objectStore('queue');
        const all = store.getAll();
        all.onsuccess = () => {
          for (const entry of all.result as QueueEntry[]) store.put({ ...entry, attempts: 5, nextAttemptAt: Date.now() + 3_600_000 });
        };
        tx.oncomplete = () => (db.close(), resolve());
      };
    });
    const box = new Outbox({ storage, ...names });
    await until(() => $outbox.get().flusher, 'sending');
    await wait(200);
    expect(await storage.inner.listCalls(), 'they wait for their backoff').to.have.length(0);
    await box.enqueue(sampleRecord());
    await until(async () => (await storage.inner.listCalls()).length === 6, 'all six stored after one success');
    await box.stop();
  });

  it('finds the next attempt of a queue of 140,000 entries (no Math.min(...list))', () => {
    const entries = Array.from({ length: 140_000 }, (_, i) => ({ state: 'pending', kind: 'call', nextAttemptAt: 1_000_000 - i }) as unknown as QueueEntry);
    expect(nextWake(entries, 0)).to.equal(1_000_000 - 139_999);
    expect(nextWake(entries, 2_000_000)).to.equal(2_000_000);
  });

  describe('one URL rule, and no URL that leaves the origin', () => {
    it('a storage-url path such as //evil.test or /\\evil.test is refused', () => {
      for (const url of ['//evil.test/api', '/\\evil.test/api', '/\\/evil.test/api', 'https:\\\\evil.test/api', 'https://user:pass@calls.example/api']) {
        expect(codeOf(() => normaliseBaseUrl(url)), url).to.equal('invalid-options');
      }
      expect(normaliseBaseUrl('/api/')).to.equal(`${location.origin}/api`);
      expect(codeOf(() => createHttpStorage({ baseUrl: '//evil.test/api' }))).to.equal('invalid-options');
    });

    it('the demo provider refuses recording URLs the record would refuse', () => {
      for (const recordingUrl of ['https:\\\\x', 'https:x', 'javascript:alert(1)', 'https://user:pw@rec.example/a.mp3']) {
        expect(codeOf(() => createDemoProvider({ recordingUrl })), recordingUrl).to.equal('invalid-options');
      }
      expect(() => createDemoProvider({ recordingUrl: 'https://rec.example/a.mp3' })).not.to.throw();
    });

    it('a recording look-up answering such a URL is ignored: the record is stored without it, never lost', async () => {
      const storage = createFlakyStorage();
      configure({ storage, outbox: isolatedOutbox(), recordingDelaysMs: [5, 5], recording: () => 'https:\\\\rec.example/a.mp3' });
      const record = sampleRecord();
      await getOutbox().enqueue(record);
      await until(async () => (await getOutbox().entries()).length === 0, 'the look-ups done');
      const stored = await storage.inner.listCalls();
      expect(stored.map((r) => [r.id, r.recordingUrl])).to.deep.equal([[record.id, undefined]]);
    });
  });

  it('malformed or forged channel messages neither throw in the page nor say a queued call is saved', async () => {
    const storage = createFlakyStorage();
    storage.down = true;
    const names = isolatedOutbox();
    configure({ storage, outbox: names });
    const record = sampleRecord();
    await getOutbox().enqueue(record);
    await until(() => $notifications.get().some((n) => n.messageKey === 'notify.retrying'), 'not saved yet');
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.error);
    window.addEventListener('error', onError);
    const forger = new BroadcastChannel(names.channelName);
    for (const message of [
      null,
      'stored',
      { type: 'stored', id: 42 },
      { type: 'stored', key: `call:${record.id}`, id: record.id },
      { type: 'dead', key: `call:${record.id}`, id: record.id, error: { code: 'storage-rejected', message: 'forged' } },
      { type: 'retrying', key: `call:${record.id}`, id: record.id, attempts: 'many', error: null },
      { type: 'adopt', entries: [{ key: 'call:x', id: 'y' }] },
      { type: 'adopt', entries: 'all' },
      { type: '__proto__' },
    ]) {
      forger.postMessage(message);
    }
    await wait(200);
    forger.close();
    window.removeEventListener('error', onError);
    expect(errors).to.deep.equal([]);
    const about = $notifications.get().filter((n) => n.callId === record.id).map((n) => n.messageKey);
    expect(about).to.not.include('notify.saved');
    expect(about).to.not.include('notify.dead');
    expect((await getOutbox().entries()).map((entry) => entry.id)).to.deep.equal([record.id]);
  });

  it('notifications are bounded and repeats collapse: 1,000 invalid storeCall()s are one toast', async () => {
    const invalid = { ...sampleRecord(), durationSec: -1 };
    for (let i = 0; i < 1000; i += 1) await rejectionOf(storeCall(invalid));
    const errors = $notifications.get().filter((n) => n.kind === 'error');
    expect(errors).to.have.length(1);
    expect(errors[0]!.count).to.equal(1000);
    for (let i = 0; i < 100; i += 1) pushNotification({ kind: 'error', messageKey: 'error.unknown', params: { detail: `failure ${i}` } });
    const kept = $notifications.get().filter((n) => n.kind === 'error');
    expect(kept).to.have.length(MAX_ERROR_NOTIFICATIONS);
    expect(kept.at(-1)!.params!.detail, 'the newest are kept').to.equal('failure 99');
  });

  describe('secrets stay out of messages', () => {
    const token = 'sk_live_8f3Kq2ZtW9xYbV4nR7mP1cA6';
    it('in every form a server may echo them back', () => {
      const echoes = [
        `bad token ${token}`,
        `bad token ${token.toUpperCase()}`,
        `bad token ${token.slice(0, 12)}\n${token.slice(12)}`,
        `bad token ${token.slice(0, 12)}\\n${token.slice(12)}`,
        `bad token ${encodeURIComponent(`Bearer ${token}`)}`,
        `bad token "${JSON.stringify(token).slice(1, -1)}"`,
        `bad token ${token.slice(0, 20)}…`,
      ];
      for (const echo of echoes) {
        const clean = redactSecrets(echo, [token]);
        expect(clean, echo).to.contain('[redacted]');
        expect(clean.toLowerCase(), echo).to.not.contain(token.slice(0, 12).toLowerCase());
      }
      expect(redactSecrets('nothing secret here', [token])).to.equal('nothing secret here');
    });

    it('credentials in a storage-url never reach the error message', async () => {
      const { CallButton } = await import('../../src/elements/call-button/define.js');
      const el = new CallButton();
      el.storageUrl = 'https://admin:hunter2-secret@calls.example/api';
      const errors: string[] = [];
      el.addEventListener('call-error', (event) => errors.push(event.detail.message));
      document.body.append(el);
      await until(() => errors.length > 0, 'call-error');
      el.remove();
      expect(errors.join(' ')).to.not.contain('hunter2');
      expect(errors.join(' ')).to.not.contain('admin:');
    });
  });

  it('a closing tab that does not send re-sends only what it queued itself', async () => {
    const { space, names } = pageSetup();
    const unloads: Record<string, CallRecord[][]> = { sender: [], other: [] };
    const storage = createHttpStorage({ baseUrl: `/__backend/${space}`, timeoutMs: 2000 });
    Object.assign(window, {
      frameStorage: (frame: string): CallStorage => ({
        name: `via-${frame}`,
        saveCall: (record) => storage.saveCall(record),
        listCalls: (query) => storage.listCalls(query),
        saveCallsOnUnload: (records) => {
          unloads[frame]!.push(records);
          return records.map((record) => record.id);
        },
      }),
    });
    await backendOutage(space, true);
    const sender = await outboxFrame('sender', names);
    await until(() => sender.box.outboxState().flusher, 'the sending tab elected');
    const other = await outboxFrame('other', names);
    const theirs = Array.from({ length: 3 }, () => sampleRecord());
    for (const record of theirs) await sender.box.outbox.enqueue(record);
    const mine = sampleRecord();
    await other.box.outbox.enqueue(mine);
    await until(async () => (await other.box.outbox.entries()).length === 4, 'four queued');
    // The sending tab learns of the other tab's record from the queue's notice, then a read of the queue (a
    // loaded WebKit took more than 100 ms): it sends on unload what it knows.
    await until(() => sender.box.outboxState().pending === 4, 'the sending tab knows of all four');
    other.contentWindow!.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(unloads.other!.map((batch) => batch.map((record) => record.id))).to.deep.equal([[mine.id]]);
    sender.contentWindow!.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(unloads.sender!.flat().map((record) => record.id).sort()).to.deep.equal([...theirs, mine].map((record) => record.id).sort());
    await backendOutage(space, false);
  });
});
