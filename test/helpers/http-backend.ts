import { delay, http, HttpResponse } from 'msw';
import { setupWorker, type SetupWorker } from 'msw/browser';
import { AircallConfigSchema, type PublicAircallConfig } from '../../src/schema/aircall-config.js';
import { CallActionSchema, type CallAction } from '../../src/schema/call-action.js';
import { CallRecordSchema, type CallRecord } from '../../src/schema/call-record.js';
import { describeIssues } from '../../src/schema/common.js';
import type { AircallConfigVersion } from '../../src/storage/types.js';

/**
 * A fake backend implementing the HTTP storage contract (README, "HTTP contract") on msw's service
 * worker: requests really leave `fetch` and come back through the network stack, so keepalive,
 * aborts and network errors behave as in production. Nothing leaves the machine.
 *
 * ```ts
 * let backend: FakeHttpBackend;
 * before(async () => { backend = await startHttpBackend(); });
 * beforeEach(() => backend.reset());
 * ```
 */

export const DEFAULT_BACKEND_URL = 'https://calls.backend.test/api';

export interface BackendRequest {
  method: string;
  /** The full URL as received, query string included. */
  url: string;
  /** Path below the base URL, still percent-encoded (`/calls/demo%3ACA1`), without the query string. */
  path: string;
  /** The query string without "?" ('' when none). */
  search: string;
  /** The call or action id of `/calls/{id}` and `/actions/{id}`, decoded. */
  id?: string;
  idempotencyKey: string | null;
  ifMatch: string | null;
  authorization: string | null;
  contentType: string | null;
  keepalive: boolean;
  /** The parsed JSON body (undefined when none or not JSON). */
  body?: unknown;
  /** What the backend did: 'stored' | 'replaced' (a retry of an id it already had) | a status | 'network-error'. Config routes: the status. */
  outcome?: string;
  /** True while the request waits at the door of `holdNext`, until `releaseHeld()`. */
  held?: boolean;
}

export interface FaultResponse {
  status: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON, a string as text. */
  body?: unknown;
}

export interface FaultFilter {
  /** Only requests with this method consume the fault (default: any). */
  method?: string;
  /** Only requests whose path starts with this (e.g. '/calls/') consume the fault. */
  pathPrefix?: string;
  /**
   * Only what carries this record consumes the fault: its `PUT /calls/{id}`, or its item in a
   * `POST /calls:batch`, which alone gets the fault's status (the other items are stored).
   */
  recordId?: string;
}

export interface BackendStats {
  /** Every request the backend received, faults included. */
  requests: number;
  /** PUT /calls/{id} requests. */
  callPuts: number;
  /** Distinct call ids stored. */
  uniqueCalls: number;
  /** PUTs of a call id that was already stored (retries, replays, upserts): replaced, never added. */
  callRetries: number;
  /** Stored entries sharing an id with an earlier one: always 0 unless `uniqueKey: false`. */
  duplicates: number;
  actionPuts: number;
  uniqueActions: number;
  actionRetries: number;
  /** POST /calls:batch requests. */
  batches: number;
}

/** What a test reads of a backend at one moment (the same shape for this fake and the real server). */
export interface BackendSnapshot {
  /** Latest stored version of each call, by id. */
  calls: ReadonlyMap<string, CallRecord>;
  requests: readonly BackendRequest[];
  stats: BackendStats;
}

export interface HttpBackendOptions {
  baseUrl?: string;
  /**
   * True (default) = the server upserts by call id under a unique key, as the contract requires.
   * False = a naive server that inserts a row per PUT, to show what retries do without that key.
   */
  uniqueKey?: boolean;
  /**
   * Serve the capabilities document (`GET {baseUrl}/` → `{ batch: true, maxBatch }`) and
   * `POST /calls:batch`, as call-elements/server does. Default: neither (GET / answers 404), as a
   * backend that implements only the contract's single routes.
   */
  batch?: boolean | { maxBatch: number };
}

/**
 * What the signed-in user may do with Aircall configurations: `admin` reads and writes, `viewer`
 * reads (PUT = 403), `none` gets 403 everywhere.
 */
export type ConfigRole = 'admin' | 'viewer' | 'none';

