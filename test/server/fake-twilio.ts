import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A call as Twilio's REST API returns it (snake_case, RFC 2822 dates, strings for numbers). */
export interface FakeCall {
  sid: string;
  parent_call_sid: string | null;
  from: string;
  to: string;
  status: string;
  direction: string;
  start_time: string | null;
  end_time: string | null;
  duration: string | null;
  price: string | null;
  price_unit: string;
  answered_by: string | null;
}

export interface FakeTwilio {
  url: string;
  calls: Map<string, FakeCall>;
  /** Every request's method, path and Basic user name. */
  requests: { method: string; path: string; user: string }[];
  /** Answers 500 to everything while true. */
  failing: boolean;
  close(): Promise<void>;
}

/**
 * The one resource of Twilio's REST API the server reads,
 * `GET /2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}.json`, behind HTTP Basic auth with an API key.
 */
export async function startFakeTwilio(credentials: { accountSid: string; apiKeySid: string; apiKeySecret: string }): Promise<FakeTwilio> {
  const fake: Omit<FakeTwilio, 'url' | 'close'> = { calls: new Map(), requests: [], failing: false };
  const server: Server = createServer((request, response) => {
    const [user = '', password = ''] = Buffer.from((request.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString().split(':');
    fake.requests.push({ method: request.method ?? '', path: request.url ?? '', user });
    const reply = (status: number, body: unknown) => response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    if (fake.failing) return reply(500, { code: 20500, message: 'Internal Server Error', status: 500 });
    if (user !== credentials.apiKeySid || password !== credentials.apiKeySecret) return reply(401, { code: 20003, message: 'Authenticate', status: 401 });
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Calls\/([^/]+)\.json$/.exec(request.url ?? '');
    const call = match && match[1] === credentials.accountSid ? fake.calls.get(match[2]!) : undefined;
    if (request.method !== 'GET' || !call) return reply(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
    reply(200, { ...call, account_sid: credentials.accountSid, api_version: '2010-04-01', uri: request.url });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
