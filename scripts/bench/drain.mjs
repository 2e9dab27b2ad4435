// Drain after an outage: 10,000 records queued in one browser while call-elements/server is down,
// then the server back: the time until the last one is stored, with the queue sending batches
// (POST /calls:batch, which the server advertises) and with one PUT per record (the server's
// capabilities hidden, as a server without the batch route answers). On PGlite (on disk) and on
// PostgreSQL (a throw-away cluster, fsync off), each server behind the bench server's proxy
// (scripts/server/test-proxy.mjs: same origin as the page, the outage switch, the count of what it stored).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createServerProxy } from '../server/test-proxy.mjs';
import { findPostgresBin, startTemporaryPostgres } from '../server/postgres.mjs';
import { assertClean, openBenchPage } from './lib/browser.mjs';
import { DIST, PAGES } from './lib/paths.mjs';

export const DRAIN = { count: 10_000, slice: 500, parallel: 50, timeoutMs: 15 * 60_000 };

async function until(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function drainOnce({ browser, server }, proxy, label, mode, stamp) {
  const run = `${label.toLowerCase()}-${mode}-${stamp}`;
  const space = proxy.space(run);
  space.batch = mode === 'batch';
  const page = await openBenchPage(browser, `${server.origin}${PAGES}/drain.html`);
  try {
    const baseUrl = `${server.origin}/__call-server/${run}/api`;
    await page.evaluate((options) => window.bench.prepare(options), { run, baseUrl });
    for (let from = 0; from < DRAIN.count; from += DRAIN.slice) {
      await page.evaluate((options) => window.bench.queue(options), { from, count: Math.min(DRAIN.slice, DRAIN.count - from), parallel: DRAIN.parallel });
    }
    const queued = await page.evaluate(() => window.bench.queued());
    if (queued.queued !== DRAIN.count || !queued.durable) throw new Error(`queued ${queued.queued} records (durable: ${queued.durable})`);
    space.down = true;
    await page.evaluate(() => window.bench.release());
    await until(() => space.requests.length > 0, 30_000, 'a first attempt while the server is down');
    space.down = false;
    const startedAt = Date.now();
    await page.evaluate(() => window.bench.online());
    await until(() => space.stored.size >= DRAIN.count, DRAIN.timeoutMs, `${DRAIN.count} records at the server`);
    const drainMs = Date.now() - startedAt;
    const settled = await page.evaluate((count) => window.bench.settle(count), DRAIN.count);
    // The browser logs the answers of the outage itself, and the 404 of the hidden capabilities: expected.
    const expected = mode === 'batch' ? ['status of 503'] : ['status of 503', 'status of 404'];
    page.problems = page.problems.filter((problem) => !expected.some((text) => problem.includes(text)));
    assertClean(page, 'drain');
    return {
      drainMs,
      recordsPerSecond: (DRAIN.count / drainMs) * 1000,
      // Counted by the proxy as it forwarded them (the failed attempt while down included).
      batches: space.batches,
      puts: space.puts,
      storedIds: space.stored.size,
      sentAgain: space.callRetries,
      leftInQueue: settled.left,
      confirmed: settled.stored,
      queueMs: queued.queueMs,
    };
  } finally {
    await page.close();
  }
}

async function measure(context, built, label, database) {
  const proxy = createServerProxy();
  const callServer = await built.createCallServer({ database, authenticate: proxy.authenticate, secretKey: 'bench-secret-key-0123456789-abcdefghijkl', logger: false });
  const http = await built.serveNode(callServer, { port: 0 });
  proxy.attach(http);
  const detach = context.server.useProxy(proxy);
  const stamp = Date.now().toString(36);
  try {
    const batch = await drainOnce(context, proxy, label, 'batch', stamp);
    const single = await drainOnce(context, proxy, label, 'single', stamp);
    for (const [mode, figures] of Object.entries({ batch, single })) {
      if (figures.storedIds !== DRAIN.count || figures.leftInQueue !== 0) throw new Error(`${label} ${mode}: ${figures.storedIds} stored, ${figures.leftInQueue} left queued`);
    }
    const count = DRAIN.count.toLocaleString('en-US');
    return {
      data: { batch, single },
      row: {
        name: `drain ${label}: ${count} queued records after an outage`,
        figure: batch.drainMs / 1000,
        unit: 's',
        reference: `one PUT each ${(single.drainMs / 1000).toFixed(1)} s`,
        ratio: batch.drainMs / single.drainMs,
        note: `one browser, batches: ${batch.batches} requests (${Math.round(batch.recordsPerSecond)} records/s), PUTs: ${single.puts} (${Math.round(single.recordsPerSecond)}/s); sent again ${batch.sentAgain} / ${single.sentAgain}, left queued 0`,
      },
    };
  } finally {
    detach();
    await http.close();
    await callServer.close();
  }
}

export async function drainBench(context) {
  const load = (path) => import(pathToFileURL(join(DIST, path)).href);
  const built = await load('server/index.js');
  const results = {};
  const dataDir = mkdtempSync(join(tmpdir(), 'call-elements-drain-'));
  try {
    results.pglite = await measure(context, built, 'PGlite', { dataDir });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const bin = findPostgresBin();
  if (!bin) throw new Error('no PostgreSQL binaries (apt-get install postgresql): the PGlite figures were measured, PostgreSQL not');
  const postgres = await startTemporaryPostgres(bin);
  try {
    results.postgres = await measure(context, built, 'PostgreSQL', { url: postgres.url });
  } finally {
    postgres.stop();
  }
  return {
    rows: [results.pglite.row, results.postgres.row],
    data: { options: DRAIN, pglite: results.pglite.data, postgres: results.postgres.data },
  };
}
