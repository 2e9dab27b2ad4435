// Drain after an outage: N records queued in one browser's outbox (HTTP storage, to call-elements/server
// behind the bench server's proxy) while another holder keeps the flusher lock; the lock is released
// while the server is down (the queue fails once and pauses), then the server comes back and the page
// goes "online": the drain is timed from there to the last record at the server.
import { Outbox } from '/dist/bundle/runtime.js';
import { createHttpStorage } from '/dist/bundle/storage/http.js';
import { benchRecord } from './records.js';

let pending;

window.bench = {
  /** An outbox that sends nothing yet (the flusher lock is held here). */
  async prepare({ run, baseUrl }) {
    const lockName = `bench-drain-${run}`;
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await new Promise((acquired) =>
      navigator.locks.request(lockName, () => {
        acquired();
        return held;
      }),
    );
    const outbox = new Outbox({ storage: createHttpStorage({ baseUrl }), dbName: lockName, lockName, channelName: lockName });
    let stored = 0;
    outbox.subscribe((event) => {
      if (event.type === 'stored') stored += 1;
    });
    pending = { run, outbox, release, stored: () => stored, queueMs: 0 };
  },

  /** Queues records `from` … `from + count - 1`, `parallel` captures at a time (in slices: one evaluation each). */
  async queue({ from, count, parallel }) {
    const start = performance.now();
    for (let i = from; i < from + count; i += parallel) {
      const slice = Math.min(parallel, from + count - i);
      await Promise.all(Array.from({ length: slice }, (_, j) => pending.outbox.enqueue(benchRecord(`DMdrain${pending.run}x${i + j}`, i + j))));
    }
    pending.queueMs += performance.now() - start;
  },

  async queued() {
    return { queued: (await pending.outbox.entries()).length, durable: pending.outbox.durable, queueMs: pending.queueMs };
  },

  /** Lets the outbox take the flusher lock (the server is down: its first round fails). */
  release() {
    pending.release();
  },

  /** The network is back: what the browser says when it is. */
  online() {
    window.dispatchEvent(new Event('online'));
  },

  /** What the outbox has left and how many records it saw confirmed; then stops it. */
  async settle(count) {
    const deadline = Date.now() + 60_000;
    while (pending.stored() < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const left = (await pending.outbox.entries()).length;
    const stored = pending.stored();
    await pending.outbox.stop();
    return { left, stored };
  },
};
