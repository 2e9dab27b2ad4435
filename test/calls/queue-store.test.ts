/**
 * The queue's entries as two tabs of one origin share them (two QueueStores on one database): a
 * hand-over (the entries a tab without IndexedDB gives away as it goes) is taken once, never after the
 * backend confirmed that version — whichever tab confirmed it, and however late the hand-over or the
 * confirmation's message comes — and never at the cost of a newer version.
 */
import { expect } from '@open-wc/testing';
import { captureEntry, type QueueEntry } from '../../src/outbox/entry.js';
import { QueueStore } from '../../src/outbox/queue-store.js';
import { isolatedOutbox } from '../helpers/outbox-names.js';
import { sampleRecord } from '../helpers/records.js';

const open: QueueStore[] = [];

function tab(dbName: string, tabId: string, useIndexedDb = true): QueueStore {
  const store = new QueueStore({ dbName, useIndexedDb, tabId, now: () => Date.now(), onDurability: () => undefined });
  open.push(store);
  return store;
}

/** The entries a tab without IndexedDB would hand over: captured in its memory. */
async function handOver(...records: ReturnType<typeof sampleRecord>[]): Promise<QueueEntry[]> {
  const memoryTab = tab('unused', 'memory-tab', false);
  await memoryTab.ready;
  for (const record of records) await memoryTab.capture({ kind: 'call', record }, true);
  return memoryTab.memoryEntries();
}

describe('QueueStore: hand-overs between tabs', () => {
  afterEach(() => {
    for (const store of open.splice(0)) store.close();
  });

  it('a hand-over that reaches a tab after another tab confirmed it (before the "stored" message) is not queued again', async () => {
    const { dbName } = isolatedOutbox();
    const sender = tab(dbName, 'sender');
    const other = tab(dbName, 'other');
    await Promise.all([sender.ready, other.ready]);
    const [entry] = await handOver(sampleRecord());
    await sender.adopt([entry!]);
    const [queued] = await sender.entries();
    expect(queued?.key).to.equal(entry!.key);
    await sender.removeSent(queued!);
    // The other tab never heard of the confirmation: its own memory knows nothing of it.
    await other.adopt([entry!]);
    expect(await other.entries()).to.deep.equal([]);
    expect(await sender.entries()).to.deep.equal([]);
  });

  it('the same tab: a second hand-over after the confirmation is not queued again', async () => {
    const { dbName } = isolatedOutbox();
    const sender = tab(dbName, 'sender');
    await sender.ready;
    const [entry] = await handOver(sampleRecord());
    await sender.adopt([entry!]);
    await sender.removeSent((await sender.entries())[0]!);
    await sender.adopt([entry!]);
    expect(await sender.entries()).to.deep.equal([]);
  });

  it('a hand-over and a confirmation racing: the entry is never left queued after its version was stored', async () => {
    const { dbName } = isolatedOutbox();
    const sender = tab(dbName, 'sender');
    const other = tab(dbName, 'other');
    await Promise.all([sender.ready, other.ready]);
    const records = Array.from({ length: 20 }, () => sampleRecord());
    const entries = await handOver(...records);
    await sender.adopt(entries);
    const queued = await sender.entries();
    // Confirmations and the second hand-over interleave, in no particular order.
    await Promise.all([...queued.map((entry) => sender.removeSent(entry)), other.adopt(entries), sender.adopt(entries)]);
    expect(await other.entries()).to.deep.equal([]);
  });

  it('a newer version of a handed-over entry is taken, on disk and after a confirmation of the older one', async () => {
    const { dbName } = isolatedOutbox();
    const sender = tab(dbName, 'sender');
    await sender.ready;
    const record = sampleRecord();
    const [first] = await handOver(record);
    const second = captureEntry(first, { kind: 'call', record: { ...record, notes: 'added later' } }, Date.now(), 'memory-tab');
    expect(second.revision).to.equal(first!.revision + 1);
    await sender.adopt([first!]);
    await sender.adopt([second]);
    const [queued] = await sender.entries();
    expect(queued?.revision).to.equal(second.revision);
    expect((queued as Extract<QueueEntry, { kind: 'call' }>).record.notes).to.equal('added later');
    // An older hand-over does not replace it.
    await sender.adopt([first!]);
    expect((await sender.entries())[0]?.revision).to.equal(second.revision);
    // Only the older one confirmed: the newer one is still taken.
    await sender.removeSent(first!);
    expect((await sender.entries()).map((entry) => entry.revision)).to.deep.equal([second.revision]);
  });

  it('the same call captured again after it was stored (a new entry, revision 1 again) is taken, not mistaken for the stored one', async () => {
    const { dbName } = isolatedOutbox();
    const sender = tab(dbName, 'sender');
    await sender.ready;
    const record = sampleRecord();
    const [stored] = await handOver(record);
    await sender.adopt([stored!]);
    await sender.removeSent((await sender.entries())[0]!);
    const again = { ...captureEntry(undefined, { kind: 'call', record: { ...record, notes: 'after the call' } }, stored!.createdAt + 5, 'memory-tab') };
    expect(again.revision).to.equal(stored!.revision);
    await sender.adopt([again]);
    const [queued] = await sender.entries();
    expect((queued as Extract<QueueEntry, { kind: 'call' }>).record.notes).to.equal('after the call');
  });

  it('a tab without IndexedDB: a hand-over of a version it heard was stored is not taken, a newer one is', async () => {
    const memoryTab = tab('unused', 'memory', false);
    await memoryTab.ready;
    const [entry] = await handOver(sampleRecord());
    memoryTab.noteStored(entry!.key, { revision: entry!.revision, createdAt: entry!.createdAt });
    await memoryTab.adopt([entry!]);
    expect(memoryTab.memoryEntries()).to.deep.equal([]);
    const newer = { ...entry!, revision: entry!.revision + 1 };
    await memoryTab.adopt([newer]);
    expect(memoryTab.memoryEntries().map((e) => e.revision)).to.deep.equal([newer.revision]);
  });
});
