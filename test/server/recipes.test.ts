import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import express from 'express';
import { Hono } from 'hono';
import { nodeHandler } from '../../src/server/index.js';
import { callPath, callRecord, databaseKinds, startServer, unique, type TestServer } from './harness.js';

/** The recipes of docs/server.md, run as written there (PGlite: the framework is what is tried here). */
const pglite = databaseKinds().find((kind) => kind.name === 'pglite')!;

async function roundTrip(baseUrl: string) {
  const record = callRecord({ leadId: unique('lead') });
  const put = await fetch(`${baseUrl}${callPath(record.id)}`, {
    method: 'PUT',
    headers: { Authorization: 'Bearer alice', 'Content-Type': 'application/json' },
    body: JSON.stringify(record),
  });
  assert.equal(put.status, 200);
  const list = await fetch(`${baseUrl}/api/calls?leadId=${record.leadId}`, { headers: { Authorization: 'Bearer alice' } });
  assert.deepEqual(await list.json(), { items: [record] });
}

describe('framework recipes', () => {
  let t: TestServer;
  before(async () => {
    t = await startServer(pglite);
  });
  after(() => t?.close());

  it('Express: mounted on /api before the body parsers, next to the app\u2019s own routes', async () => {
    const app = express();
    app.use('/api', nodeHandler(t.server));
    app.use(express.json());
    app.get('/health', (_req, res) => void res.json({ ok: true }));
    const listener = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => listener.once('listening', resolve));
    try {
      const baseUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
      await roundTrip(baseUrl);
      assert.deepEqual(await (await fetch(`${baseUrl}/health`)).json(), { ok: true });
    } finally {
      await new Promise((resolve) => listener.close(resolve));
    }
  });

  it('Hono: app.all("/api/*") hands the request to server.fetch', async () => {
    const app = new Hono();
    app.all('/api/*', (c) => t.server.fetch(c.req.raw));
    app.all('/api', (c) => t.server.fetch(c.req.raw));
    const listener = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => listener.once('listening', resolve));
    try {
      const baseUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
      await roundTrip(baseUrl);
      assert.equal((await (await fetch(`${baseUrl}/api`)).json()).batch, true);
    } finally {
      await new Promise((resolve) => listener.close(resolve));
    }
  });
});
