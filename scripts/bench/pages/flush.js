// Flush throughput: N records queued in the outbox (HTTP storage) while another holder keeps the
// flusher lock, then the lock is released and the outbox sends them; against N raw fetch PUTs.
import { Outbox } from '/dist/bundle/runtime.js';
import { createHttpStorage } from '/dist/bundle/storage/http.js';
import { benchRecord } from './records.js';

let pending;

window.bench = {
  /** Queues `count` records without sending any (the flusher lock is held here). */
  async queue({ run, count, concurrency }) {
    const lockName = `bench-flush-${run}`;
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await new Promise((acquired) =>
      navigator.locks.request(lockName, () => {
        acquired();
        return held;
      }),
    );
    const outbox = new Outbox({
      storage: createHttpStorage({ baseUrl: `/bench-api/${run}` }),
      dbName: lockName,
      lockName,
      channelName: lockName,
      concurrency,
    });
    let stored = 0;
    outbox.subscribe((event) => {
      if (event.type === 'stored') stored += 1;
    });
    const start = performance.now();
    for (let i = 0; i < count; i += 1) await outbox.enqueue(benchRecord(`DMflush${run}x${i}`, i));
    const queueMs = performance.now() - start;
    const queued = (await outbox.entries()).length;
    pending = { outbox, release, stored: () => stored };
    return { queueMs, queued, durable: outbox.durable };
  },

  /** Lets the outbox take the flusher lock; returns the wall-clock time of the release. */
  release() {
    const startedAt = Date.now();
    pending.release();
    return startedAt;
  },

  /** What the outbox has left and how many records it saw confirmed; then stops it. */
  async settle(count) {
    const deadline = Date.now() + 30_000;
    while (pending.stored() < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const left = (await pending.outbox.entries()).length;
    const stored = pending.stored();
    await pending.outbox.stop();
    return { left, stored };
  },

  /** The same records sent with plain fetch, `concurrency` at a time (a pool, as fast as it goes). */
  async rawFetch({ run, count, concurrency }) {
    const records = Array.from({ length: count }, (_, i) => benchRecord(`DMraw${run}x${i}`, i));
    let next = 0;
    const startedAt = Date.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < records.length) {
          const record = records[next++];
          const response = await fetch(`/bench-api/${run}/calls/${encodeURIComponent(record.id)}`, {
            method: 'PUT',
            headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': record.id },
            body: JSON.stringify(record),
          });
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          await response.text();
        }
      }),
    );
    return { startedAt, endedAt: Date.now() };
  },
};
