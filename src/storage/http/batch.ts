import { debug } from '../../internal/debug.js';
import { CallElementsError, toCallElementsError } from '../../internal/errors.js';
import type { CallRecord } from '../../schema/call-record.js';
import { validateCallRecord } from '../../schema/validate.js';
import type { SaveCallResult } from '../types.js';
import type { Reply, Sent } from './reply.js';

/** What the HTTP adapter needs of the server's batch route, read from its capabilities (`GET {baseUrl}/`). */
export interface BatchCapabilities {
  maxBatch: number;
  batchBytes: number;
}

/** The parts of the HTTP adapter the batch path shares (so that both read statuses, 401s and secrets alike). */
export interface BatchTransport {
  request(path: string, init: RequestInit, own: Record<string, string>): Promise<Sent>;
  /** The single `PUT /calls/{id}`, for the records of a batch the server refused as a whole. */
  saveCall(record: CallRecord): Promise<void>;
  /** The error a PUT answered with this status would reject with (transient or permanent, Retry-After read). */
  errorOf(reply: Reply, secrets: readonly string[]): CallElementsError;
}

const SCOPE = 'storage:http';
const BATCH_PATH = '/calls:batch';
/** When the capabilities give no limit: the server's own defaults are larger. */
const DEFAULT_MAX_BATCH = 100;
const DEFAULT_BATCH_BYTES = 1_048_576;
/** Room for `{"items":[…]}` and the commas. */
const ENVELOPE_BYTES = 1_024;
/** A server that advertises the route and then answers these for it has no such route after all. */
const NO_ROUTE = new Set([404, 405, 501]);

const positive = (value: unknown): number | undefined => (Number.isSafeInteger(value) && (value as number) > 0 ? (value as number) : undefined);

function capabilitiesOf(text: string): BatchCapabilities | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  if (!body || typeof body !== 'object' || (body as { batch?: unknown }).batch !== true) return null;
  const { maxBatch, limits } = body as { maxBatch?: unknown; limits?: { batchBytes?: unknown } };
  return { maxBatch: positive(maxBatch) ?? DEFAULT_MAX_BATCH, batchBytes: positive(limits?.batchBytes) ?? DEFAULT_BATCH_BYTES };
}

interface Item {
  index: number;
  record: CallRecord;
  body: string;
  bytes: number;
}

