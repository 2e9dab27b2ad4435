// The reference server for the browser tests: a real createCallServer (src/server, loaded through
// tsx, no build needed) on in-memory PGlite, served by serveNode on a loopback port, and reached by the
// test pages through the dev server's own origin under /__call-server/ (scripts/server/test-proxy.mjs
// says how a test signs in, resets it, takes it down and injects faults). It starts with the test
// runner, in the background; the first request waits for it.
import { tsImport } from 'tsx/esm/api';
import { createServerProxy } from './server/test-proxy.mjs';

const SECRET_KEY = 'browser-tests-secret-key-0123456789-abcdef';

export function testCallServer() {
  const proxy = createServerProxy();
  let started;
  const start = async () => {
    const { createCallServer, serveNode } = await tsImport('../src/server/index.ts', import.meta.url);
    const server = await createCallServer({ authenticate: proxy.authenticate, secretKey: SECRET_KEY, logger: false });
    const http = await serveNode(server, { port: 0, hostname: '127.0.0.1' });
    proxy.attach(http);
    return { server, http };
  };
  return {
    /** Starts the server (call once, as the test runner starts). */
    start() {
      started ??= start();
      started.catch((error) => console.error(`The test call server did not start: ${error?.stack ?? error}`));
      return started;
    },
    async stop() {
      if (!started) return;
      const { server, http } = await started.catch(() => ({}));
      await http?.close();
      await server?.close();
    },
    /** The dev-server middleware (Koa): the proxy's requests are answered on the raw Node objects. */
    async middleware(context, next) {
      if (!context.path.startsWith('/__call-server/')) return next();
      context.respond = false;
      // What the proxy answers is its own (a dropped answer included): not the dev server's 404.
      context.status = 200;
      await proxy.handle(context.req, context.res);
    },
  };
}
