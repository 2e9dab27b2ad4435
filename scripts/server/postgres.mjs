// A throw-away PostgreSQL cluster for the server's tests and benchmark: initdb in a temp dir, started
// with pg_ctl on a free loopback port, removed by stop(). As root it runs as the `postgres` user
// (initdb refuses root). Durability is off: nothing here outlives the run.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The bin directory of the newest PostgreSQL on this machine (`CALL_ELEMENTS_PG_BIN` wins), or undefined. */
export function findPostgresBin() {
  if (process.env.CALL_ELEMENTS_PG_BIN) return process.env.CALL_ELEMENTS_PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((version) => existsSync(join(root, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : undefined;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function userIds(name) {
  const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/** Starts the cluster; resolves to `{ url, stop }` with `url` the superuser's postgres:// URL. */
export async function startTemporaryPostgres(bin) {
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'call-elements-pg-'));
  const data = join(dir, 'data');
  if (asRoot) {
    const { uid, gid } = userIds('postgres');
    chownSync(dir, uid, gid);
  }
  // execFile with an argument list: no shell, so paths are never interpreted.
  const run = (tool, args) =>
    execFileSync(asRoot ? 'runuser' : join(bin, tool), asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: dir,
    });
  const port = await freePort();
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const settings = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    run('pg_ctl', ['-D', data, '-o', settings, '-l', join(dir, 'postgres.log'), '-w', '-t', '30', 'start']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const said = [error.stdout, error.stderr].filter(Boolean).join('\n');
    throw new Error(`could not start PostgreSQL from ${bin}: ${error.message}\n${said}`);
  }
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
