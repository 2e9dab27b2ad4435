import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import pg from 'pg';
import { aircallConfig, callPath, callRecord, databaseKinds, startServer, type DatabaseKind } from './harness.js';

const API_KEY = 'ak_at_rest_9b8a7c6d5e4f3a2b1c0d';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Stores a record and a configuration with a key, closes, opens the same database again. */
async function restartKeepsData(kind: DatabaseKind, database: { dataDir: string } | { url: string }) {
  const record = callRecord({ leadId: 'lead-restart' });
  const scope = '/api/organizations/org-a/aircall-config/FR';
  const first = await startServer(kind, { database });
  try {
    assert.equal((await first.call('PUT', callPath(record.id), { as: 'alice', body: record })).status, 200);
    const saved = await first.call('PUT', scope, { as: 'adam', body: aircallConfig({ apiKey: API_KEY }), headers: { 'If-Match': '0' } });
    assert.equal(saved.status, 200);
  } finally {
    await first.close();
  }
  const second = await startServer(kind, { database });
  try {
    assert.deepEqual((await second.call('GET', '/api/calls?leadId=lead-restart', { as: 'alice' })).body.items, [record]);
    const config = await second.call('GET', scope, { as: 'adam' });
    assert.deepEqual([config.body.version, config.body.apiKeySet], [1, true]);
    assert.equal(await second.server.aircallApiKey({ organizationId: 'org-a', countryCode: 'FR' }), API_KEY, 'the same secretKey opens it');
  } finally {
    await second.close();
  }
}

describe('persistence on PGlite (dataDir)', () => {
  const pglite = databaseKinds().find((kind) => kind.name === 'pglite')!;

  it('keeps data across a restart on the same directory, and no file there holds the API key', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'call-elements-pglite-'));
    try {
      await restartKeepsData(pglite, { dataDir });
      const files = filesUnder(dataDir);
      assert.ok(files.length > 10, 'PGlite wrote its files');
      const leaking = files.filter((file) => readFileSync(file).includes(API_KEY));
      assert.deepEqual(leaking, []);
      assert.ok(files.some((file) => readFileSync(file).includes('lead-restart')), 'the search would find a stored value');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

for (const kind of databaseKinds().filter((candidate) => candidate.name === 'postgres')) {
  describe('persistence on PostgreSQL', () => {
    it('keeps data across a restart on the same database, and no row holds the API key', async () => {
      const database = (await kind.fresh()) as { url: string };
      await restartKeepsData(kind, database);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const tables = ['call_elements_calls', 'call_elements_actions', 'call_elements_aircall_configs', 'call_elements_aircall_config_versions'];
        for (const table of tables) {
          const { rows } = await client.query(`SELECT count(*)::int AS n FROM ${table} AS t WHERE t::text LIKE $1`, [`%${API_KEY}%`]);
          assert.equal(rows[0].n, 0, table);
        }
        const { rows } = await client.query('SELECT version, name FROM call_elements_migrations');
        assert.deepEqual(rows, [{ version: 1, name: 'calls, actions, aircall configurations' }], 'migrated once');
      } finally {
        await client.end();
      }
    });
  });
}
