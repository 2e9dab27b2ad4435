// Framework check (`npm run test:frameworks`): builds the small apps of test/frameworks/<name>/ from the
// packed library, as a user's project gets it, and drives one demo call on each of their pages in headless
// Chromium. Offline but for the npm registry.
//
// It packs the current dist/ (`npm pack`): run `npm run build` first, or pass --build. For each app: copy
// it to a temp dir next to `call-elements.tgz` (its package.json asks for `file:../call-elements.tgz`),
// `npm install` (the user's npm cache, --prefer-offline; apps with the same package list share one install),
// the framework's production build, its production server (or preview server) on a free loopback port; then,
// for each page of the app, in a fresh headless Chromium: for a server-rendered app, the HTML must already
// hold the <call-button>; click its `call-button` part, wait for the `connected` state, hang up from its
// `hangup-button` part, wait for the `call-end` record and for `call-stored` (both listened to on
// document) and for the app's own call-end handler to show the status (#last-call). Any uncaught page
// error, console error, failed request or error response, or an error in the server's output, fails the
// app. Prints one line per app and a count line; exits 1 if any app fails.
//
//   node scripts/test-frameworks.mjs [--build] [--keep] [app ...]
//
// --build runs `npm run build` first; --keep leaves the temp dir (its path is printed); app names narrow
// the run (default: every folder of test/frameworks/). CHROME_PATH picks the browser; FRAMEWORKS_INSTALLS
// and FRAMEWORKS_BUILDS set how many installs and builds run at once (default 3 and 1).
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, findChrome } from './find-chrome.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const appsDir = join(root, 'test', 'frameworks');
const started = Date.now();
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/**
 * How each app is built and served. `start(port)` gives the server's command and environment; it must
 * answer on http://127.0.0.1:<port>/. `pages`: the paths to drive a call on (default `/`). `ssr`: the
 * pages are rendered on the server (at build time or per request) and then hydrated. `base`: the app
 * whose files this one's folder completes.
 */
const bin = (name) => join('node_modules', '.bin', name);
const vitePreview = (port) => ({ cmd: [bin('vite'), 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'] });
const nextStart = (port) => ({ cmd: [bin('next'), 'start', '--hostname', '127.0.0.1', '--port', String(port)] });
const nodeServer = (entry) => (port) => ({ cmd: ['node', entry], env: { PORT: String(port), HOST: '127.0.0.1' } });
const APPS = {
  'react-vite': { build: [bin('vite'), 'build'], start: vitePreview },
  // react-vite with the older Reacts that call-elements/react supports (peer range >=17): their folders hold
  // only what differs (package.json; React 17's main.jsx, which has no createRoot).
  'react18-vite': { base: 'react-vite', build: [bin('vite'), 'build'], start: vitePreview },
  'react17-vite': { base: 'react-vite', build: [bin('vite'), 'build'], start: vitePreview },
  'vue-vite': { build: [bin('vite'), 'build'], start: vitePreview },
  'svelte-vite': { build: [bin('vite'), 'build'], start: vitePreview },
  angular: { ssr: true, build: [bin('ng'), 'build'], start: nodeServer('dist/app/server/server.mjs') },
  // A Server Component page rendering a Client Component that uses call-elements/react.
  nextjs: { ssr: true, build: [bin('next'), 'build'], start: nextStart },
  // call-elements/react rendered by a Server Component itself: the library's module must be a client module.
  'nextjs-rsc': { ssr: true, build: [bin('next'), 'build'], start: nextStart },
  // `/` imports the element modules; `/all` imports call-elements/call-elements.js (every element + the API);
  // `/bundle` imports call-elements/bundle (in Node, its node condition).
  sveltekit: { ssr: true, pages: ['/', '/all', '/bundle'], build: [bin('vite'), 'build'], start: nodeServer('build/index.js') },
  nuxt: { ssr: true, build: [bin('nuxt'), 'build'], start: nodeServer('.output/server/index.mjs') },
};

// No telemetry, update checks, prompts or colours from the frameworks' CLIs (the machine may have no network).
const QUIET_ENV = {
  NEXT_TELEMETRY_DISABLED: '1',
  NUXT_TELEMETRY_DISABLED: '1',
  NG_CLI_ANALYTICS: 'false',
  NG_FORCE_TTY: 'false',
  NO_UPDATE_NOTIFIER: '1',
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
  FORCE_COLOR: '0',
  NO_COLOR: '1',
};

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const wanted = args.filter((a) => !a.startsWith('--'));
const available = readdirSync(appsDir).filter((name) => statSync(join(appsDir, name)).isDirectory());
for (const name of available) if (!APPS[name]) throw new Error(`test/frameworks/${name} has no entry in APPS of scripts/test-frameworks.mjs`);
const names = wanted.length ? wanted : available;
for (const name of names) if (!available.includes(name)) throw new Error(`no app test/frameworks/${name} (apps: ${available.join(', ')})`);

/** Runs a command; resolves with its output, rejects with the last lines of it. */
function run(cmd, { cwd, env, timeoutMs = 600_000, label = cmd.join(' ') } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd[0], cmd.slice(1), { cwd, env: { ...process.env, ...QUIET_ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${label}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolvePromise(output);
      else reject(new Error(`${label} failed (${signal ?? `exit ${code}`}):\n${tail(output)}`));
    });
  });
}

/** The last lines of a command's output, indented, without colours or npm's harmless noise. */
function tail(output, lines = 40) {
  return output
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split('\n')
    .filter((line) => !/Unknown user config "nodedir"|^npm warn (config|Unknown)/.test(line))
    .slice(-lines)
    .map((line) => `    ${line}`)
    .join('\n');
}

function freePort() {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePromise(port));
    });
  });
}

