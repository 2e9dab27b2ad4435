// `npm run check:server-package` (after `npm run build`, or pass --build): call-elements/server as an
// outside integrator gets it. Packs the library (`npm pack`), installs the tarball in a new project in
// a temporary folder with the peers a server needs (@electric-sql/pglite, pg, twilio, at the versions
// this repository uses; npm registry, --prefer-offline), and runs there the host application
// scripts/server/package-host.mjs, which imports only the package's public exports (createCallServer,
// serveNode, the storage contract and createHttpStorage): the HTTP contract, concurrency, roles and
// tenancy, secrets in answers, logs and database files, a restart, the Twilio and Aircall webhooks,
// the token route, the CLI and a 5,000-record load figure, on PGlite in a data directory and on a
// throw-away PostgreSQL (scripts/server/postgres.mjs). Then a second project with the package and
// PGlite only: a missing optional peer is named with the command that installs it.
//
// Prints the host's report and exits 1 when a check failed. Needs PostgreSQL's binaries (as
// `npm run test:server`), unless CALL_ELEMENTS_SKIP_POSTGRES=1 (PGlite only, said in the report).
//   node scripts/check-server-package.mjs [--build] [--keep]
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPostgresBin, startTemporaryPostgres } from './server/postgres.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');
const started = Date.now();
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

const run = (command, args, options = {}) => execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
// Other installs may share this machine's npm cache: take the same lock as they do when flock exists.
const npm = (args, cwd) => {
  const lock = spawnSync('flock', ['--version'], { stdio: 'ignore' }).status === 0;
  return lock ? run('flock', [join(tmpdir(), 'npm.lock'), 'npm', ...args], { cwd }) : run('npm', args, { cwd });
};
const install = (cwd) => npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], cwd);
/** The version installed here, so that the host uses what the server is built and tested with. */
const installed = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;

if (process.argv.includes('--build')) run('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
if (!existsSync(join(root, 'dist/server/index.js'))) {
  console.error('dist/server/index.js is missing: run `npm run build` first (or pass --build).');
  process.exit(1);
}

/** Node with the script's output shown as it comes. */
function node(args, options) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', ...options });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** The package with PGlite only: the server names a missing optional peer with its install command. */
const MINIMAL_HOST = `
import assert from 'node:assert/strict';
import { createCallServer } from 'call-elements/server';
const logged = [];
const base = { authenticate: () => ({ userId: 'u', roles: [], organizationIds: [] }), secretKey: 'minimal-host-secret-key-0123456789abcdef', logger: { warn() {}, error: (message, fields) => logged.push(fields) } };
await assert.rejects(createCallServer({ ...base, database: { url: 'postgres://nobody@127.0.0.1:1/none' } }), (error) => error.code === 'invalid-options' && /npm install pg/.test(error.message));
const server = await createCallServer({ ...base, twilio: { accountSid: 'AC1', authToken: 't', apiKeySid: 'SK1', apiKeySecret: 's', twimlAppSid: 'AP1', callerId: '+15005550006' } });
try {
  const token = await server.fetch(new Request('http://host/api/twilio/token', { method: 'POST' }));
  assert.equal(token.status, 500);
  assert.match(logged.map((fields) => fields?.message).join(' '), /npm install twilio/);
  assert.equal((await server.fetch(new Request('http://host/api/'))).status, 200, 'PGlite in memory works without pg or twilio');
} finally {
  await server.close();
}
console.log('  ok   without pg: createCallServer({ database: { url } }) says npm install pg; without twilio: the first Twilio request logs npm install twilio');
`;

const work = mkdtempSync(join(tmpdir(), 'call-elements-server-package-'));
let postgres;
let code = 1;
try {
  const packed = npm(['pack', root, '--pack-destination', work, '--silent'], work).trim().split('\n').pop();
  const tarball = join(work, packed);
  const project = join(work, 'host');
  mkdirSync(join(project, 'data'), { recursive: true });
  const peers = { '@electric-sql/pglite': installed('@electric-sql/pglite'), pg: installed('pg'), twilio: installed('twilio') };
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'host', private: true, type: 'module', dependencies: { 'call-elements': `file:${tarball}`, ...peers } }, null, 2));
  install(project);
  copyFileSync(join(root, 'scripts/server/package-host.mjs'), join(project, 'host.mjs'));
  console.log(`packed ${packed}, installed with ${Object.entries(peers).map(([name, version]) => `${name}@${version}`).join(', ')} (${seconds(Date.now() - started)})`);

  const env = { ...process.env, CHECK_WORK: join(project, 'data') };
  if (process.env.CALL_ELEMENTS_SKIP_POSTGRES === '1') {
    console.log('CALL_ELEMENTS_SKIP_POSTGRES=1: PGlite only, PostgreSQL NOT checked.');
  } else {
    const bin = findPostgresBin();
    if (!bin) throw new Error('no PostgreSQL binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql, or CALL_ELEMENTS_PG_BIN), or set CALL_ELEMENTS_SKIP_POSTGRES=1');
    postgres = await startTemporaryPostgres(bin);
    env.CHECK_PG_URL = postgres.url;
    console.log(`PostgreSQL from ${bin} on ${new URL(postgres.url).host}`);
  }
  code = await node(['host.mjs'], { cwd: project, env });

  const minimal = join(work, 'minimal');
  mkdirSync(minimal);
  writeFileSync(join(minimal, 'package.json'), JSON.stringify({ name: 'minimal', private: true, type: 'module', dependencies: { 'call-elements': `file:${tarball}`, '@electric-sql/pglite': peers['@electric-sql/pglite'] } }));
  install(minimal);
  writeFileSync(join(minimal, 'host.mjs'), MINIMAL_HOST);
  console.log('\nthe package with PGlite only');
  const minimalCode = await node(['host.mjs'], { cwd: minimal });
  if (minimalCode !== 0) console.log('  FAIL the package with PGlite only (above)');
  code ||= minimalCode;
} catch (error) {
  console.error(`check-server-package: ${error.stack ?? error}${error.stderr ? `\n${error.stderr}` : ''}`);
  code = 1;
} finally {
  postgres?.stop();
  if (keep) console.log(`projects kept in ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
console.log(`\nserver package check: ${code === 0 ? 'passed' : 'FAILED'} in ${seconds(Date.now() - started)}`);
process.exit(code);
