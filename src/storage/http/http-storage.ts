import { validateCallAction, validateCallRecord } from '../../schema/validate.js';
import { debug } from '../../internal/debug.js';
import * as z from 'zod/mini';
import { CallElementsError } from '../../internal/errors.js';
import { redactSecrets, MIN_SECRET_LENGTH } from '../../internal/redact.js';
import { isHttpUrl } from '../../internal/url.js';
import { invalidOptions, normaliseBaseUrl } from './base-url.js';
import { createBatchSaver } from './batch.js';
import type { Reply, Sent } from './reply.js';
import { checkHttpOptions, type HttpHeaders, type HttpStorageOptions } from './http-options.js';

export type { HttpHeaders, HttpHeadersContext, HttpHeadersSource, HttpStorageOptions } from './http-options.js';
import type { AircallScope, PublicAircallConfig } from '../../schema/aircall-config.js';
import { CallActionSchema, type CallAction } from '../../schema/call-action.js';
import { CallRecordSchema, type CallRecord } from '../../schema/call-record.js';
import { count, describeIssues, identifier, isoDateTime, strictObject } from '../../schema/common.js';
import {
  validateAircallConfig,
  validateAircallScope,
  validatePublicAircallConfig,
  validateSaveOptions,
} from '../aircall-config-values.js';
import type { ActionQuery, AircallConfigVersion, CallQuery, ConfigStorage, SaveCallResult } from '../types.js';
import '../../locales/on-demand-errors.js';
import '../../locales/engine-messages.js';

export interface HttpStorage extends ConfigStorage {
  readonly name: 'http';
  /** The normalised base URL, without trailing slash. */
  readonly baseUrl: string;
  logAction(action: CallAction): Promise<void>;
  listActions(query?: ActionQuery): Promise<CallAction[]>;
  getRecordingUrl(callId: string): Promise<string | undefined>;
  /** `POST {baseUrl}/calls:batch` when the server's capabilities (`GET {baseUrl}/`) offer it; else rejects with `not-supported`. */
  saveCalls(records: CallRecord[]): Promise<SaveCallResult[]>;
  saveCallsOnUnload(records: CallRecord[]): string[];
  /** Aborts the requests in flight (they reject with a transient `storage-failed`). */
  dispose(): void;
}

const DEFAULT_TIMEOUT_MS = 15_000;
/** Chromium and Firefox refuse keepalive requests once the bodies in flight exceed 64 KiB. */
const KEEPALIVE_BUDGET_BYTES = 65_536;
/** Room kept for other keepalive requests of the page and for the browser's own accounting. */
const KEEPALIVE_MARGIN_BYTES = 1_024;
const DETAIL_MAX_CHARS = 200;

/** Statuses where the same request may succeed later (timeouts, conflicts in progress, too early, rate limits). */
const TRANSIENT_STATUSES = new Set([408, 409, 425, 429]);

const SCOPE = 'storage:http';

/**
 * `Retry-After` as milliseconds: delta-seconds or an HTTP-date (all three HTTP-date forms start
 * with a day name, which keeps `Date.parse` from guessing at garbage such as "3 apples").
 */