/** At most `size` tasks at a time. */
function pool(size) {
  let active = 0;
  const waiting = [];
  return async (task) => {
    if (active >= size) await new Promise((r) => waiting.push(r));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

const servers = new Set();
function stopServer(child) {
  servers.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM'); // its own process group: the framework's server and its workers
  } catch {
    child.kill('SIGTERM');
  }
}
process.on('exit', () => servers.forEach(stopServer));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

/** Starts the app's server and waits until `/` answers 200. */
async function serve(dir, spec, port) {
  const { cmd, env } = spec.start(port);
  const child = spawn(cmd[0], cmd.slice(1), {
    cwd: dir,
    env: { ...process.env, ...QUIET_ENV, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  servers.add(child);
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(`${origin}/`);
      if (response.ok) return { child, origin, output: () => output };
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error.cause?.code ?? error.message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stopServer(child);
  throw new Error(`${cmd.join(' ')} did not answer 200 on / within 60 s (${child.exitCode !== null ? `exited ${child.exitCode}` : last}):\n${tail(output)}`);
}

/** In every document, before the app's scripts: the records of call-end and the ids of call-stored. */
function watchPage() {
  window.__ends = [];
  window.__stored = [];
  document.addEventListener('call-end', (event) => window.__ends.push(event.detail));
  document.addEventListener('call-stored', (event) => window.__stored.push(event.detail.id));
}

/** Opens `url` and goes through one demo call; returns the record of call-end once call-stored came. */
async function driveCall(url) {
  // A browser of its own for each page (a fresh profile, and nothing shared with another app's check).
  const browser = await puppeteer.launch({ executablePath: chrome, headless: true, args: CHROME_ARGS });
  const page = await browser.newPage();
  const problems = [];
  // The browser asks every origin for /favicon.ico; the apps have none.
  const favicon = (address) => new URL(address || '/', url).pathname === '/favicon.ico';
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !favicon(message.location()?.url)) problems.push(`console error: ${message.text()}`);
  });
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    if (response.status() >= 400 && !favicon(response.url())) problems.push(`HTTP ${response.status()} for ${response.url()}`);
  });
  const checkProblems = () => {
    if (problems.length) throw new Error(problems.join('\n    '));
  };
  const until = async (what, fn, ...fnArgs) => {
    try {
      await page.waitForFunction(fn, { timeout: 15_000, polling: 100 }, ...fnArgs);
    } catch (error) {
      checkProblems();
      throw new Error(`${what} (${error.message.split('\n')[0]})`);
    }
  };
  const clickPart = (part) =>
    page.evaluate((p) => document.querySelector('call-button').shadowRoot.querySelector(`[part~="${p}"]`).click(), part);
  try {
    await page.evaluateOnNewDocument(watchPage);
    await page.goto(url, { waitUntil: 'load' });
    await until(
      'no <call-button> with its call-button part',
      () => !!document.querySelector('call-button')?.shadowRoot?.querySelector('[part~="call-button"]'),
    );
    await until('no <call-controls> or <call-notification> defined', () =>
      ['call-controls', 'call-notification'].every((tag) => customElements.get(tag) && document.querySelector(tag)),
    );
    // Mounted (client-only apps) or hydrated (SSR): each app sets this marker when its handlers are live.
    await until('the app never marked itself ready (data-ready on <html>)', () => document.documentElement.dataset.ready === 'true');
    await clickPart('call-button');
    await until('the call never reached state "connected"', () => document.querySelector('call-button').getAttribute('state') === 'connected');
    await clickPart('hangup-button');
    await until('no call-end on document', () => window.__ends.length === 1);
    const record = await page.evaluate(() => window.__ends[0]);
    if (record.provider !== 'demo' || record.to !== '+33123456789' || record.status !== 'completed') {
      throw new Error(`unexpected record: ${JSON.stringify(record)}`);
    }
    await until(`no call-stored for ${record.id}`, (id) => window.__stored.includes(id), record.id);
    await until("the app's call-end handler did not show the call (#last-call)", () =>
      document.querySelector('#last-call')?.textContent.includes('completed'),
    );
    await new Promise((r) => setTimeout(r, 200)); // late errors
    checkProblems();
    return record;
  } finally {
    await browser.close();
  }
}

