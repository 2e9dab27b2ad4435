// The demo's development server (`npm start`): the repository's static files (demo/ uses the built
// dist/ bundle, as a script-tag host would) under a strict Content-Security-Policy — so that the demo
// also proves the library needs no inline script, no eval and only the "lit-html" Trusted Types
// policy — and, on the same origin (connect-src 'self'), the library's reference server
// (createCallServer from dist/server) under /api, on PGlite in a local folder (.demo-data/ by default).
//
// Demo-only parts, never part of the library's server:
// - a development sign-in: every request is the user "demo-user" of the organisation "demo-org", with
//   the one role the page sends in its X-Demo-Role header (AGENT when there is none). It lets anyone
//   on this machine in, so the server listens on a loopback address only and answers only requests
//   whose Host is that address;
// - /demo-control/*, the page's switches: stop and restart the reference server (while it is
//   stopped every /api request answers 503), make it refuse records (PUT /api/calls/… answers 422),
//   clear the demo data, and the log of the requests /api answered.
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const DEFAULT_DATA_DIR = join(root, '.demo-data');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' https://workspace.aircall.io",
  "object-src 'none'",
  "base-uri 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

/** The roles the page's role switcher offers; the server gives ADMIN and MANAGER their powers. */
const DEMO_ROLES = ['AGENT', 'MANAGER', 'ADMIN'];
const API = '/api';
const CONTROL = '/demo-control';
const EVENTS_KEPT = 200;

function fileFor(urlPath) {
  const decoded = decodeURIComponent(urlPath.split('?')[0]);
  const candidate = normalize(join(root, decoded));
  if (candidate !== root && !candidate.startsWith(root + sep)) return undefined;
  try {
    const stat = statSync(candidate);
    if (stat.isDirectory()) return fileFor(join(decoded, 'index.html'));
    return candidate;
  } catch {
    return undefined;
  }
}

function sendJson(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readJsonBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 4096) throw new Error('body too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text.trim() === '' ? {} : JSON.parse(text);
}

/** The development sign-in (see the top of this file): the page's role, one fixed user and organisation. */
function demoAuthenticate(request) {
  const asked = request.headers.get('X-Demo-Role');
  return { userId: 'demo-user', roles: [DEMO_ROLES.includes(asked) ? asked : 'AGENT'], organizationIds: ['demo-org'] };
}

/** Refuses a second server on the same folder: two processes must never open one PGlite directory. */
function lockDataDir(dataDir) {
  const lock = join(dataDir, 'server.pid');
  try {
    const pid = Number(readFileSync(lock, 'utf8'));
    if (pid && pid !== process.pid) {
      process.kill(pid, 0);
      throw new Error(`${dataDir} is in use by another demo server (process ${pid}): stop it first, or give another folder in CALL_ELEMENTS_DEMO_DATA.`);
    }
  } catch (error) {
    // No lock file, or its process is gone: the folder is free.
    if (error.code !== 'ENOENT' && error.code !== 'ESRCH') throw error;
  }
  writeFileSync(lock, String(process.pid));
  return () => {
    try {
      if (Number(readFileSync(lock, 'utf8')) === process.pid) unlinkSync(lock);
    } catch {
      // already gone
    }
  };
}

/**
 * The reference server on PGlite in `dataDir`, which the switches stop, restart and wipe. Stopping
 * really closes it (and its database): the closed server answers every request 503 itself until a
 * new one has opened the same folder.
 */
