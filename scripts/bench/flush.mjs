// Flush throughput: 1,000 queued records sent by the outbox to a local HTTP server, against 1,000
// raw fetch PUTs with the same concurrency from the same page.
import { assertClean, openBenchPage } from './lib/browser.mjs';
import { PAGES } from './lib/paths.mjs';

export const FLUSH = { count: 1000, concurrency: 4, timeoutMs: 60_000 };

async function until(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export async function flushBench({ browser, server }) {
  const page = await openBenchPage(browser, `${server.origin}${PAGES}/flush.html`);
  const stamp = Date.now().toString(36);
  try {
    const outboxRun = `outbox-${stamp}`;
    const counters = server.api(outboxRun);
    counters.expected = FLUSH.count;
    const queued = await page.evaluate((options) => window.bench.queue(options), { run: outboxRun, ...FLUSH });
    if (queued.queued !== FLUSH.count || !queued.durable) throw new Error(`queued ${queued.queued} records (durable: ${queued.durable})`);
    if (counters.puts !== 0) throw new Error('the outbox sent records while the flusher lock was held');
    const startedAt = await page.evaluate(() => window.bench.release());
    await until(() => counters.doneAt !== undefined, FLUSH.timeoutMs, `${FLUSH.count} records at the server`);
    const flushMs = counters.doneAt - startedAt;
    const settled = await page.evaluate((count) => window.bench.settle(count), FLUSH.count);

    const rawRun = `raw-${stamp}`;
    const raw = server.api(rawRun);
    raw.expected = FLUSH.count;
    const fetched = await page.evaluate((options) => window.bench.rawFetch(options), { run: rawRun, ...FLUSH });
    await until(() => raw.doneAt !== undefined, FLUSH.timeoutMs, `${FLUSH.count} raw records at the server`);
    const rawMs = raw.doneAt - fetched.startedAt;
    assertClean(page, 'flush');

    const unique = counters.ids.size;
    const duplicates = counters.puts - unique;
    if (unique !== FLUSH.count) throw new Error(`the server stored ${unique} unique ids, expected ${FLUSH.count}`);
    const rate = (FLUSH.count / flushMs) * 1000;
    const rawRate = (FLUSH.count / rawMs) * 1000;
    return {
      rows: [
        {
          name: `flush: ${FLUSH.count.toLocaleString('en-US')} queued records → HTTP`,
          figure: rate,
          unit: 'records/s',
          reference: `raw fetch ×${FLUSH.concurrency} ${Math.round(rawRate)}/s`,
          ratio: rate / rawRate,
          note: `${unique} unique ids stored, ${duplicates} duplicates, ${settled.left} left queued; queueing took ${(queued.queueMs / 1000).toFixed(1)} s`,
        },
      ],
      data: {
        options: FLUSH,
        outbox: { flushMs, recordsPerSecond: rate, puts: counters.puts, uniqueIds: unique, duplicates, queueMs: queued.queueMs, leftInQueue: settled.left, storedEvents: settled.stored },
        raw: { ms: rawMs, recordsPerSecond: rawRate, puts: raw.puts, uniqueIds: raw.ids.size },
      },
    };
  } finally {
    await page.close();
  }
}