/** Copies a tree as hard links (symlinks as they are): a second node_modules in a second or two. */
function linkTree(from, to) {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) linkTree(source, target);
    else if (entry.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else linkSync(source, target);
  }
}

// ---- main

if (flags.has('--build')) {
  console.log('npm run build');
  await run(['npm', 'run', 'build'], { cwd: root });
} else if (!existsSync(join(root, 'dist', 'index.js'))) {
  console.error('dist/ is missing: run `npm run build` first (or pass --build).');
  process.exit(1);
}

let chrome; // before anything is made: no browser, no run
try {
  chrome = findChrome();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'call-elements-frameworks-'));
const packed = (await run(['npm', 'pack', '--silent', '--pack-destination', work], { cwd: root })).trim().split('\n').at(-1);
renameSync(join(work, packed), join(work, 'call-elements.tgz'));
console.log(`packed ${packed} from the current dist/ into ${work}; apps: ${names.join(', ')}`);


// Installs wait on the network and the disk as much as on the CPU, builds mostly on the CPU (2 cores
// here): a few installs at a time, one build at a time, each app served and driven as soon as it is built.
const installs = pool(Number(process.env.FRAMEWORKS_INSTALLS ?? 3));
const builds = pool(Number(process.env.FRAMEWORKS_BUILDS ?? 1));

/** Apps whose package.json asks for the same packages share one install (hard links to the first one's). */
const installed = new Map();
async function install(name, dir) {
  const { dependencies, devDependencies, overrides } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const key = JSON.stringify({ dependencies, devDependencies, overrides });
  const first = installed.get(key);
  if (first) {
    const from = await first; // rejects when that install failed
    linkTree(join(from.dir, 'node_modules'), join(dir, 'node_modules'));
    return `node_modules of ${from.name} linked`;
  }
  const command = ['npm', 'install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];
  const promise = installs(() => run(command, { cwd: dir, label: `${name}: npm install` })).then(() => ({ name, dir }));
  installed.set(key, promise);
  await promise;
  return 'installed';
}

async function checkApp(name) {
  const spec = APPS[name];
  const dir = join(work, name);
  const t0 = Date.now();
  const steps = [];
  let stage = 'install';
  let server;
  try {
    // An app with a `base` is that app's files with its own over them.
    for (const source of [spec.base, name].filter(Boolean)) {
      cpSync(join(appsDir, source), dir, {
        recursive: true,
        filter: (src) => !/[/\\](node_modules|dist|build|\.next|\.nuxt|\.output|\.svelte-kit|\.angular)$|package-lock\.json$/.test(src),
      });
    }
    steps.push(`${await install(name, dir)} ${seconds(t0)}`);
    stage = 'build';
    await builds(async () => {
      const t1 = Date.now();
      await run(spec.build, { cwd: dir, env: { NODE_ENV: 'production' }, label: `${name}: ${spec.build.join(' ')}` });
      steps.push(`built ${seconds(t1)}`);
    });
    stage = 'serve';
    server = await serve(dir, spec, await freePort());
    steps.push(`served${spec.ssr ? ' (SSR)' : ''}`);
    for (const path of spec.pages ?? ['/']) {
      stage = `page ${path}`;
      const url = server.origin + path;
      if (spec.ssr) {
        const response = await fetch(url);
        const html = await response.text();
        if (!response.ok || !/<call-button[\s>]/.test(html)) {
          const why = response.ok ? 'its HTML has no <call-button> (not rendered on the server)' : `HTTP ${response.status}`;
          throw new Error(`${path}: ${why}; the server said:\n${tail(server.output(), 25)}`);
        }
      }
      const record = await driveCall(url);
      steps.push(`${path}: call stored (${record.status}, ${record.id})`);
    }
    // A render error that an SSR server logs and recovers from (rendering on the client instead) fails too.
    const logged = server.output().replace(/\x1b\[[0-9;]*m/g, '').split('\n').filter((line) => /\bERROR\b|Error\b/.test(line));
    if (logged.length) throw new Error(`the server logged errors:\n${tail(logged.join('\n'))}`);
    return { ok: true, line: `ok   ${name}: ${steps.join(', ')} [${seconds(t0)}]` };
  } catch (error) {
    return { ok: false, line: `FAIL ${name}: ${[...steps, `failed at ${stage}`].join(', ')} [${seconds(t0)}]\n    ${error.message}` };
  } finally {
    if (server) stopServer(server.child);
    console.log(`  ${name} done (${seconds(t0)})`);
    if (!flags.has('--keep')) await rm(dir, { recursive: true, force: true }).catch(() => {}); // while the others go on
  }
}

const results = await Promise.all(names.map(checkApp));
if (flags.has('--keep')) console.log(`kept ${work}`);
else rmSync(work, { recursive: true, force: true });

console.log('');
for (const result of results) console.log(result.line);
const failed = results.filter((r) => !r.ok).length;
console.log(`\ntest:frameworks took ${seconds(started)}`);
console.log(`frameworks: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