export interface FakeHttpBackend {
  /** Names this backend in the titles of the suites shared with the real server. */
  readonly label: string;
  readonly baseUrl: string;
  /** Serves POST /calls:batch (the `batch` option). */
  readonly batch: boolean;
  /** Every request received, oldest first. */
  readonly requests: readonly BackendRequest[];
  /** Latest stored version of each call, by id. */
  readonly calls: ReadonlyMap<string, CallRecord>;
  readonly actions: ReadonlyMap<string, CallAction>;
  /** Call id → recording URL, answered by GET /calls/{id}/recording (404 when absent). Tests fill it. */
  readonly recordings: Map<string, string>;
  readonly stats: BackendStats;
  /** The calls, requests and stats, copied (what the suites shared with the real server read). */
  snapshot(): Promise<BackendSnapshot>;
  /** Requests whose method is `method` and whose path starts with `pathPrefix`. */
  requestsTo(method: string, pathPrefix?: string): BackendRequest[];
  /** Puts items straight into the store, bypassing validation (to serve invalid items from GET /calls). */
  seedCalls(...items: unknown[]): void;
  /** The next `count` matching requests get this response, before any processing (nothing is stored). */
  failNext(count: number, response: FaultResponse, filter?: FaultFilter): void;
  /** The next `count` matching requests fail with a network error, before any processing. */
  networkErrorNext(count: number, filter?: FaultFilter): void;
  /** The next `count` matching requests wait `ms`, then are processed normally (a slow server). */
  delayNext(count: number, ms: number, filter?: FaultFilter): void;
  /**
   * The next `count` matching requests wait, marked `held`, until `releaseHeld()`, then are processed
   * normally: a request in flight for as long as the test needs, whatever the machine's speed.
   */
  holdNext(count: number, filter?: FaultFilter): void;
  /** Lets every held request go on. */
  releaseHeld(): void;
  /** The next `count` PUTs are committed, then answered with a network error (the response is lost). */
  dropResponseAfterCommit(count: number): void;
  /** While on, every request fails with a network error and nothing is stored. */
  outage(on: boolean): void;
  /** Answer 401 unless `Authorization: Bearer {token}`; undefined turns the check off. */
  requireToken(token: string | undefined): void;
  /** The role of the caller for the config routes (default `admin`). */
  setConfigRole(role: ConfigRole): void;
  /**
   * The organisations that exist; others get 404 `{ "error": "organization-not-found" }`.
   * undefined (default) = every organisation exists.
   */
  setOrganizations(ids: string[] | undefined): void;
  /** The API key the server holds for a scope: the one thing that never goes back to the browser. */
  savedApiKey(organizationId: string, countryCode: string): string | undefined;
  /** Empties the store, the configurations, the log, the recordings and every fault; keeps the base URL and the worker. */
  reset(): void;
  /** Stops answering (requests then go to the real network, which fails for the .test domain). */
  close(): void;
}

type Fault =
  | { kind: 'respond'; response: FaultResponse; filter: FaultFilter }
  | { kind: 'network-error'; filter: FaultFilter }
  | { kind: 'delay'; ms: number; filter: FaultFilter }
  | { kind: 'hold'; filter: FaultFilter };

let worker: SetupWorker | undefined;
let started: Promise<unknown> | undefined;

/** Starts msw's worker once per page (one test file = one page) with no handlers of its own. */
async function ensureWorker(): Promise<SetupWorker> {
  worker ??= setupWorker();
  started ??= worker.start({
    onUnhandledRequest: 'bypass',
    serviceWorker: { url: '/mockServiceWorker.js' },
    quiet: true,
  });
  await started;
  return worker;
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return HttpResponse.json(body as Record<string, unknown>, { status, headers });
}

