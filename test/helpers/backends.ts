import type { BackendRequest, BackendSnapshot, FaultFilter, FaultResponse } from './http-backend.js';

/**
 * What the suites that run against both backends use: the fake on msw (test/helpers/http-backend.ts)
 * and call-elements/server behind the test runner's proxy (test/helpers/call-server.ts). Faults are
 * injected in front of the backend; what it stored is read from it (`snapshot()`).
 */
export interface TestBackend {
  /** Says which backend a suite runs against, in its title. */
  readonly label: string;
  /** Changes with `reset()` for the server (a new space); build storages after resetting. */
  readonly baseUrl: string;
  /** Serves `POST /calls:batch` and says so in its capabilities. */
  readonly batch: boolean;
  reset(): void | Promise<void>;
  close(): void;
  failNext(count: number, response: FaultResponse, filter?: FaultFilter): void | Promise<void>;
  networkErrorNext(count: number, filter?: FaultFilter): void | Promise<void>;
  delayNext(count: number, ms: number, filter?: FaultFilter): void | Promise<void>;
  holdNext(count: number, filter?: FaultFilter): void | Promise<void>;
  releaseHeld(): void | Promise<void>;
  dropResponseAfterCommit(count: number): void | Promise<void>;
  outage(on: boolean): void | Promise<void>;
  requireToken(token: string | undefined): void | Promise<void>;
  snapshot(): Promise<BackendSnapshot>;
}

const isCallPut = (request: BackendRequest) => request.method === 'PUT' && /^\/calls\/[^/]+$/.test(request.path);

/** The record a PUT carried, from its path (a request refused before the backend's routes has no `id`). */
function putId(request: BackendRequest): string | undefined {
  try {
    return decodeURIComponent(request.path.slice('/calls/'.length));
  } catch {
    return undefined;
  }
}
const isBatch = (request: BackendRequest) => request.method === 'POST' && request.path === '/calls:batch';

function batchItems(request: BackendRequest): { id?: unknown }[] {
  const items = (request.body as { items?: unknown } | undefined)?.items;
  return Array.isArray(items) ? items : [];
}

/**
 * The requests that carried a call record (of `id`, or any): its PUTs, and each batch it was an item
 * of, counted once per item. What "attempts" means whether the queue sent one PUT per record or batches.
 */
export function recordSends(requests: readonly BackendRequest[], id?: string): number {
  let sends = 0;
  for (const request of requests) {
    if (isCallPut(request) && (id === undefined || putId(request) === id)) sends += 1;
    if (isBatch(request)) sends += batchItems(request).filter((item) => id === undefined || item?.id === id).length;
  }
  return sends;
}

/** The PUT /calls/{id} and POST /calls:batch requests, oldest first. */
export const recordRequests = (requests: readonly BackendRequest[]) => requests.filter((request) => isCallPut(request) || isBatch(request));
