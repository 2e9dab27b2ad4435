// Two things the browser tests need from the dev server itself, so that every page — an iframe, a
// "reloaded" page, any engine — reaches them without a service worker:
//
// - a backend that implements the calls and actions routes of the HTTP contract, in memory, one
//   "space" per test: `/__backend/<space>/calls/<id>` and `/__backend/<space>/actions/<id>` (PUT,
//   upserts by id, counting each PUT), `GET /__backend/<space>/state` (what it holds, how many PUTs each
//   id got, and the requests with their Authorization and Idempotency-Key headers),
//   `POST /__backend/<space>/outage?on=1|0` (while on, every contract route answers 503);
// - an offline switch: while the cookie `call-elements-offline=1` is set, every module of the library
//   and of node_modules that a page has not loaded yet fails to download (503), as when the network
//   drops. Those responses are never cached, so that a later page downloads them again.

const BACKEND = /^\/__backend\/([\w-]{1,80})\/(calls|actions|state|outage)(?:\/([^/]+))?$/;
const OFFLINE_COOKIE = /(?:^|;\s*)call-elements-offline=1(?:;|$)/;
const MODULES = /^\/(src|node_modules|__wds-outside-root__)\//;

const spaces = new Map();

function space(name) {
  let found = spaces.get(name);
  if (!found) {
    found = { calls: new Map(), actions: new Map(), puts: new Map(), requests: [], outage: false };
    spaces.set(name, found);
  }
  return found;
}

async function bodyOf(request) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function json(context, status, value) {
  context.status = status;
  context.set('Content-Type', 'application/json');
  context.set('Cache-Control', 'no-store');
  context.body = value === undefined ? '' : JSON.stringify(value);
}

async function backend(context, match) {
  const [, name, route, rawId] = match;
  const store = space(name);
  if (route === 'state') {
    return json(context, 200, {
      calls: Object.fromEntries(store.calls),
      actions: Object.fromEntries(store.actions),
      puts: Object.fromEntries(store.puts),
      requests: store.requests,
    });
  }
  if (route === 'outage') {
    store.outage = context.query.on === '1';
    return json(context, 200, { outage: store.outage });
  }
  store.requests.push({
    method: context.method,
    route,
    id: rawId === undefined ? undefined : decodeURIComponent(rawId),
    authorization: context.get('authorization') || null,
    idempotencyKey: context.get('idempotency-key') || null,
  });
  if (store.requests.length > 500) store.requests.shift();
  if (store.outage) return json(context, 503, { error: 'unavailable', message: 'the test backend is down' });
  const items = route === 'calls' ? store.calls : store.actions;
  if (context.method === 'GET' && !rawId) {
    return json(context, 200, { items: [...items.values()].reverse() });
  }
  if (context.method === 'GET' && rawId && route === 'calls') {
    // GET /calls/{id}/recording is not routed here (4 segments): a record, or 404.
    const found = items.get(decodeURIComponent(rawId));
    return found ? json(context, 200, found) : json(context, 404, { error: 'not-found', message: 'no such record' });
  }
  if (context.method !== 'PUT' || !rawId) return json(context, 405, { error: 'method', message: 'not part of the contract' });
  const id = decodeURIComponent(rawId);
  let item;
  try {
    item = JSON.parse(await bodyOf(context.req));
  } catch {
    return json(context, 400, { error: 'invalid-json', message: 'the body is not JSON' });
  }
  if (!item || item.id !== id) return json(context, 400, { error: 'invalid-id', message: 'the body id is not the path id' });
  const key = `${route}:${id}`;
  store.puts.set(key, (store.puts.get(key) ?? 0) + 1);
  items.set(id, item);
  return json(context, 204);
}

/** The dev-server middleware (see the comment at the top of this file). */
export async function testBackend(context, next) {
  const match = BACKEND.exec(context.path);
  if (match) return backend(context, match);
  if (!MODULES.test(context.path)) return next();
  if (OFFLINE_COOKIE.test(context.get('cookie') ?? '')) {
    context.status = 503;
    context.body = 'offline';
  } else {
    await next();
  }
  context.set('Cache-Control', 'no-store');
  context.set('Vary', 'Cookie');
}