function faultResponse(fault: FaultResponse): Response {
  const { status, headers = {}, body } = fault;
  if (body === undefined) return new HttpResponse(null, { status, headers });
  if (typeof body === 'string') return new HttpResponse(body, { status, headers });
  return json(body, status, headers);
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function matches(filter: FaultFilter, request: BackendRequest): boolean {
  return (
    (filter.method === undefined || filter.method.toUpperCase() === request.method) &&
    (filter.pathPrefix === undefined || request.path.startsWith(filter.pathPrefix)) &&
    (filter.recordId === undefined || (request.method === 'PUT' && request.path === `/calls/${encodeURIComponent(filter.recordId)}`))
  );
}

/** Newest first by date (startedAt, at), then by id, like the contract says. */
function newestFirst(a: { date: string; id: unknown }, b: { date: string; id: unknown }): number {
  const [x, y] = [String(a.id), String(b.id)];
  return b.date < a.date ? -1 : b.date > a.date ? 1 : x < y ? -1 : x > y ? 1 : 0;
}

/** Creates the backend and registers it with the page's msw worker (started on first use). */
export async function startHttpBackend(options: HttpBackendOptions = {}): Promise<FakeHttpBackend> {
  const baseUrl = (options.baseUrl ?? DEFAULT_BACKEND_URL).replace(/\/+$/, '');
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
  const uniqueKey = options.uniqueKey ?? true;
  const maxBatch = options.batch ? (options.batch === true ? 500 : options.batch.maxBatch) : 0;

  /** The table: with uniqueKey, at most one row per id (upsert); without, one row per PUT. */
  let callRows: CallRecord[] = [];
  const actions = new Map<string, CallAction>();
  const recordings = new Map<string, string>();
  let log: BackendRequest[] = [];
  let faults: Fault[] = [];
  let drops = 0;
  /** What lets each held request go on. */
  let held: (() => void)[] = [];
  /**
   * Bumped by reset(): a request still waiting in a delay when its test ended (its client gave up or was
   * disposed) must not reach the next test's state (it would take that test's dropped response, or store
   * a record in it) — under load, such a request can wake after the next test has begun.
   */
  let generation = 0;
  let down = false;
  let token: string | undefined;
  let active = true;
  let role: ConfigRole = 'admin';
  let organizations: Set<string> | undefined;
  /** By "organizationId:countryCode": the public configuration, the key kept server-side, the history (newest first). */
  const configs = new Map<string, { config: PublicAircallConfig; apiKey?: string; versions: AircallConfigVersion[] }>();
  const counters = { callPuts: 0, callRetries: 0, actionPuts: 0, actionRetries: 0, batches: 0 };

  function latestCalls(): Map<string, CallRecord> {
    const map = new Map<string, CallRecord>();
    for (const row of callRows) if (typeof row?.id === 'string') map.set(row.id, row);
    return map;
  }

  function upsertRow(row: CallRecord): boolean {
    const index = uniqueKey ? callRows.findIndex((existing) => existing?.id === row.id) : -1;
    if (index >= 0) callRows[index] = row;
    else callRows.push(row);
    return index >= 0;
  }

  function takeFault(entry: BackendRequest): Fault | undefined {
    const index = faults.findIndex((fault) => matches(fault.filter, entry));
    if (index < 0) return undefined;
    return faults.splice(index, 1)[0];
  }

  function putCall(entry: BackendRequest, id: string): Response {
    counters.callPuts += 1;
    const parsed = CallRecordSchema.safeParse(entry.body);
    if (!parsed.success) return json({ message: describeIssues(parsed.error).join('; ') }, 422);
    if (parsed.data.id !== id) return json({ message: 'the id in the path and the body differ' }, 400);
    if (entry.idempotencyKey !== id && entry.idempotencyKey !== encodeURIComponent(id)) {
      return json({ message: 'Idempotency-Key must equal the call id' }, 400);
    }
    const existed = callRows.some((row) => row?.id === id);
    if (existed) counters.callRetries += 1;
    const replaced = upsertRow(parsed.data);
    entry.outcome = replaced ? 'replaced' : 'stored';
    return json({ id, replaced }, replaced ? 200 : 201);
  }

  /** The fault waiting for one item of a batch (filter `recordId`), taken. */
  function takeItemFault(id: string): Extract<Fault, { kind: 'respond' }> | undefined {
    const index = faults.findIndex((fault) => fault.kind === 'respond' && fault.filter.recordId === id && (fault.filter.method ?? 'POST').toUpperCase() === 'POST');
    return index < 0 ? undefined : (faults.splice(index, 1)[0] as Extract<Fault, { kind: 'respond' }>);
  }

  /** POST /calls:batch: each item stored or refused on its own, one result per item, as call-elements/server answers. */
  function batchCalls(entry: BackendRequest): Response {
    counters.batches += 1;
    const items = (entry.body as { items?: unknown } | undefined)?.items;
    if (!Array.isArray(items)) return json({ error: 'invalid-request', message: 'the body must be { "items": CallRecord[] }' }, 400);
    if (items.length > maxBatch) return json({ error: 'payload-too-large', message: `at most ${maxBatch} records` }, 413);
    let stored = 0;
    const results = items.map((item: unknown) => {
      const given = (item as { id?: unknown } | null)?.id;
      const id = typeof given === 'string' ? given : null;
      const fault = id === null ? undefined : takeItemFault(id);
      if (fault) {
        const body = fault.response.body as { message?: unknown } | undefined;
        return { id, status: fault.response.status, error: 'refused', message: typeof body?.message === 'string' ? body.message : 'refused' };
      }
      const parsed = CallRecordSchema.safeParse(item);
      if (!parsed.success) return { id, status: 400, error: 'invalid-record', message: describeIssues(parsed.error).join('; ') };
      if (callRows.some((row) => row?.id === parsed.data.id)) counters.callRetries += 1;
      upsertRow(parsed.data);
      stored += 1;
      return { id, status: 200 };
    });
    if (stored > 0) entry.outcome = 'stored';
    return json({ results });
  }

  function putAction(entry: BackendRequest, id: string): Response {
    counters.actionPuts += 1;
    const parsed = CallActionSchema.safeParse(entry.body);
    if (!parsed.success) return json({ message: describeIssues(parsed.error).join('; ') }, 422);
    if (parsed.data.id !== id) return json({ message: 'the id in the path and the body differ' }, 400);
    if (entry.idempotencyKey !== id && entry.idempotencyKey !== encodeURIComponent(id)) {
      return json({ message: 'Idempotency-Key must equal the action id' }, 400);
    }
    const existed = actions.has(id);
    if (existed) counters.actionRetries += 1;
    actions.set(id, parsed.data);
    entry.outcome = existed ? 'replaced' : 'stored';
    return json({ id, replaced: existed }, existed ? 200 : 201);
  }

  /** GET /calls or GET /actions: only the filters given, newest first, at most `limit`. */
  function list<Row>(url: URL, rows: readonly Row[], filters: readonly string[], dateOf: (row: Row) => unknown): Response {
    const query = url.searchParams;
    const limitText = query.get('limit');
    const limit = limitText === null ? undefined : Number(limitText);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
      return json({ message: 'limit must be a whole number ≥ 0' }, 400);
    }
    const given = filters.flatMap((key) => {
      const value = query.get(key);
      return value === null ? [] : [[key, value] as const];
    });
    // Seeded rows may be anything (to test how clients treat bad items), hence the defensive reads.
    const idOf = (row: Row) => (row as { id?: unknown } | null)?.id;
    const items = rows
      .filter((row) => given.every(([key, value]) => (row as unknown as Record<string, unknown> | null)?.[key] === value))
      .sort((a, b) => {
        const [x, y] = [dateOf(a), dateOf(b)];
        return typeof x === 'string' && typeof y === 'string' ? newestFirst({ date: x, id: idOf(a) }, { date: y, id: idOf(b) }) : 0;
      });
    return json({ items: limit === undefined ? items : items.slice(0, limit) });
  }

  /** GET|PUT /organizations/{org}/aircall-config/{country}[/versions], as the README's contract says. */
  function configRoute(entry: BackendRequest, organizationId: string, countryCode: string, versions: boolean): Response {
    const writing = entry.method === 'PUT';
    if (role === 'none' || (writing && role !== 'admin')) return json({ error: 'forbidden', message: `role ${role} cannot do this` }, 403);
    if (organizations && !organizations.has(organizationId)) return json({ error: 'organization-not-found' }, 404);
    const key = `${organizationId}:${countryCode}`;
    const saved = configs.get(key);
    if (versions) return entry.method === 'GET' ? json({ items: saved?.versions ?? [] }) : json({ error: 'method not allowed' }, 405);
    if (entry.method === 'GET') return saved ? json(saved.config) : json({ error: 'not-configured' }, 404);
    if (!writing) return json({ error: 'method not allowed' }, 405);
    if (entry.ifMatch === null) return json({ message: 'If-Match is required' }, 428);
    const version = saved?.config.version ?? 0;
    if (entry.ifMatch !== String(version)) return json({ message: `version ${version} is saved, not ${entry.ifMatch}` }, 412);
    const { updatedBy, ...body } = (entry.body ?? {}) as { updatedBy?: unknown };
    const parsed = AircallConfigSchema.safeParse(body);
    if (!parsed.success) return json({ message: describeIssues(parsed.error).join('; ') }, 422);
    const { apiKey: given, ...fields } = parsed.data;
    const apiKey = given || saved?.apiKey;
    const updatedAt = new Date().toISOString();
    const config: PublicAircallConfig = { ...fields, apiKeySet: apiKey !== undefined, version: version + 1, updatedAt };
    if (apiKey && apiKey.length >= 8) config.apiKeyLast4 = apiKey.slice(-4);
    if (typeof updatedBy === 'string') config.updatedBy = updatedBy;
    const history: AircallConfigVersion = { version: config.version, updatedAt, config };
    if (config.updatedBy) history.updatedBy = config.updatedBy;
    configs.set(key, { config, apiKey, versions: [history, ...(saved?.versions ?? [])] });
    return json(config, saved ? 200 : 201);
  }

  function route(entry: BackendRequest, url: URL): Response {
    const segments = entry.path.split('/').slice(1);
    const [collection, rawId, sub, ...rest] = segments;
    const id = rawId === undefined ? undefined : decodeSegment(rawId);
    if (rawId !== undefined && id === undefined) return json({ message: 'bad id encoding' }, 400);
    entry.id = id;
    if (collection === 'organizations' && id && sub === 'aircall-config' && rest.length >= 1 && rest.length <= 2) {
      const country = decodeSegment(rest[0]!);
      const versions = rest[1] === 'versions';
      if (country && (rest.length === 1 || versions)) return configRoute(entry, id, country, versions);
    }
    if (collection === 'calls' && rawId === undefined && entry.method === 'GET') return list(url, callRows, ['leadId', 'requestId', 'agentId'], (row) => row?.startedAt);
    if (collection === 'actions' && rawId === undefined && entry.method === 'GET') return list(url, [...actions.values()], ['leadId', 'requestId', 'callId'], (row) => row.at);
    if (collection === 'calls' && id && sub === undefined && entry.method === 'PUT') return putCall(entry, id);
    if (maxBatch && entry.path === '/' && entry.method === 'GET') return json({ server: 'fake', batch: true, maxBatch });
    if (maxBatch && entry.path === '/calls:batch' && entry.method === 'POST') return batchCalls(entry);
    if (collection === 'calls' && id && sub === 'recording' && rest.length === 0 && entry.method === 'GET') {
      const recording = recordings.get(id);
      return recording === undefined ? json({ error: 'no recording yet' }, 404) : json({ url: recording });
    }
    if (collection === 'actions' && id && sub === undefined && entry.method === 'PUT') return putAction(entry, id);
    return json({ error: `no route for ${entry.method} ${entry.path}` }, 404);
  }

  const handler = http.all(`${baseUrl}/*`, async ({ request }) => {
    if (!active) return undefined;
    const url = new URL(request.url);
    const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    const entry: BackendRequest = {
      method: request.method,
      url: request.url,
      path: url.pathname.slice(basePath.length) || '/',
      search: url.search.replace(/^\?/, ''),
      idempotencyKey: request.headers.get('Idempotency-Key'),
      ifMatch: request.headers.get('If-Match'),
      authorization: request.headers.get('Authorization'),
      contentType: request.headers.get('Content-Type'),
      keepalive: request.keepalive,
      body,
    };
    log.push(entry);

    if (down) {
      entry.outcome = 'network-error';
      return HttpResponse.error();
    }
    const fault = takeFault(entry);
    if (fault?.kind === 'delay' || fault?.kind === 'hold') {
      const arrivedIn = generation;
      if (fault.kind === 'delay') await delay(fault.ms);
      else {
        entry.held = true;
        await new Promise<void>((resolve) => held.push(resolve));
        entry.held = false;
      }
      if (arrivedIn !== generation) {
        entry.outcome = 'network-error (the backend was reset while it waited)';
        return HttpResponse.error();
      }
    }
    if (fault?.kind === 'network-error') {
      entry.outcome = 'network-error';
      return HttpResponse.error();
    }
    if (fault?.kind === 'respond') {
      entry.outcome = String(fault.response.status);
      return faultResponse(fault.response);
    }
    if (token !== undefined && entry.authorization !== `Bearer ${token}`) {
      entry.outcome = '401';
      return json({ error: 'invalid or expired token' }, 401, { 'WWW-Authenticate': 'Bearer' });
    }
    if (text && body === undefined) {
      entry.outcome = '400';
      return json({ message: 'the body is not JSON' }, 400);
    }
    const response = route(entry, url);
    const committed = entry.outcome === 'stored' || entry.outcome === 'replaced';
    if (committed && drops > 0) {
      drops -= 1;
      entry.outcome = `${entry.outcome}, response lost`;
      return HttpResponse.error();
    }
    entry.outcome ??= String(response.status);
    return response;
  });

  (await ensureWorker()).use(handler);

  function stats(): BackendStats {
    const unique = new Set(callRows.map((row) => row.id)).size;
    return {
      requests: log.length,
      callPuts: counters.callPuts,
      uniqueCalls: unique,
      callRetries: counters.callRetries,
      duplicates: callRows.length - unique,
      actionPuts: counters.actionPuts,
      uniqueActions: actions.size,
      actionRetries: counters.actionRetries,
      batches: counters.batches,
    };
  }

  const queue = (count: number, make: () => Fault) => {
    for (let i = 0; i < count; i += 1) faults.push(make());
  };

  return {
    label: maxBatch ? 'a fake backend on msw, with the batch route' : 'a fake backend on msw',
    baseUrl,
    batch: maxBatch > 0,
    get requests() {
      return log;
    },
    get calls() {
      return latestCalls();
    },
    get actions() {
      return actions;
    },
    recordings,
    get stats() {
      return stats();
    },
    async snapshot() {
      return { calls: latestCalls(), requests: [...log], stats: stats() };
    },
    requestsTo(method, pathPrefix = '') {
      return log.filter((entry) => entry.method === method.toUpperCase() && entry.path.startsWith(pathPrefix));
    },
    seedCalls(...items) {
      for (const item of items) {
        if (typeof (item as { id?: unknown } | null)?.id === 'string') upsertRow(item as CallRecord);
        else callRows.push(item as CallRecord);
      }
    },
    failNext(count, response, filter = {}) {
      queue(count, () => ({ kind: 'respond', response, filter }));
    },
    networkErrorNext(count, filter = {}) {
      queue(count, () => ({ kind: 'network-error', filter }));
    },
    delayNext(count, ms, filter = {}) {
      queue(count, () => ({ kind: 'delay', ms, filter }));
    },
    holdNext(count, filter = {}) {
      queue(count, () => ({ kind: 'hold', filter }));
    },
    releaseHeld() {
      const waiting = held;
      held = [];
      for (const go of waiting) go();
    },
    dropResponseAfterCommit(count) {
      drops += count;
    },
    outage(on) {
      down = on;
    },
    requireToken(value) {
      token = value;
    },
    setConfigRole(value) {
      role = value;
    },
    setOrganizations(ids) {
      organizations = ids && new Set(ids);
    },
    savedApiKey(organizationId, countryCode) {
      return configs.get(`${organizationId}:${countryCode}`)?.apiKey;
    },
    reset() {
      generation += 1;
      for (const go of held.splice(0)) go();
      callRows = [];
      actions.clear();
      recordings.clear();
      log = [];
      faults = [];
      drops = 0;
      down = false;
      token = undefined;
      role = 'admin';
      organizations = undefined;
      configs.clear();
      for (const key of Object.keys(counters) as (keyof typeof counters)[]) counters[key] = 0;
    },
    close() {
      active = false;
    },
  };
}