function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  if (!/^(mon|tue|wed|thu|fri|sat|sun)/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** Header values cannot carry every character of an id; those ids go percent-encoded. */
function idempotencyKey(id: string): string {
  return /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/.test(id) ? id : encodeURIComponent(id);
}

/** The values worth hiding: whole header values and each word of them ("Bearer abc" → "abc"). */
function secretsOf(headers: HttpHeaders): string[] {
  const secrets = new Set<string>();
  for (const value of Object.values(headers).map(String)) {
    for (const part of [value, ...value.split(/\s+/)]) {
      if (part.length >= MIN_SECRET_LENGTH) secrets.add(part);
    }
  }
  return [...secrets].sort((a, b) => b.length - a.length);
}

/** The most of a server's answer looked at for a message: the rest cannot fit in one anyway. */
const DETAIL_SCAN_CHARS = 4000;

const redact = (text: string, secrets: readonly string[]) => redactSecrets(text.slice(0, DETAIL_SCAN_CHARS), secrets);

/** What the server said: the `message` or `error` of a JSON body, else its text. */
function serverDetail(text: string): string {
  let detail = text;
  try {
    const body: unknown = JSON.parse(text);
    if (body && typeof body === 'object') {
      const { message, error } = body as { message?: unknown; error?: unknown };
      const nested = error && typeof error === 'object' ? (error as { message?: unknown }).message : undefined;
      const picked = [message, error, nested].find((value) => typeof value === 'string' && value.trim() !== '');
      if (typeof picked === 'string') detail = picked;
    }
  } catch {
    // not JSON: the text itself is the detail
  }
  return detail.replace(/\s+/g, ' ').trim();
}

/** Redacted before it is shortened, so that a secret cut in half by the limit cannot slip through. */
function shortDetail(text: string, secrets: readonly string[]): string {
  const detail = redact(serverDetail(text), secrets);
  return detail.length > DETAIL_MAX_CHARS ? `${detail.slice(0, DETAIL_MAX_CHARS - 1)}…` : detail;
}

function httpError(reply: Reply, secrets: readonly string[]): CallElementsError {
  const { status } = reply;
  const said = shortDetail(reply.text, secrets);
  const detail = said ? `HTTP ${status}: ${said}` : `HTTP ${status}`;
  if (status === 401) {
    return new CallElementsError('storage-unauthorized', { params: { detail }, permanent: false, status });
  }
  const transient = status >= 500 || TRANSIENT_STATUSES.has(status) || status < 400;
  if (transient) {
    const retryAfterMs = parseRetryAfter(reply.headers.get('Retry-After'));
    return new CallElementsError('storage-failed', { params: { detail }, permanent: false, status, retryAfterMs });
  }
  return new CallElementsError('storage-rejected', { params: { detail }, permanent: true, status });
}

function isJsonValue(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function parseJson(reply: Reply): unknown {
  try {
    return JSON.parse(reply.text);
  } catch (cause) {
    throw new CallElementsError('storage-failed', {
      params: { detail: `HTTP ${reply.status}: the response is not JSON` },
      permanent: false,
      status: reply.status,
      cause,
    });
  }
}

/** The body marker that tells "this organisation does not exist" from "no configuration yet" on a 404. */
const ORGANIZATION_NOT_FOUND = 'organization-not-found';

function organizationMissing(reply: Reply): boolean {
  try {
    const body: unknown = JSON.parse(reply.text);
    if (!body || typeof body !== 'object') return false;
    const { error, code } = body as { error?: unknown; code?: unknown };
    const nested = error && typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
    return [error, code, nested].includes(ORGANIZATION_NOT_FOUND);
  } catch {
    return false;
  }
}

/**
 * `..` and `.` cannot be path segments: the URL parser resolves them (even percent-encoded), which
 * would send the request to another resource.
 */
function pathSegment(value: string): string {
  if (/^\.{1,2}$/.test(value)) throw invalidOptions(`"${value}" cannot be used as a URL path segment`);
  return encodeURIComponent(value);
}

function configPath(scope: AircallScope, suffix = ''): string {
  return `/organizations/${pathSegment(scope.organizationId)}/aircall-config/${pathSegment(scope.countryCode)}${suffix}`;
}

function secureTransport(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(hostname) || hostname.endsWith('.localhost');
}

/** The configuration statuses every config route shares; other statuses keep the call routes' meaning. */
function configError(reply: Reply, secrets: readonly string[], method: 'GET' | 'PUT'): CallElementsError | undefined {
  const { status } = reply;
  if (status === 403) return new CallElementsError('permission-denied', { permanent: true, status });
  if (status === 404 && organizationMissing(reply)) return new CallElementsError('organization-not-found', { permanent: true, status });
  if (status === 412) return new CallElementsError('config-conflict', { permanent: true, status });
  if (method === 'PUT' && (status === 400 || status === 422)) {
    const said = shortDetail(reply.text, secrets);
    return new CallElementsError('config-invalid', { params: { detail: said || `HTTP ${status}` }, permanent: true, status });
  }
  return undefined;
}

const ConfigVersionSchema = strictObject({
  version: count,
  updatedAt: isoDateTime,
  updatedBy: z.optional(identifier),
  config: z.unknown(),
});

function invalidResponse(reply: Reply, detail: string): CallElementsError {
  return new CallElementsError('storage-failed', { params: { detail: `HTTP ${reply.status}: ${detail}` }, permanent: true, status: reply.status });
}

/** Validates a response that carries a configuration; the key is refused without being quoted. */
function publicConfigOf(reply: Reply, value: unknown): PublicAircallConfig {
  try {
    return validatePublicAircallConfig(value, 'the server');
  } catch (error) {
    const { params } = error as CallElementsError;
    throw invalidResponse(reply, String(params.detail));
  }
}

/**
 * Stores calls on the host's backend through the HTTP contract described in the README:
 * `PUT {baseUrl}/calls/{id}` with `Idempotency-Key`, `GET {baseUrl}/calls?…`, `PUT {baseUrl}/actions/{id}`,
 * `GET {baseUrl}/actions?…`,
 * `GET {baseUrl}/calls/{id}/recording`, and the Aircall configuration routes
 * `GET|PUT {baseUrl}/organizations/{organizationId}/aircall-config/{countryCode}[/versions]`.
 * Errors are CallElementsErrors whose `permanent` flag tells the outbox whether to retry, with the
 * server's `Retry-After` in `retryAfterMs`. The Aircall API key goes in a PUT body only (never a URL,
 * never over plain http: except to localhost), and a response that carries it back is refused.
 * Throws `invalid-options` synchronously for a base URL or options it cannot use.
 */
export function createHttpStorage(options: HttpStorageOptions): HttpStorage {
  checkHttpOptions(options);
  const baseUrl = normaliseBaseUrl(options.baseUrl);
  const source = options.headers;
  const customFetch = options.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const inFlight = new Set<AbortController>();
  /** The last headers the host gave us, for the unload path, which cannot wait for a promise. */
  let lastHeaders: HttpHeaders | undefined = typeof source === 'object' ? { ...source } : undefined;
  /** One refresh at a time: concurrent 401s share it instead of asking the host for N tokens. */
  let refreshing: Promise<HttpHeaders> | undefined;
  /** Bumped by every refresh that answered: a 401 to a request sent before it uses its headers, unasked. */
  let refreshes = 0;
  let refreshed: HttpHeaders | undefined;

  const send = (url: string, init: RequestInit) => (customFetch ? customFetch(url, init) : globalThis.fetch(url, init));

  async function resolveHeaders(refresh: boolean): Promise<HttpHeaders> {
    if (typeof source !== 'function') return source ? { ...source } : {};
    let value: unknown;
    try {
      value = await source({ refresh });
    } catch (cause) {
      throw new CallElementsError('storage-unauthorized', {
        params: { detail: 'the headers function failed' },
        permanent: false,
        cause,
      });
    }
    const given: unknown = value ?? {};
    const entries = typeof given === 'object' && given !== null && !Array.isArray(given) ? Object.entries(given) : undefined;
    if (!entries || entries.some(([, v]) => typeof v !== 'string')) {
      throw new CallElementsError('storage-unauthorized', {
        params: { detail: 'the headers function must return an object of string values' },
        permanent: false,
      });
    }
    lastHeaders = Object.fromEntries(entries) as HttpHeaders;
    return lastHeaders;
  }

  /**
   * Fresh headers after a 401 to a request sent at refresh number `sentAt`: the ones a refresh since then
   * gave (its answer may just have crossed this 401), else those of the refresh in progress, else a new one.
   */
  function refreshHeaders(sentAt: number): Promise<HttpHeaders> {
    if (refreshes > sentAt && refreshed) return Promise.resolve(refreshed);
    refreshing ??= resolveHeaders(true)
      .then((headers) => {
        refreshes += 1;
        refreshed = headers;
        return headers;
      })
      .finally(() => {
        refreshing = undefined;
      });
    return refreshing;
  }

  /** One HTTP exchange, body included, within the timeout. Rejects only with transient errors. */
  async function exchange(url: string, init: RequestInit, hostHeaders: HttpHeaders, own: HttpHeaders): Promise<Sent> {
    const secrets = secretsOf(hostHeaders);
    let headers: Headers;
    try {
      headers = new Headers(hostHeaders);
    } catch {
      throw new CallElementsError('storage-unauthorized', {
        params: { detail: 'the host headers are not valid HTTP headers' },
        permanent: false,
      });
    }
    for (const [name, value] of Object.entries(own)) headers.set(name, value);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    inFlight.add(controller);
    try {
      const response = await send(url, { ...init, headers, signal: controller.signal });
      const text = await response.text();
      return { reply: { status: response.status, headers: response.headers, text }, secrets };
    } catch (cause) {
      const detail = timedOut
        ? `no answer within ${timeoutMs} ms`
        : controller.signal.aborted
          ? 'the storage was disposed'
          : redact(cause instanceof Error ? cause.message : String(cause), secrets) || 'network error';
      throw new CallElementsError('storage-failed', { params: { detail }, permanent: false, cause });
    } finally {
      clearTimeout(timer);
      inFlight.delete(controller);
    }
  }

  /** A request with the host's headers; after a 401, asks for fresh headers and tries once more. */
  async function request(path: string, init: RequestInit, own: HttpHeaders = {}): Promise<Sent> {
    const url = `${baseUrl}${path}`;
    const sentAt = refreshes;
    const first = await exchange(url, init, await resolveHeaders(false), own);
    if (first.reply.status !== 401) return first;
    debug(SCOPE, 'unauthorized-refresh', { path });
    const second = await exchange(url, init, await refreshHeaders(sentAt), own);
    return { reply: second.reply, secrets: [...first.secrets, ...second.secrets] };
  }

  function ok({ reply, secrets }: Sent): Reply {
    if (reply.status >= 200 && reply.status < 300) return reply;
    throw httpError(reply, secrets);
  }

  /**
   * A PUT of the contract: stored means a 2xx with no body (204) or a JSON body. Anything else under a
   * 2xx — an HTML page from a proxy or a single-page app's fallback route at the wrong URL — did not
   * store anything: it is a transient failure, so the item stays queued and the problem shows.
   */
  async function put(path: string, id: string, body: string): Promise<void> {
    const reply = ok(
      await request(
        path,
        { method: 'PUT', body },
        { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': idempotencyKey(id) },
      ),
    );
    if (reply.text.trim() === '' || isJsonValue(reply.text)) return;
    const type = reply.headers.get('Content-Type')?.split(';')[0]?.trim() || 'no content type';
    throw new CallElementsError('storage-failed', {
      params: { detail: `HTTP ${reply.status} with a body that is not JSON (${type}): is baseUrl the API, not a web page?` },
      permanent: false,
      status: reply.status,
    });
  }

  /**
   * A list route of the contract (`GET /calls?…`, `GET /actions?…`): only the filters given, the limit
   * as a whole number, `{ items }` back; an item the schema refuses is skipped (and logged in debug
   * mode) rather than failing the whole list.
   */
  async function list<Query extends { limit?: number }, Item>(
    path: string,
    query: Query,
    filters: readonly (keyof Query & string)[],
    schema: z.ZodMiniType<Item>,
  ): Promise<Item[]> {
    const params = new URLSearchParams();
    for (const key of filters) {
      const value = query[key];
      if (value !== undefined) params.set(key, String(value));
    }
    if (query.limit !== undefined) params.set('limit', String(Math.max(0, Math.floor(query.limit))));
    const search = params.toString();
    const reply = ok(await request(`${path}${search ? `?${search}` : ''}`, { method: 'GET' }, { Accept: 'application/json' }));
    const body = parseJson(reply) as { items?: unknown } | null;
    if (!body || typeof body !== 'object' || !Array.isArray(body.items)) {
      throw new CallElementsError('storage-failed', {
        params: { detail: `HTTP ${reply.status}: the response has no "items" array` },
        permanent: false,
        status: reply.status,
      });
    }
    const items: Item[] = [];
    body.items.forEach((item, index) => {
      const result = schema.safeParse(item);
      if (result.success) {
        items.push(result.data);
      } else {
        const id = item && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
        debug(SCOPE, 'invalid-item-skipped', { path, index, id, issues: describeIssues(result.error) });
      }
    });
    return items;
  }

  return {
    name: 'http',
    baseUrl,

    async saveCall(record) {
      const valid = validateCallRecord(record);
      await put(`/calls/${encodeURIComponent(valid.id)}`, valid.id, JSON.stringify(valid));
    },

    saveCalls: createBatchSaver({
      request,
      saveCall: (record) => put(`/calls/${encodeURIComponent(record.id)}`, record.id, JSON.stringify(record)),
      errorOf: httpError,
    }),

    listCalls(query: CallQuery = {}) {
      return list('/calls', query, ['leadId', 'requestId', 'agentId'], CallRecordSchema);
    },

    async logAction(action) {
      const valid = validateCallAction(action);
      await put(`/actions/${encodeURIComponent(valid.id)}`, valid.id, JSON.stringify(valid));
    },

    listActions(query: ActionQuery = {}) {
      return list('/actions', query, ['leadId', 'requestId', 'callId'], CallActionSchema);
    },

    async getRecordingUrl(callId) {
      const sent = await request(`/calls/${encodeURIComponent(callId)}/recording`, { method: 'GET' }, { Accept: 'application/json' });
      if (sent.reply.status === 404) return undefined;
      const body = parseJson(ok(sent)) as { url?: unknown } | null;
      const url = body && typeof body === 'object' ? body.url : undefined;
      if (url === undefined || url === null) return undefined;
      if (!isHttpUrl(url)) {
        debug(SCOPE, 'recording-url-refused', { callId });
        return undefined;
      }
      return url;
    },

    saveCallsOnUnload(records) {
      const handed: string[] = [];
      try {
        const encoder = new TextEncoder();
        let budget = KEEPALIVE_BUDGET_BYTES - KEEPALIVE_MARGIN_BYTES;
        let hostHeaders: Headers;
        try {
          hostHeaders = new Headers(lastHeaders);
        } catch {
          hostHeaders = new Headers();
        }
        for (const record of records) {
          const result = CallRecordSchema.safeParse(record);
          if (!result.success) continue;
          const body = JSON.stringify(result.data);
          const size = encoder.encode(body).byteLength;
          // A record that does not fit stays in the outbox; a smaller one after it may still fit.
          if (size > budget) continue;
          const headers = new Headers(hostHeaders);
          headers.set('Content-Type', 'application/json');
          headers.set('Idempotency-Key', idempotencyKey(result.data.id));
          try {
            send(`${baseUrl}/calls/${encodeURIComponent(result.data.id)}`, { method: 'PUT', keepalive: true, headers, body }).catch(
              (error: unknown) => debug(SCOPE, 'unload-send-failed', { id: result.data.id, error: String(error) }),
            );
          } catch (error) {
            debug(SCOPE, 'unload-send-failed', { id: result.data.id, error: String(error) });
            continue;
          }
          budget -= size;
          handed.push(result.data.id);
        }
      } catch (error) {
        debug(SCOPE, 'unload-send-failed', { error: String(error) });
      }
      return handed;
    },

    async getConfig(scope) {
      const valid = validateAircallScope(scope);
      const sent = await request(configPath(valid), { method: 'GET' }, { Accept: 'application/json' });
      const refused = configError(sent.reply, sent.secrets, 'GET');
      if (refused) throw refused;
      if (sent.reply.status === 404) return undefined;
      const reply = ok(sent);
      return publicConfigOf(reply, parseJson(reply));
    },

    async saveConfig(scope, config, saveOptions) {
      const valid = validateAircallScope(scope);
      const body = validateAircallConfig(config);
      const { expectedVersion, updatedBy } = validateSaveOptions(saveOptions);
      if (body.apiKey !== undefined && !secureTransport(baseUrl)) {
        throw invalidOptions('the Aircall API key is only sent over https: (or http: to localhost)');
      }
      const sent = await request(
        configPath(valid),
        { method: 'PUT', body: JSON.stringify(updatedBy === undefined ? body : { ...body, updatedBy }) },
        { 'Content-Type': 'application/json', Accept: 'application/json', 'If-Match': String(expectedVersion) },
      );
      // A server that quotes the request in an error must not put the key in our messages.
      const secrets = body.apiKey === undefined ? sent.secrets : [body.apiKey, ...sent.secrets];
      const refused = configError(sent.reply, secrets, 'PUT');
      if (refused) throw refused;
      const reply = ok({ reply: sent.reply, secrets });
      return publicConfigOf(reply, parseJson(reply));
    },

    async listConfigVersions(scope) {
      const valid = validateAircallScope(scope);
      const sent = await request(configPath(valid, '/versions'), { method: 'GET' }, { Accept: 'application/json' });
      const refused = configError(sent.reply, sent.secrets, 'GET');
      if (refused) throw refused;
      if (sent.reply.status === 404) return [];
      const reply = ok(sent);
      const body = parseJson(reply) as { items?: unknown } | null;
      if (!body || typeof body !== 'object' || !Array.isArray(body.items)) throw invalidResponse(reply, 'the response has no "items" array');
      return body.items.map((item, index) => {
        const result = ConfigVersionSchema.safeParse(item);
        if (!result.success) throw invalidResponse(reply, `version ${index}: ${describeIssues(result.error).join('; ')}`);
        const { config, ...version } = result.data;
        return { ...version, config: publicConfigOf(reply, config) } as AircallConfigVersion;
      });
    },

    dispose() {
      for (const controller of inFlight) controller.abort();
      inFlight.clear();
    },
  };
}
