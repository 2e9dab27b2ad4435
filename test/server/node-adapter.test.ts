import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { serveNode, type NodeServerHandle } from '../../src/server/index.js';
import { callPath, callRecord, databaseKinds, startServer, type TestServer } from './harness.js';

for (const kind of databaseKinds()) {
  describe(`serveNode on ${kind.name}`, () => {
    let t: TestServer;
    let http: NodeServerHandle;
    before(async () => {
      t = await startServer(kind, { limits: { bodyBytes: 16 * 1024 } });
      http = await serveNode(t.server, { port: 0, hostname: '127.0.0.1' });
    });
    after(async () => {
      await http?.close();
      await t?.close();
    });

    it('reports the port it bound and serves the contract over HTTP', async () => {
      assert.ok(http.port > 0);
      assert.equal(http.url, `http://127.0.0.1:${http.port}`);
      const record = callRecord({ leadId: 'lead-http' });
      const put = await fetch(`${http.url}${callPath(record.id)}`, {
        method: 'PUT',
        headers: { Authorization: 'Bearer alice', 'Content-Type': 'application/json', 'Idempotency-Key': record.id },
        body: JSON.stringify(record),
      });
      assert.equal(put.status, 200);
      const list = await fetch(`${http.url}/api/calls?leadId=lead-http`, { headers: { Authorization: 'Bearer alice' } });
      assert.equal(list.headers.get('content-type'), 'application/json; charset=utf-8');
      assert.deepEqual(await list.json(), { items: [record] });
    });

    it('answers 413 to a chunked body over the limit', async () => {
      const status = await new Promise<number>((resolve, reject) => {
        const request = httpRequest(`${http.url}${callPath('twilio:CAbig')}`, {
          method: 'PUT',
          headers: { Authorization: 'Bearer alice', 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
        });
        request.on('response', (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        request.on('error', reject);
        for (let i = 0; i < 8; i += 1) request.write('x'.repeat(4096));
        request.end();
      });
      assert.equal(status, 413);
    });
  });
}