async function createDemoBackend(dataDir) {
  const { createCallServer, nodeHandler } = await import('../dist/server/index.js');
  mkdirSync(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  // Kept with the data, so that an Aircall API key saved in an earlier run can still be decrypted.
  const keyFile = join(dataDir, 'secret-key');
  let secretKey;
  try {
    secretKey = readFileSync(keyFile, 'utf8').trim();
  } catch {
    secretKey = randomBytes(32).toString('base64');
    writeFileSync(keyFile, secretKey, { mode: 0o600 });
  }
  const database = { dataDir: join(dataDir, 'pglite') };
  const open = async () => {
    const server = await createCallServer({ database, secretKey, authenticate: demoAuthenticate });
    return { server, handle: nodeHandler(server) };
  };

  let current;
  try {
    current = await open();
  } catch (error) {
    unlock();
    throw error;
  }
  const state = { down: false, refuses: false };
  const events = [];
  let changes = Promise.resolve();
  /** One change at a time: a restart asked while a stop is closing the database waits for it. */
  const serially = (change) => (changes = changes.then(change, change));

  return {
    state,
    events,
    /** Serves a request under /api: the reference server's answer, or the demo switch's 422. */
    serve(req, res, pathname) {
      const event = { at: new Date().toISOString(), method: req.method, path: pathname, role: req.headers['x-demo-role'] };
      res.once('finish', () => {
        event.status = res.statusCode;
        events.push(event);
        if (events.length > EVENTS_KEPT) events.shift();
      });
      if (state.refuses && req.method === 'PUT' && pathname.startsWith(`${API}/calls/`)) {
        req.resume();
        sendJson(res, 422, { error: 'demo-refused', message: 'the demo backend refuses this record (Backend refuses records is on)' });
        return;
      }
      current.handle(req, res);
    },
    setDown(down) {
      return serially(async () => {
        if (down === state.down) return;
        state.down = down;
        if (down) await current.server.close();
        else current = await open();
      });
    },
    /** Deletes every stored call, action and configuration: the database folder is made anew. */
    reset() {
      return serially(async () => {
        await current.server.close();
        rmSync(database.dataDir, { recursive: true, force: true });
        if (!state.down) current = await open();
      });
    },
    async close() {
      await changes;
      await current.server.close();
      unlock();
    },
  };
}

/** Requests must name this server by its loopback address: a page of another site reaching it through a rebound DNS name is refused. */
function hostAllowed(req, port) {
  return [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`].includes(req.headers.host ?? '');
}

async function control(backend, req, res, pathname) {
  if (req.method === 'GET' && pathname === `${CONTROL}/backend`) return sendJson(res, 200, backend.state);
  if (req.method === 'GET' && pathname === `${CONTROL}/events`) return sendJson(res, 200, { events: backend.events });
  if (req.method !== 'POST') return sendJson(res, 405, { error: 'method-not-allowed' });
  // JSON only and from this origin: another site's form or fetch cannot flip the switches.
  const origin = req.headers.origin;
  if ((origin && origin !== `http://${req.headers.host}`) || !(req.headers['content-type'] ?? '').startsWith('application/json')) {
    return sendJson(res, 403, { error: 'forbidden', message: 'Same-origin JSON requests only.' });
  }
  let body;
  try {
    body = await readJsonBody(req);
  } catch {
    return sendJson(res, 400, { error: 'invalid-request' });
  }
  if (pathname === `${CONTROL}/backend`) {
    if (typeof body.refuses === 'boolean') backend.state.refuses = body.refuses;
    if (typeof body.down === 'boolean') await backend.setDown(body.down);
    return sendJson(res, 200, backend.state);
  }
  if (pathname === `${CONTROL}/reset`) {
    await backend.reset();
    backend.events.length = 0;
    return sendJson(res, 200, backend.state);
  }
  return sendJson(res, 404, { error: 'not-found' });
}

function serveStatic(req, res, path) {
  if (path === '/' || path === '/index.html') {
    res.writeHead(302, { Location: '/demo/' });
    res.end();
    return;
  }
  if (path === '/demo') {
    res.writeHead(301, { Location: '/demo/' });
    res.end();
    return;
  }
  const file = fileFor(path);
  // Nothing from node_modules, and no dot folder or file (.git, .demo-data with its secret key…).
  const hidden = file && relative(root, file).split(sep).some((segment) => segment.startsWith('.') || segment === 'node_modules');
  if (!file || hidden) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found');
    return;
  }
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': CSP,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  createReadStream(file).pipe(res);
}

/**
 * Starts the demo server on 127.0.0.1 (the first free port from `port`; 0 = any) with the reference
 * server on PGlite in `dataDir`. Resolves to `{ url, origin, dataDir, close() }`.
 */
export async function startServer({ port = Number(process.env.PORT) || 8000, dataDir = process.env.CALL_ELEMENTS_DEMO_DATA || DEFAULT_DATA_DIR } = {}) {
  const backend = await createDemoBackend(resolve(dataDir));
  let listening = 0;
  const server = createServer((req, res) => {
    if (!hostAllowed(req, listening)) return sendJson(res, 421, { error: 'misdirected', message: `Open http://localhost:${listening}/demo/` });
    const path = req.url ?? '/';
    const pathname = path.split('?')[0];
    if (pathname === API || pathname.startsWith(`${API}/`)) return backend.serve(req, res, pathname);
    if (pathname.startsWith(`${CONTROL}/`)) {
      control(backend, req, res, pathname).catch((error) => {
        console.error(`demo control: ${error.message}`);
        if (!res.headersSent) sendJson(res, 500, { error: 'internal', message: error.message });
      });
      return;
    }
    serveStatic(req, res, path);
  });
  try {
    await new Promise((resolvePromise, reject) => {
      const tryPort = (candidate, attemptsLeft) => {
        server.once('error', (error) => {
          if (error.code === 'EADDRINUSE' && attemptsLeft > 0) tryPort(candidate + 1, attemptsLeft - 1);
          else reject(error);
        });
        server.listen(candidate, '127.0.0.1', resolvePromise);
      };
      tryPort(port, 20);
    });
  } catch (error) {
    await backend.close();
    throw error;
  }
  listening = server.address().port;
  const origin = `http://localhost:${listening}`;
  return {
    url: `${origin}/demo/`,
    origin,
    dataDir: resolve(dataDir),
    async close() {
      await new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      await backend.close();
    },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const built of ['bundle/call-elements.js', 'server/index.js']) {
    try {
      statSync(join(root, 'dist', built));
    } catch {
      console.error(`dist/${built} is missing: run "npm start" (it builds first) or "npm run build".`);
      process.exit(1);
    }
  }
  let running;
  try {
    running = await startServer();
  } catch (error) {
    console.error(`demo server: ${error.message}`);
    process.exit(1);
  }
  console.log(
    [
      '',
      `  call-elements demo: ${running.url}`,
      `  reference server:   ${running.origin}${API} (PGlite in ${running.dataDir}; development sign-in, this machine only)`,
      '  (Ctrl+C to stop; delete that folder, or use "Clear demo data" on the page, to start afresh)',
      '',
    ].join('\n'),
  );
  const stop = () => running.close().then(() => process.exit(0), () => process.exit(1));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