function chunksOf(items: Item[], { maxBatch, batchBytes }: BatchCapabilities): Item[][] {
  const chunks: Item[][] = [];
  let current: Item[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const item of items) {
    if (current.length > 0 && (current.length >= maxBatch || bytes + item.bytes > batchBytes)) {
      chunks.push(current);
      current = [];
      bytes = ENVELOPE_BYTES;
    }
    current.push(item);
    bytes += item.bytes + 1;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

/**
 * `saveCalls` of the HTTP adapter: `POST {baseUrl}/calls:batch` `{ items }` when the server's
 * capabilities document (`GET {baseUrl}/`, read once) says `batch: true`, each item's result read as its
 * own PUT's status would be. Rejects with a permanent `not-supported` when the server has no batch
 * route (the queue then sends one PUT per record), and with the transient error when it could not
 * be asked or the whole request failed. A batch the server refuses as a whole (413, 400…) is sent
 * again record by record, so that each record gets its own verdict.
 */
export function createBatchSaver(transport: BatchTransport): (records: CallRecord[]) => Promise<SaveCallResult[]> {
  let capabilities: Promise<BatchCapabilities | null> | undefined;

  async function readCapabilities(): Promise<BatchCapabilities | null> {
    const { reply, secrets } = await transport.request('/', { method: 'GET' }, { Accept: 'application/json' });
    if (reply.status >= 200 && reply.status < 300) return capabilitiesOf(reply.text);
    const error = transport.errorOf(reply, secrets);
    // A backend that is failing (5xx, 429…, 401) is asked again later; one that has no such document is not.
    if (!error.permanent) throw error;
    return null;
  }

  function known(): Promise<BatchCapabilities | null> {
    capabilities ??= readCapabilities().catch((error: unknown) => {
      capabilities = undefined;
      throw toCallElementsError(error, 'storage-failed');
    });
    return capabilities;
  }

  async function postChunk(chunk: Item[]): Promise<(CallElementsError | undefined)[]> {
    const body = `{"items":[${chunk.map((item) => item.body).join(',')}]}`;
    const { reply, secrets } = await transport.request(BATCH_PATH, { method: 'POST', body }, { 'Content-Type': 'application/json', Accept: 'application/json' });
    if (reply.status < 200 || reply.status >= 300) throw transport.errorOf(reply, secrets);
    let results: unknown;
    try {
      results = (JSON.parse(reply.text) as { results?: unknown } | null)?.results;
    } catch {
      results = undefined;
    }
    const malformed = () =>
      new CallElementsError('storage-failed', { params: { detail: `HTTP ${reply.status}: the batch answer does not give one result per record` }, permanent: false, status: reply.status });
    if (!Array.isArray(results) || results.length !== chunk.length) throw malformed();
    return chunk.map((item, i) => {
      const result = results[i] as { id?: unknown; status?: unknown; error?: unknown; message?: unknown } | null;
      if (!result || typeof result !== 'object' || (result.id !== item.record.id && result.id !== null) || !Number.isInteger(result.status)) throw malformed();
      const status = result.status as number;
      if (status >= 200 && status < 300) return undefined;
      const said = typeof result.message === 'string' ? result.message : typeof result.error === 'string' ? result.error : '';
      return transport.errorOf({ status, headers: new Headers(), text: JSON.stringify({ message: said }) }, secrets);
    });
  }

  /** Each record of a batch the server refused as a whole, by its own PUT. */
  async function oneByOne(chunk: Item[]): Promise<(CallElementsError | undefined)[]> {
    const outcomes: (CallElementsError | undefined)[] = [];
    for (const item of chunk) {
      try {
        await transport.saveCall(item.record);
        outcomes.push(undefined);
      } catch (error) {
        outcomes.push(toCallElementsError(error, 'storage-failed'));
      }
    }
    return outcomes;
  }

  return async function saveCalls(records) {
    const results: SaveCallResult[] = records.map((record) => ({ id: String(record?.id) }));
    const items: Item[] = [];
    const encoder = new TextEncoder();
    records.forEach((record, index) => {
      try {
        const valid = validateCallRecord(record);
        const body = JSON.stringify(valid);
        items.push({ index, record: valid, body, bytes: encoder.encode(body).byteLength });
      } catch (error) {
        results[index] = { id: String(record?.id), error: toCallElementsError(error, 'invalid-record') };
      }
    });
    if (items.length === 0) return results;
    const limits = await known();
    if (!limits) {
      throw new CallElementsError('not-supported', { params: { provider: 'the server', feature: `POST ${BATCH_PATH}` }, permanent: true });
    }
    let sentAny = false;
    let firstFailure: CallElementsError | undefined;
    for (const chunk of chunksOf(items, limits)) {
      let outcomes: (CallElementsError | undefined)[];
      try {
        outcomes = await postChunk(chunk);
        sentAny = true;
      } catch (caught) {
        const error = toCallElementsError(caught, 'storage-failed');
        if (error.permanent) {
          if (NO_ROUTE.has(error.status ?? 0)) capabilities = Promise.resolve(null);
          debug(SCOPE, 'batch-refused', { status: error.status, records: chunk.length });
          outcomes = await oneByOne(chunk);
          sentAny = true;
        } else {
          firstFailure ??= error;
          outcomes = chunk.map(() => error);
        }
      }
      chunk.forEach((item, i) => {
        const error = outcomes[i];
        results[item.index] = error ? { id: item.record.id, error } : { id: item.record.id };
      });
    }
    // Nothing reached the server: the whole call failed, as one PUT would have.
    if (!sentAny && firstFailure && items.length === records.length) throw firstFailure;
    return results;
  };
}
