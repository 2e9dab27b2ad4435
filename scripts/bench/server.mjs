// call-elements/server under load, on loopback with plain fetch: PUT /calls/{id} throughput and p95
// latency at concurrency 20 on PGlite (on disk) and on PostgreSQL (a throw-away cluster, fsync off),
// against a bare node:http server that answers 200 at once (the ceiling of this HTTP path), and
// 10,000 records stored by POST /calls:batch against the same records sent one PUT each. The client
// and the server share one Node process (and its one JavaScript thread), as the reference does.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findPostgresBin, startTemporaryPostgres } from '../server/postgres.mjs';
import { DIST } from './lib/paths.mjs';
import { percentile } from './lib/stats.mjs';

export const SERVER_BENCH = { puts: 2000, warmup: 200, concurrency: 20, records: 10_000, batchSize: 500 };

const USER = { userId: 'bench', roles: ['AGENT'], organizationIds: ['bench-org'] };
const HEADERS = { Authorization: 'Bearer bench', 'Content-Type': 'application/json' };

/** The built package (run.mjs builds it first): the server, and the storage contract's record as the browser sends it. */
async function loadBuilt() {
  const load = (path) => import(pathToFileURL(join(DIST, path)).href);
  const [{ createCallServer, serveNode }, { contractRecord }] = await Promise.all([load('server/index.js'), load('storage/contract.js')]);
  return { createCallServer, serveNode, record: () => contractRecord({ provider: 'twilio', userId: 'bench' }) };
}

/** `count` requests made by `concurrency` workers; resolves to each request's latency (ms) and the wall time. */
async function load(count, concurrency, send) {
  const latencies = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      next += 1;
      const sent = performance.now();
      const response = await send();
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

const putOne = (baseUrl, record) => () => {
  const body = record();
  return fetch(`${baseUrl}/api/calls/${encodeURIComponent(body.id)}`, { method: 'PUT', headers: { ...HEADERS, 'Idempotency-Key': body.id }, body: JSON.stringify(body) });
};

async function putFigures(baseUrl, record) {
  const { puts, warmup, concurrency } = SERVER_BENCH;
  await load(warmup, concurrency, putOne(baseUrl, record));
  const { latencies, seconds } = await load(puts, concurrency, putOne(baseUrl, record));
  return { perSecond: puts / seconds, p95: percentile(latencies, 95) };
}

async function batchFigures(baseUrl, record) {
  const { records, batchSize, concurrency } = SERVER_BENCH;
  const single = await load(records, concurrency, putOne(baseUrl, record));
  const batched = await load(records / batchSize, 1, async () => {
    const items = Array.from({ length: batchSize }, () => record());
    const response = await fetch(`${baseUrl}/api/calls:batch`, { method: 'POST', headers: HEADERS, body: JSON.stringify({ items }) });
    const { results } = await response.clone().json();
    if (results.length !== batchSize || results.some((result) => result.status !== 200)) throw new Error('a batch was not stored whole');
    return response;
  });
  return { singleSeconds: single.seconds, batchSeconds: batched.seconds };
}

async function bareReference(record) {
  const http = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"id":"x"}'));
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  try {
    return await putFigures(`http://127.0.0.1:${http.address().port}`, record);
  } finally {
    await new Promise((resolve) => http.close(resolve));
  }
}

async function measure({ createCallServer, serveNode, record }, label, database, bare) {
  const server = await createCallServer({ database, authenticate: () => USER, secretKey: 'bench-secret-key-0123456789-abcdefghijkl', logger: false });
  const http = await serveNode(server, { port: 0 });
  try {
    const put = await putFigures(http.url, record);
    const batch = await batchFigures(http.url, record);
    const { concurrency, records, batchSize } = SERVER_BENCH;
    return {
      data: { put, batch },
      rows: [
        {
          name: `server ${label}: PUT /calls, throughput`,
          figure: put.perSecond,
          unit: 'req/s',
          reference: `bare node:http ${Math.round(bare.perSecond)} req/s`,
          ratio: put.perSecond / bare.perSecond,
          note: `concurrency ${concurrency}, loopback, plain fetch in the server's process`,
        },
        {
          name: `server ${label}: PUT /calls, p95`,
          figure: put.p95,
          unit: 'ms',
          reference: `bare node:http ${bare.p95.toFixed(2)} ms`,
          ratio: put.p95 / bare.p95,
          note: `concurrency ${concurrency}`,
        },
        {
          name: `server ${label}: ${records.toLocaleString('en-US')} records by batch`,
          figure: batch.batchSeconds,
          unit: 's',
          reference: `one PUT each ${batch.singleSeconds.toFixed(2)} s`,
          ratio: batch.batchSeconds / batch.singleSeconds,
          note: `POST /calls:batch of ${batchSize}, one at a time; PUTs at concurrency ${concurrency}`,
        },
      ],
    };
  } finally {
    await http.close();
    await server.close();
  }
}

export async function serverBench() {
  const built = await loadBuilt();
  const bare = await bareReference(built.record);
  const dataDir = mkdtempSync(join(tmpdir(), 'call-elements-bench-'));
  const results = {};
  try {
    results.pglite = await measure(built, 'PGlite', { dataDir }, bare);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const bin = findPostgresBin();
  if (!bin) throw new Error('no PostgreSQL binaries (apt-get install postgresql): the PGlite figures were measured, PostgreSQL not');
  const postgres = await startTemporaryPostgres(bin);
  try {
    results.postgres = await measure(built, 'PostgreSQL', { url: postgres.url, max: SERVER_BENCH.concurrency }, bare);
  } finally {
    postgres.stop();
  }
  return {
    rows: [...results.pglite.rows, ...results.postgres.rows],
    data: { options: SERVER_BENCH, bare, pglite: results.pglite.data, postgres: results.postgres.data },
  };
}
