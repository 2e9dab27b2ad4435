// A real call-elements/server behind a proxy that browser tests and benchmarks drive: pages reach it
// on their own origin (no CORS) under `/__call-server/<space>/api/…`, one "space" per test, and control
// it under `/__call-server/<space>/__control/…`. The server itself is the caller's: a `createCallServer`
// given this proxy's `authenticate`, served with `serveNode` on a loopback port (see `attach`).
//
// - Sign-in (the test auth): the proxy tells the server which space a request belongs to (a header
//   only it sets); the server's `authenticate` makes that the user `tester-<space>`, an ADMIN of the
//   organisation `space-<space>` (so a space sees only its own records, and may store records in any
//   user's name), also a member of the organisation of an Aircall configuration route, and named
//   after the body's `updatedBy` on a configuration save (the server records its authenticated user). A space can require
//   `Authorization: Bearer <token>`: the server then answers 401 itself.
// - Reset: a test takes a new space (the page's helper does); `POST …/__control/forget` drops one.
// - Down and back: `POST …/__control/outage {on}`: while on, every request of the space answers 503
//   without reaching the server.
// - Faults, before the server: the next requests matching a filter get a given answer, a network
//   error, a delay, a hold (the request waits, marked `held`, until `POST …/__control/release`); or
//   the server's answer is dropped after it committed. A fault with `recordId`
//   refuses that record's PUT, or only its item of a `POST /calls:batch` (the other items go on to the
//   server and the refused one's result is put back in its place).
// - `POST …/__control/batch {on}` hides the server's capabilities (GET / → 404), as a backend
//   without the batch route would answer: the browser then sends one PUT per record.
// - `GET …/__control/state`: the requests the space made (with their outcome), counters, and the
//   calls the server holds for the space (read from the server: `GET /calls` as the space's admin).

const PATTERN = /^\/__call-server\/([\w-]{1,80})\/(api|__control)(\/[^?]*)?(?:\?(.*))?$/;
const SPACE_HEADER = 'x-call-elements-test-space';
const FORWARDED = ['content-type', 'accept', 'authorization', 'idempotency-key', 'if-match'];
const MAX_LOG = 2000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function space() {
  return { requests: [], faults: [], held: [], drops: 0, down: false, token: undefined, batch: true, stored: new Set(), callRetries: 0, puts: 0, batches: 0, generation: 0 };
}

