// Outbox enqueue latency against a raw IndexedDB put with the same (strict) durability.
import { assertClean, openBenchPage } from './lib/browser.mjs';
import { PAGES } from './lib/paths.mjs';
import { median, percentile } from './lib/stats.mjs';

export const OUTBOX = { ops: 200, warmup: 20, block: 20 };

export async function outboxBench({ browser, server }) {
  const page = await openBenchPage(browser, `${server.origin}${PAGES}/outbox.html`);
  try {
    const { times, durable } = await page.evaluate((options) => window.bench.run(options), OUTBOX);
    assertClean(page, 'outbox');
    if (!durable) throw new Error('the outbox could not open IndexedDB: it would have measured the in-memory fallback');
    const stats = (list) => ({ median: median(list), p95: percentile(list, 95), mean: list.reduce((a, b) => a + b, 0) / list.length, ops: list.length });
    const outbox = stats(times.outbox);
    const raw = stats(times.raw);
    const note = `durability strict; ${OUTBOX.ops} ops each, alternating blocks of ${OUTBOX.block}`;
    return {
      rows: [
        {
          name: 'outbox: enqueue, median',
          figure: outbox.median,
          unit: 'ms',
          reference: `raw IDB put ${raw.median.toFixed(2)} ms`,
          ratio: outbox.median / raw.median,
          note,
        },
        {
          name: 'outbox: enqueue, p95',
          figure: outbox.p95,
          unit: 'ms',
          reference: `raw IDB put ${raw.p95.toFixed(2)} ms`,
          ratio: outbox.p95 / raw.p95,
          note,
        },
      ],
      data: { options: OUTBOX, outbox, raw, samples: times },
    };
  } finally {
    await page.close();
  }
}
