// Records an earlier page left in the queue are sent as soon as a page with the elements loads, although
// the queue's code is otherwise downloaded on the first call. This file must not import
// test/helpers/reset.ts, nor anything else that imports src/calls/engine.ts.
import { expect, fixture, html } from '@open-wc/testing';
import { configure } from '../../src/config.js';
import { pageRuntime, resetPageRuntime } from '../../src/calls/page-runtime.js';
import type { CallRecord } from '../../src/schema/call-record.js';
import { QUEUE_DB_VERSION } from '../../src/outbox/queue-db.js';
import '../../src/elements/call-button/define.js';
import { createMemoryStorage } from '../../src/storage/memory/index.js';
import { until } from '../helpers/manual-provider.js';
import { isolatedOutbox } from '../helpers/outbox-names.js';
import { sampleRecord } from '../helpers/records.js';

/** An entry as version 1 of the queue kept it: one record per entry, keyed by its id. */
interface LegacyEntry {
  id: string;
  record: CallRecord;
  revision: number;
  attempts: number;
  nextAttemptAt: number;
  createdAt: number;
  state: 'pending' | 'dead';
}

/** Writes the queue's database as an earlier version of the library left it (version 1, store "entries"). */
function leaveInQueue(dbName: string, entry: LegacyEntry): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(dbName, 1);
    request.onupgradeneeded = () => request.result.createObjectStore('entries', { keyPath: 'id' });
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const tx = db.transaction('entries', 'readwrite');
      tx.objectStore('entries').put(entry);
      tx.oncomplete = () => (db.close(), resolve());
      tx.onerror = () => reject(tx.error);
    };
  });
}

describe('<call-button>: records left by an earlier page', () => {
  it('loads the queue when it holds records (of an earlier version of the queue), and sends them without waiting for a call', async () => {
    const outbox = isolatedOutbox();
    const record = sampleRecord();
    await leaveInQueue(outbox.dbName, { id: record.id, record, revision: 1, attempts: 0, nextAttemptAt: 0, createdAt: Date.now(), state: 'pending' });
    const storage = createMemoryStorage();
    configure({ storage, outbox });
    expect(pageRuntime().engine() === undefined, 'engine not loaded before the element').to.equal(true);

    await fixture(html`<call-button number="+33123456789"></call-button>`);
    await until(async () => (await storage.listCalls()).length > 0, 'record sent');
    expect((await storage.listCalls()).map((r) => r.id)).to.deep.equal([record.id]);
    expect(pageRuntime().engine() !== undefined, 'engine loaded').to.equal(true);
  });
});

/** Writes an entry as another tab's queue does (store "queue"), at `version` (2: as an earlier version left it). */
function queueAsAnotherTab(dbName: string, record: CallRecord, version = QUEUE_DB_VERSION): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(dbName, version);
    request.onupgradeneeded = () => {
      request.result.createObjectStore('queue', { keyPath: 'key' });
      if (version >= 3) request.result.createObjectStore('sent', { keyPath: 'key' });
    };
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const tx = db.transaction('queue', 'readwrite');
      tx.objectStore('queue').put({ key: `call:${record.id}`, id: record.id, kind: 'call', record, revision: 1, attempts: 0, nextAttemptAt: 0, createdAt: Date.now(), state: 'pending' });
      tx.oncomplete = () => (db.close(), resolve());
      tx.onerror = () => reject(tx.error);
    };
  });
}

describe('<call-button>: records left by a page of the version before', () => {
  it('keeps the entries of a queue at version 2 (no receipts yet) through the upgrade, and sends them', async () => {
    const outbox = isolatedOutbox();
    const record = sampleRecord();
    await queueAsAnotherTab(outbox.dbName, record, 2);
    const storage = createMemoryStorage();
    configure({ storage, outbox });
    await fixture(html`<call-button number="+33123456789"></call-button>`);
    await until(async () => (await storage.listCalls()).length > 0, 'record sent');
    expect((await storage.listCalls()).map((r) => r.id)).to.deep.equal([record.id]);
  });
});

describe('the queue resumes when the network comes back', () => {
  it('on "online", a page that found its queue empty at load looks again, and sends what waits', async () => {
    await resetPageRuntime();
    const outbox = isolatedOutbox();
    const storage = createMemoryStorage();
    configure({ storage, outbox });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pageRuntime().engine() === undefined, 'an empty queue loads nothing').to.equal(true);
    const record = sampleRecord();
    await queueAsAnotherTab(outbox.dbName, record);
    window.dispatchEvent(new Event('online'));
    await until(async () => (await storage.listCalls()).length > 0, 'record sent');
    expect((await storage.listCalls()).map((r) => r.id)).to.deep.equal([record.id]);
  });
});