async function bodyOf(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function send(res, status, body, headers = {}) {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    ...(text && typeof body !== 'string' && { 'Content-Type': 'application/json' }),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

function matches(filter, entry) {
  return (
    (filter.method === undefined || filter.method.toUpperCase() === entry.method) &&
    (filter.pathPrefix === undefined || entry.path.startsWith(filter.pathPrefix)) &&
    (filter.recordId === undefined || (entry.method === 'PUT' && entry.path.startsWith('/calls/') && entry.id === filter.recordId))
  );
}

function parse(buffer) {
  if (!buffer.length) return undefined;
  try {
    return JSON.parse(buffer.toString('utf8'));
  } catch {
    return undefined;
  }
}

function decode(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export function createServerProxy() {
  const spaces = new Map();
  let target;
  let waiting;
  const ready = new Promise((resolve) => (waiting = resolve));
  const of = (name) => {
    if (!spaces.has(name)) spaces.set(name, space());
    return spaces.get(name);
  };

  /** The test auth given to createCallServer (see the top of this file). */
  async function authenticate(request) {
    const name = request.headers.get(SPACE_HEADER);
    if (!name) return null;
    const state = of(name);
    if (state.token !== undefined && request.headers.get('authorization') !== `Bearer ${state.token}`) return null;
    const organizationIds = [`space-${name}`];
    const path = new URL(request.url).pathname;
    const config = /\/organizations\/([^/]+)\/aircall-config\//.exec(path);
    let userId = `tester-${name}`;
    if (config) {
      organizationIds.push(decodeURIComponent(config[1]));
      if (request.method === 'PUT') {
        const body = await request.clone().json().catch(() => ({}));
        if (typeof body?.updatedBy === 'string') userId = body.updatedBy;
      }
    }
    return { userId, roles: ['ADMIN'], organizationIds };
  }

  async function forward(name, entry, method, path, search, headers, body) {
    const forwardedHeaders = { [SPACE_HEADER]: name };
    for (const header of FORWARDED) if (headers[header] !== undefined) forwardedHeaders[header] = headers[header];
    const response = await fetch(`${target.url}/api${path}${search ? `?${search}` : ''}`, {
      method,
      headers: forwardedHeaders,
      ...(body !== undefined && { body }),
    });
    const text = await response.text();
    const out = {};
    for (const header of ['content-type', 'retry-after', 'www-authenticate', 'allow']) {
      const value = response.headers.get(header);
      if (value !== null) out[header] = value;
    }
    return { status: response.status, headers: out, text };
  }

  /** Takes the faults aimed at items of a batch: those items are answered here and not forwarded. */
  function itemFaults(state, items) {
    const refused = new Map();
    items.forEach((item, index) => {
      const id = typeof item?.id === 'string' ? item.id : undefined;
      if (id === undefined) return;
      const at = state.faults.findIndex((fault) => fault.kind === 'respond' && fault.filter.recordId === id && (fault.filter.method ?? 'POST').toUpperCase() === 'POST');
      if (at < 0) return;
      const [fault] = state.faults.splice(at, 1);
      const message = typeof fault.response.body?.message === 'string' ? fault.response.body.message : 'refused';
      refused.set(index, { id, status: fault.response.status, error: 'refused', message });
    });
    return refused;
  }

  async function proxy(req, res, name, path, search) {
    await ready;
    const state = of(name);
    const method = req.method ?? 'GET';
    const raw = method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : await bodyOf(req);
    const segments = path.split('/');
    const entry = {
      method,
      url: req.url,
      path,
      search: search ?? '',
      id: (segments[1] === 'calls' || segments[1] === 'actions') && segments[2] ? decode(segments[2]) : undefined,
      idempotencyKey: req.headers['idempotency-key'] ?? null,
      ifMatch: req.headers['if-match'] ?? null,
      authorization: req.headers.authorization ?? null,
      contentType: req.headers['content-type'] ?? null,
      keepalive: false,
      body: parse(raw),
      outcome: undefined,
    };
    state.requests.push(entry);
    if (state.requests.length > MAX_LOG) state.requests.shift();
    if (state.down) {
      entry.outcome = '503 (down)';
      return send(res, 503, { error: 'unavailable', message: 'the test server is down' });
    }
    const index = state.faults.findIndex((fault) => matches(fault.filter, entry));
    const fault = index < 0 ? undefined : state.faults.splice(index, 1)[0];
    if (fault?.kind === 'delay' || fault?.kind === 'hold') {
      const generation = state.generation;
      if (fault.kind === 'delay') await sleep(fault.ms);
      else {
        entry.held = true;
        await new Promise((resolve) => state.held.push(resolve));
        entry.held = false;
      }
      if (generation !== state.generation) {
        entry.outcome = 'network-error (the space was reset while it waited)';
        return req.socket.destroy();
      }
    }
    if (fault?.kind === 'network-error') {
      entry.outcome = 'network-error';
      return req.socket.destroy();
    }
    if (fault?.kind === 'respond') {
      entry.outcome = String(fault.response.status);
      return send(res, fault.response.status, fault.response.body, fault.response.headers);
    }
    if (!state.batch && path === '/' && method === 'GET') {
      entry.outcome = '404 (no capabilities)';
      return send(res, 404, { error: 'not-found', message: 'no such route' });
    }
    let body = raw.length ? raw : undefined;
    const isBatch = method === 'POST' && path === '/calls:batch';
    let refused = new Map();
    let items;
    if (isBatch) {
      state.batches += 1;
      items = Array.isArray(entry.body?.items) ? entry.body.items : undefined;
      if (items) {
        refused = itemFaults(state, items);
        if (refused.size) body = JSON.stringify({ items: items.filter((_, i) => !refused.has(i)) });
      }
    }
    let answer;
    if (isBatch && items && refused.size === items.length) {
      answer = { status: 200, headers: { 'content-type': 'application/json' }, text: JSON.stringify({ results: [] }) };
    } else {
      answer = await forward(name, entry, method, path, search, req.headers, body);
    }
    let committed = false;
    const storedNow = (id) => {
      if (state.stored.has(id)) state.callRetries += 1;
      state.stored.add(id);
      committed = true;
    };
    if (method === 'PUT' && segments[1] === 'calls' && segments.length === 3) {
      state.puts += 1;
      if (answer.status < 300) storedNow(entry.id);
    }
    if (isBatch && items && answer.status < 300) {
      const results = parse(Buffer.from(answer.text))?.results ?? [];
      const merged = [];
      let next = 0;
      items.forEach((_, i) => merged.push(refused.get(i) ?? results[next++]));
      for (const result of merged) if (result?.status < 300) storedNow(result.id);
      if (refused.size) answer.text = JSON.stringify({ results: merged });
    }
    entry.outcome = String(answer.status);
    if (committed && state.drops > 0) {
      state.drops -= 1;
      entry.outcome += ', response lost';
      return req.socket.destroy();
    }
    return send(res, answer.status, answer.text, answer.headers);
  }

  async function calls(name) {
    const { token } = of(name);
    const response = await fetch(`${target.url}/api/calls?limit=500`, {
      headers: { [SPACE_HEADER]: name, ...(token !== undefined && { authorization: `Bearer ${token}` }) },
    });
    if (!response.ok) throw new Error(`GET /calls answered ${response.status}`);
    return (await response.json()).items;
  }

  async function control(req, res, name, path) {
    const state = of(name);
    const given = req.method === 'POST' ? parse(await bodyOf(req)) ?? {} : {};
    switch (path) {
      case '/state': {
        await ready;
        const items = await calls(name);
        const unique = new Set(items.map((item) => item.id));
        const puts = state.requests.filter((r) => r.method === 'PUT' && r.path.startsWith('/calls/') && !r.path.endsWith('/recording'));
        const actionPuts = state.requests.filter((r) => r.method === 'PUT' && r.path.startsWith('/actions/'));
        return send(res, 200, {
          calls: items,
          requests: state.requests,
          stats: {
            requests: state.requests.length,
            callPuts: puts.length,
            uniqueCalls: unique.size,
            callRetries: state.callRetries,
            duplicates: items.length - unique.size,
            actionPuts: actionPuts.length,
            uniqueActions: new Set(actionPuts.map((r) => r.id)).size,
            actionRetries: 0,
            batches: state.batches,
          },
        });
      }
      case '/fault': {
        const { kind, count = 1, response, ms, filter = {} } = given;
        for (let i = 0; i < count; i += 1) state.faults.push({ kind, response, ms, filter });
        return send(res, 200, { faults: state.faults.length });
      }
      case '/release': {
        const waiting = state.held.splice(0);
        for (const go of waiting) go();
        return send(res, 200, { released: waiting.length });
      }
      case '/drop':
        state.drops += given.count ?? 1;
        return send(res, 200, { drops: state.drops });
      case '/outage':
        state.down = !!given.on;
        return send(res, 200, { down: state.down });
      case '/token':
        state.token = given.token ?? undefined;
        return send(res, 200, {});
      case '/batch':
        state.batch = !!given.on;
        return send(res, 200, { batch: state.batch });
      case '/forget':
        state.generation += 1;
        for (const go of state.held.splice(0)) go();
        spaces.delete(name);
        return send(res, 200, {});
      default:
        return send(res, 404, { error: 'no such control' });
    }
  }

  return {
    authenticate,
    /** The call server the proxy forwards to: `{ url }` of its `serveNode`. */
    attach(handle) {
      target = handle;
      waiting();
    },
    /** Handles the request when it is one of the proxy's (true), else leaves it alone (false). */
    async handle(req, res) {
      const match = PATTERN.exec(req.url ?? '');
      if (!match) return false;
      const [, name, area, path = '/', search] = match;
      try {
        if (area === 'api') await proxy(req, res, name, path, search);
        else await control(req, res, name, path);
      } catch (error) {
        if (!res.headersSent) send(res, 502, { error: 'bad-gateway', message: String(error?.message ?? error) });
      }
      return true;
    },
    space: of,
  };
}
