import { expect } from '@open-wc/testing';
import { openDB } from 'idb';
import { Outbox, type OutboxEvent, type OutboxOptions } from '../../src/outbox/outbox.js';
import { $outbox } from '../../src/store/outbox.js';
import { CallElementsError } from '../../src/internal/errors.js';
import { loadLocale, translate, type AnyMessageKey } from '../../src/internal/localize.js';
import { createFlakyStorage, type FlakyStorage } from '../helpers/flaky-storage.js';
import { until, wait } from '../helpers/manual-provider.js';
import { sampleRecord } from '../helpers/records.js';
import type { CallRecord } from '../../src/schema/call-record.js';

let counter = 0;
const open: Outbox[] = [];

function names() {
  counter += 1;
  const id = `${Date.now()}-${counter}`;
  return { dbName: `outbox-test-${id}`, lockName: `outbox-lock-${id}`, channelName: `outbox-channel-${id}` };
}

function outbox(storage: FlakyStorage, options: Partial<OutboxOptions> = {}) {
  const box = new Outbox({ storage, baseDelayMs: 5, maxDelayMs: 50, random: () => 0.5, ...names(), ...options });
  open.push(box);
  const events: OutboxEvent[] = [];
  box.subscribe((event) => events.push(event));
  return { box, events };
}

