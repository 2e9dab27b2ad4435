import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { CallServer } from './server.js';

export interface ServeNodeOptions {
  /** 0 (the default) picks a free port; `port` on the result tells which. */
  port?: number;
  /** Default `127.0.0.1`: reachable from this machine only. Use `0.0.0.0` behind your proxy. */
  hostname?: string;
}

export interface NodeServerHandle {
  port: number;
  hostname: string;
  /** `http://{hostname}:{port}`. */
  url: string;
  /** Stops accepting connections, ends idle keep-alive ones and waits for those in flight. */
  close(): Promise<void>;
}

function toRequest(incoming: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const hasBody = incoming.method !== 'GET' && incoming.method !== 'HEAD';
  return new Request(new URL(incoming.url ?? '/', origin), {
    method: incoming.method ?? 'GET',
    headers,
    ...(hasBody && { body: Readable.toWeb(incoming) as ReadableStream<Uint8Array>, duplex: 'half' }),
  } as RequestInit);
}

async function send(response: Response, outgoing: ServerResponse): Promise<void> {
  outgoing.statusCode = response.status;
  response.headers.forEach((value, name) => outgoing.setHeader(name, value));
  if (!response.body) {
    outgoing.end();
    return;
  }
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) outgoing.write(chunk);
  outgoing.end();
}

/** Serves a call server with Node's `http` module. */
export function serveNode(server: CallServer, options: ServeNodeOptions = {}): Promise<NodeServerHandle> {
  const hostname = options.hostname ?? '127.0.0.1';
  const http = createServer((incoming, outgoing) => {
    const { port } = http.address() as AddressInfo;
    const origin = `http://${incoming.headers.host ?? `${hostname}:${port}`}`;
    let request: Request;
    try {
      request = toRequest(incoming, origin);
    } catch {
      outgoing.writeHead(400, { 'Content-Type': 'application/json; charset=utf-8' }).end('{"error":"invalid-request","message":"Malformed request."}');
      return;
    }
    server
      .fetch(request)
      .then((response) => send(response, outgoing))
      .catch(() => outgoing.destroy());
  });
  return new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, hostname, () => {
      http.off('error', reject);
      const { port } = http.address() as AddressInfo;
      const host = hostname.includes(':') ? `[${hostname}]` : hostname;
      resolve({
        port,
        hostname,
        url: `http://${host}:${port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            http.close((error) => (error ? fail(error) : done()));
            http.closeIdleConnections();
          }),
      });
    });
  });
}
