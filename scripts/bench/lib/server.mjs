// The benchmarks' own HTTP server: the repository's static files under the demo's strict CSP, JS
// sent gzip-compressed (so that the bytes the browser downloads can be counted exactly), and a
// minimal backend for the flush benchmark (`PUT /bench-api/{run}/calls/{id}` → 200, ids counted).
import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CSP } from '../../serve.mjs';
import { ROOT } from './paths.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

// The render page loads two copies of lit (the library's bundle and the plain reference element),
// and each creates the "lit-html" Trusted Types policy: the policy name must be allowed twice.
const BENCH_CSP = CSP.replace('trusted-types lit-html', "trusted-types lit-html 'allow-duplicates'");

/** Same level as the size benchmark, so that both count the same bytes. */
export const GZIP_LEVEL = 9;

function fileFor(urlPath) {
  const candidate = normalize(join(ROOT, decodeURIComponent(urlPath)));
  if (!candidate.startsWith(ROOT + sep)) return undefined;
  if (candidate.includes(`${sep}node_modules${sep}`) || candidate.includes(`${sep}.git${sep}`)) return undefined;
  try {
    return statSync(candidate).isFile() ? candidate : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts the server on a free port of 127.0.0.1. `sent` lists every static response (path and
 * bytes on the wire, body only); `api(run)` gives the flush backend's counters for one run.
 */
export function startBenchServer() {
  const sent = [];
  const runs = new Map();
  const api = (run) => {
    if (!runs.has(run)) runs.set(run, { ids: new Set(), puts: 0, doneAt: undefined, expected: Infinity });
    return runs.get(run);
  };

  /** call-elements/server proxies the drain benchmark mounts (scripts/server/test-proxy.mjs). */
  const proxies = new Set();
  const server = createServer(async (req, res) => {
    for (const proxy of proxies) if (await proxy.handle(req, res)) return;
    const [path] = (req.url ?? '/').split('?');
    const call = /^\/bench-api\/([\w-]+)\/calls\/([^/]+)$/.exec(path);
    if (call) {
      if (req.method !== 'PUT') {
        res.writeHead(405).end();
        return;
      }
      // The body is read (as a real backend would) before answering.
      req.resume();
      req.on('end', () => {
        const counters = api(call[1]);
        counters.puts += 1;
        counters.ids.add(decodeURIComponent(call[2]));
        if (counters.ids.size >= counters.expected && counters.doneAt === undefined) counters.doneAt = Date.now();
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      });
      return;
    }
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const file = fileFor(path);
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    let body = readFileSync(file);
    const headers = {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': BENCH_CSP,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    };
    if (/\.m?js$/.test(file) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      body = gzipSync(body, { level: GZIP_LEVEL });
      headers['Content-Encoding'] = 'gzip';
    }
    headers['Content-Length'] = body.length;
    sent.push({ path, bytes: body.length, encoding: headers['Content-Encoding'] ?? 'identity' });
    res.writeHead(200, headers).end(body);
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const origin = `http://127.0.0.1:${server.address().port}`;
      resolve({
        origin,
        sent,
        api,
        /** Mounts a call-server proxy under /__call-server/; returns the function that removes it. */
        useProxy(proxy) {
          proxies.add(proxy);
          return () => proxies.delete(proxy);
        },
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}