describe('Outbox', () => {
  afterEach(async () => {
    await Promise.all(open.splice(0).map((box) => box.stop()));
  });

  it('writes the record durably to IndexedDB before any network call', async () => {
    const storage = createFlakyStorage();
    const dbNames = names();
    const seenInDb: unknown[] = [];
    storage.beforeSave = async (record) => {
      const db = await openDB(dbNames.dbName);
      seenInDb.push(await db.get('queue', `call:${record.id}`));
      db.close();
    };
    const { box } = outbox(storage, dbNames);
    const record = sampleRecord();
    await box.enqueue(record);
    await until(() => storage.inner && seenInDb.length === 1, 'a save');
    expect(seenInDb[0]).to.deep.include({ id: record.id, state: 'pending' });
    await until(async () => (await storage.inner.listCalls()).length === 1, 'stored');
  });

  it('merges the same id enqueued twice into one entry, newer fields winning', async () => {
    const storage = createFlakyStorage();
    storage.down = true;
    const { box } = outbox(storage);
    const record = sampleRecord();
    await box.enqueue(record);
    await box.enqueue({ ...record, recordingUrl: 'https://rec.example/a.mp3' });
    const entries = await box.entries();
    expect(entries).to.have.length(1);
    const entry = entries[0]!;
    if (entry.kind !== 'call') throw new Error(`a ${entry.kind} entry`);
    expect(entry.record.recordingUrl).to.equal('https://rec.example/a.mp3');
    expect(entry.record.leadId).to.equal(record.leadId);
    storage.down = false;
    await box.retryNow();
    await until(async () => (await box.entries()).length === 0, 'drained');
    const stored = await storage.inner.listCalls();
    expect(stored).to.have.length(1);
    expect(stored[0]!.recordingUrl).to.equal('https://rec.example/a.mp3');
  });

  it('retries transient failures with growing delays and stores once', async () => {
    const storage = createFlakyStorage();
    storage.faults.push({ status: 500 }, { status: 503 }, { status: 500 });
    const { box, events } = outbox(storage);
    const record = sampleRecord();
    await box.enqueue(record);
    await until(() => events.some((e) => e.type === 'stored'), 'stored', 5000);
    expect(storage.attempts.map((r) => r.id)).to.deep.equal([record.id, record.id, record.id, record.id]);
    expect(events.filter((e) => e.type === 'retrying').map((e) => (e as { attempts: number }).attempts)).to.deep.equal([1, 2, 3]);
    expect(await storage.inner.listCalls()).to.have.length(1);
  });

  it('publishes the last error with what its localised message needs', async () => {
    const storage = createFlakyStorage();
    storage.down = true;
    const { box } = outbox(storage);
    await box.enqueue(sampleRecord());
    await until(() => $outbox.get().lastError, 'a last error');
    const { code, params } = $outbox.get().lastError!;
    expect(code).to.equal('storage-failed');
    await loadLocale('fr');
    expect(translate('fr', `error.${code}` as AnyMessageKey, params)).to.equal('Impossible de joindre le stockage des appels : backend down');
    storage.down = false;
  });

  it('honours Retry-After', async () => {
    const storage = createFlakyStorage();
    storage.faults.push({ status: 429, retryAfterMs: 300 });
    const times: number[] = [];
    storage.beforeSave = () => void times.push(performance.now());
    const { box, events } = outbox(storage);
    await box.enqueue(sampleRecord());
    await until(() => events.some((e) => e.type === 'stored'), 'stored', 5000);
    expect(times).to.have.length(2);
    expect(times[1]! - times[0]!).to.be.at.least(290);
  });

  it('dead-letters a permanent refusal, keeps it visible, does not block the rest, and retries on demand', async () => {
    const storage = createFlakyStorage();
    storage.faults.push({ permanent: true, status: 422 });
    const { box, events } = outbox(storage, { concurrency: 1 });
    const poison = sampleRecord();
    const good = sampleRecord();
    await box.enqueue(poison);
    await box.enqueue(good);
    await until(() => events.some((e) => e.type === 'stored' && e.id === good.id), 'good stored');
    await until(() => $outbox.get().deadLetters.length === 1, '$outbox dead letter');
    expect($outbox.get().deadLetters[0]).to.deep.include({ id: poison.id, code: 'storage-rejected', attempts: 1 });
    const dead = (await box.entries()).find((e) => e.id === poison.id);
    expect(dead!.state).to.equal('dead');
    await wait(60);
    expect(storage.attempts.filter((r) => r.id === poison.id)).to.have.length(1);
    await box.retry(poison.id);
    await until(() => events.some((e) => e.type === 'stored' && e.id === poison.id), 'poison stored after retry');
    await until(() => $outbox.get().deadLetters.length === 0 && $outbox.get().pending === 0, '$outbox empty');
  });

  it('keeps a newer version enqueued while the older one is in flight', async () => {
    const storage = createFlakyStorage();
    storage.faults.push('hang');
    const { box } = outbox(storage);
    const record = sampleRecord();
    await box.enqueue(record);
    await until(() => storage.attempts.length === 1, 'in flight');
    await box.enqueue({ ...record, notes: 'added while sending' });
    storage.release();
    await until(async () => (await box.entries()).length === 0, 'drained');
    const [stored] = await storage.inner.listCalls();
    expect(stored!.notes).to.equal('added while sending');
    expect(storage.attempts).to.have.length(2);
  });

  it('survives a reload: a queued record is sent by the next page', async () => {
    const storage = createFlakyStorage();
    storage.down = true;
    const shared = names();
    const first = outbox(storage, shared);
    const record = sampleRecord();
    await first.box.enqueue(record);
    await first.box.stop();
    storage.down = false;
    const second = outbox(storage, shared);
    await until(() => second.events.some((e) => e.type === 'stored' && e.id === record.id), 'stored after reload');
    expect(await storage.inner.listCalls()).to.have.length(1);
  });

  it('stops even when the storage never answers, and the next page sends the record again (found by npm run bench)', async () => {
    const storage = createFlakyStorage();
    const shared = names();
    const hanging = outbox({ ...storage, saveCall: () => new Promise<void>(() => {}) } as FlakyStorage, shared);
    const record = sampleRecord();
    await hanging.box.enqueue(record);
    await until(() => $outbox.get().inFlight === 1, 'the send in flight');
    const stopped = await Promise.race([hanging.box.stop().then(() => 'stopped'), wait(4000).then(() => 'hung')]);
    expect(stopped).to.equal('stopped');
    const next = outbox(storage, shared);
    await until(() => next.events.some((e) => e.type === 'stored' && e.id === record.id), 'stored by the next page');
    expect(await storage.inner.listCalls()).to.have.length(1);
  });

  it('elects one flusher per lock; the next one takes over when the flusher goes away', async () => {
    const storage = createFlakyStorage();
    const shared = names();
    const a = outbox(storage, shared);
    await until(() => $outbox.get().flusher, 'a flusher');
    const b = outbox(storage, shared);
    storage.down = true;
    await b.box.enqueue(sampleRecord());
    await until(() => storage.attempts.length >= 1, 'a sends b’s record');
    await a.box.stop();
    storage.down = false;
    await until(async () => (await storage.inner.listCalls()).length === 1, 'b took over');
  });

  it('reports an unusable IndexedDB and still sends the record', async () => {
    const storage = createFlakyStorage();
    const { box, events } = outbox(storage, { useIndexedDb: false });
    await box.enqueue(sampleRecord());
    expect(events[0]).to.deep.include({ type: 'unavailable' });
    expect((events[0] as { error: CallElementsError }).error.code).to.equal('storage-unavailable');
    expect(events.find((e) => e.type === 'queued')).to.deep.include({ durable: false });
    await until(() => events.some((e) => e.type === 'stored'), 'stored without IndexedDB');
    await until(() => $outbox.get().durable === false, '$outbox durable false');
  });

  it('reports a full disk (QuotaExceededError) and keeps the record in memory', async () => {
    const storage = createFlakyStorage();
    storage.down = true;
    const { box, events } = outbox(storage);
    await box.entries();
    const originalPut = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    try {
      await box.enqueue(sampleRecord());
    } finally {
      IDBObjectStore.prototype.put = originalPut;
    }
    const unavailable = events.find((e) => e.type === 'unavailable') as { error: CallElementsError };
    expect(unavailable.error.code).to.equal('storage-quota');
    expect(await box.entries()).to.have.length(1);
    storage.down = false;
    await box.retryNow();
    await until(async () => (await storage.inner.listCalls()).length === 1, 'stored from memory');
  });

  it('retries at once when the browser comes back online', async () => {
    const storage = createFlakyStorage();
    storage.down = true;
    const { box, events } = outbox(storage, { baseDelayMs: 60_000, maxDelayMs: 60_000 });
    await box.enqueue(sampleRecord());
    await until(() => events.some((e) => e.type === 'retrying'), 'first failure');
    storage.down = false;
    window.dispatchEvent(new Event('online'));
    await until(() => events.some((e) => e.type === 'stored'), 'stored after online');
  });

  it('hands pending records to the keepalive path on pagehide without marking them stored', async () => {
    const storage = createFlakyStorage();
    storage.down = true;
    const { box } = outbox(storage);
    const record = sampleRecord();
    await box.enqueue(record);
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(storage.unloadSends.at(-1)!.map((r) => r.id)).to.include(record.id);
    expect((await box.entries()).map((e) => e.id)).to.deep.equal([record.id]);
  });

  it('captures an invalid record first, then keeps it as a dead letter saying why, never sending it', async () => {
    const storage = createFlakyStorage();
    const { box, events } = outbox(storage);
    const record = { ...sampleRecord(), durationSec: -1 };
    await box.enqueue(record);
    const dead = await until(() => events.find((e) => e.type === 'dead'), 'the dead letter');
    expect(dead).to.deep.include({ id: record.id, kind: 'call' });
    expect((dead as { error: CallElementsError }).error.code).to.equal('invalid-record');
    expect((dead as { error: CallElementsError }).error.message).to.contain('durationSec: must not be negative');
    const [entry] = await box.entries();
    expect(entry).to.deep.include({ id: record.id, state: 'dead' });
    expect(storage.attempts).to.deep.equal([]);
  });

  it('keeps a record that JSON cannot carry as a dead letter with the reason, instead of retrying it forever', async () => {
    const storage = createFlakyStorage();
    const { box, events } = outbox(storage);
    const record = { ...sampleRecord(), details: { callback: () => 1, big: BigInt(2) } } as unknown as CallRecord;
    await box.enqueue(record);
    const dead = await until(() => events.find((e) => e.type === 'dead'), 'the dead letter');
    expect((dead as { error: CallElementsError }).error.message).to.contain('details.callback: must not be a function');
    const [entry] = await box.entries();
    expect(entry!.state).to.equal('dead');
    expect(entry!.kind === 'call' && entry!.record.details).to.deep.equal({ callback: '[function]', big: '2n' });
    expect($outbox.get().durable, 'the queue itself is fine').to.equal(true);
    expect(storage.attempts).to.deep.equal([]);
  });
});
