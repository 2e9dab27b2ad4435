// `npm run test:server`: the server's test suite (test/server, node:test through tsx), every case on
// in-memory PGlite and on a real PostgreSQL that this script starts and removes. Without PostgreSQL
// binaries (Debian: apt-get install postgresql) it fails, unless CALL_ELEMENTS_SKIP_POSTGRES=1.
//
//   node scripts/server-test.mjs [test files…]
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPostgresBin, startTemporaryPostgres } from './server/postgres.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const TESTS = join(ROOT, 'test/server');

const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : readdirSync(TESTS)
      .filter((name) => name.endsWith('.test.ts'))
      .sort()
      .map((name) => relative(ROOT, join(TESTS, name)));

const env = { ...process.env };
let postgres;
if (process.env.CALL_ELEMENTS_SKIP_POSTGRES === '1') {
  console.log('CALL_ELEMENTS_SKIP_POSTGRES=1: the server tests run on PGlite only.');
} else {
  const bin = findPostgresBin();
  if (!bin) {
    console.error(
      'The server tests need PostgreSQL binaries (initdb, pg_ctl) and found none under /usr/lib/postgresql/*/bin.\n' +
        'Install them (Debian: apt-get install postgresql), point CALL_ELEMENTS_PG_BIN at their bin directory,\n' +
        'or set CALL_ELEMENTS_SKIP_POSTGRES=1 to run on PGlite only.',
    );
    process.exit(1);
  }
  postgres = await startTemporaryPostgres(bin);
  env.CALL_ELEMENTS_TEST_PG_URL = postgres.url;
  console.log(`PostgreSQL from ${bin} on ${new URL(postgres.url).host}`);
}

const stop = () => postgres?.stop();
const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { cwd: ROOT, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  stop();
  process.exit(code ?? (signal ? 1 : 0));
});
