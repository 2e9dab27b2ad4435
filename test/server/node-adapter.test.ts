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

    it('closes the connection when it answers before reading the whole body, so the next request on it is not reset', async () => {
      const body = JSON.stringify({ pad: 'x'.repeat(256 * 1024) });
      const chunked = () =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            for (let at = 0; at < body.length; at += 16 * 1024) controller.enqueue(new TextEncoder().encode(body.slice(at, at + 16 * 1024)));
            controller.close();
          },
        });
      for (const send of [() => body, chunked]) {
        for (let round = 0; round < 4; round += 1) {
          const refused = await fetch(`${http.url}${callPath('twilio:CAbig')}`, {
            method: 'PUT',
            headers: { Authorization: 'Bearer alice', 'Content-Type': 'application/json' },
            body: send(),
            duplex: 'half',
          } as RequestInit);
          assert.equal(refused.status, 413);
          assert.equal(refused.headers.get('connection'), 'close', 'the rest of the body is never read: the connection cannot carry another request');
          await refused.arrayBuffer();
          // Before, a request sent on that connection by the client's keep-alive pool failed with ECONNRESET.
          for (let next = 0; next < 3; next += 1) assert.equal((await fetch(`${http.url}/api/`)).status, 200);
        }
      }
      const small = await fetch(`${http.url}/api/`);
      assert.notEqual(small.headers.get('connection'), 'close', 'a request read whole keeps its connection');
    });
  });
}
