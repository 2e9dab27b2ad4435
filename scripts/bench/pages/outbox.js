// Outbox.enqueue (validation + read-merge-write in a strict-durability transaction) against a raw
// IndexedDB put of the same entry with the same durability, awaited until the transaction completes.
import { Outbox } from '/dist/bundle/runtime.js';
import { benchRecord } from './records.js';

/** A storage that never answers: the flusher's first sends hang, so only the durable write is timed. */
const neverAnswers = { name: 'never', saveCall: () => new Promise(() => {}), listCalls: async () => [] };

function openRaw(name) {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => request.result.createObjectStore('entries', { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function rawPut(db, record) {
  const entry = { id: record.id, record, revision: 1, attempts: 0, nextAttemptAt: 0, createdAt: Date.now(), state: 'pending' };
  return new Promise((resolve, reject) => {
    const tx = db.transaction('entries', 'readwrite', { durability: 'strict' });
    tx.objectStore('entries').put(entry);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

window.bench = {
  /** `ops` timed operations of each kind after `warmup`, in alternating blocks of `block`. */
  async run({ ops, warmup, block }) {
    const tag = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const outbox = new Outbox({
      storage: neverAnswers,
      dbName: `bench-outbox-${tag}`,
      lockName: `bench-outbox-${tag}`,
      channelName: `bench-outbox-${tag}`,
      useLocks: false,
    });
    const db = await openRaw(`bench-raw-${tag}`);
    let sequence = 0;
    const kinds = {
      outbox: () => outbox.enqueue(benchRecord(`DMoutbox${tag}${sequence++}`, sequence)),
      raw: () => rawPut(db, benchRecord(`DMraw${tag}${sequence++}`, sequence)),
    };
    for (let i = 0; i < warmup; i += 1) {
      await kinds.outbox();
      await kinds.raw();
    }
    const times = { outbox: [], raw: [] };
    for (let done = 0; done < ops; done += block) {
      const order = (done / block) % 2 ? ['raw', 'outbox'] : ['outbox', 'raw'];
      for (const kind of order) {
        for (let i = 0; i < Math.min(block, ops - done); i += 1) {
          const start = performance.now();
          await kinds[kind]();
          times[kind].push(performance.now() - start);
        }
      }
    }
    const durable = outbox.durable;
    // Not awaited: stop() waits for the sends in flight, and these never end.
    void outbox.stop();
    db.close();
    return { times, durable };
  },
};
