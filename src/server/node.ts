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

/** Express and Connect strip a mount path from `url` and keep the whole one in `originalUrl`. */
type MountedMessage = IncomingMessage & { originalUrl?: string };

function toRequest(incoming: MountedMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const hasBody = incoming.method !== 'GET' && incoming.method !== 'HEAD';
  return new Request(new URL(incoming.originalUrl ?? incoming.url ?? '/', origin), {
    method: incoming.method ?? 'GET',
    headers,
    ...(hasBody && { body: Readable.toWeb(incoming) as ReadableStream<Uint8Array>, duplex: 'half' }),
  } as RequestInit);
}

async function send(response: Response, incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
  outgoing.statusCode = response.status;
  // An answer given before the body was read whole (413 while it streams, 401 before reading it):
  // the rest of the body is never read, so the connection cannot carry another request. Without
  // this, Node answers keep-alive and the client's next request on that connection is reset.
  if (!incoming.complete) outgoing.setHeader('Connection', 'close');
  response.headers.forEach((value, name) => outgoing.setHeader(name, value));
  if (!response.body) {
    outgoing.end();
    return;
  }
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) outgoing.write(chunk);
  outgoing.end();
}

type NodeHandler = (incoming: IncomingMessage, outgoing: ServerResponse) => void;

/**
 * A Node `(req, res)` handler for a call server: for `http.createServer`, Express or Connect. Under
 * Express, mount it before any body parser (it reads the body itself); it sees the full path
 * (`originalUrl`) even when mounted on a sub-path.
 */
export function nodeHandler(server: CallServer): NodeHandler {
  return (incoming, outgoing) => {
    const { localAddress, localPort } = incoming.socket;
    const origin = `http://${incoming.headers.host ?? `${localAddress}:${localPort}`}`;
    let request: Request;
    try {
      request = toRequest(incoming, origin);
    } catch {
      outgoing.writeHead(400, { 'Content-Type': 'application/json; charset=utf-8' }).end('{"error":"invalid-request","message":"Malformed request."}');
      return;
    }
    server
      .fetch(request)
      .then((response) => send(response, incoming, outgoing))
      .catch(() => outgoing.destroy());
  };
}

/** Serves a call server with Node's `http` module. */
export function serveNode(server: CallServer, options: ServeNodeOptions = {}): Promise<NodeServerHandle> {
  const hostname = options.hostname ?? '127.0.0.1';
  const http = createServer(nodeHandler(server));
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
