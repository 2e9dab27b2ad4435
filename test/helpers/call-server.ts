import type { TestBackend } from './backends.js';
import type { BackendRequest, BackendSnapshot, BackendStats, FaultFilter, FaultResponse } from './http-backend.js';
import type { CallRecord } from '../../src/schema/call-record.js';

/**
 * call-elements/server (src/server, in-memory PGlite), which the test runner starts and proxies on the
 * pages' own origin (scripts/test-call-server.mjs, scripts/server/test-proxy.mjs). Each reset takes a
 * new space: the server signs its requests in as an admin of an organisation of its own, so that it
 * sees only what it stored. Faults are applied by the proxy, before the server; what the server holds
 * is read from the server.
 */
export interface CallServerBackend extends TestBackend {
  /** Hides the server's capabilities (`GET /` → 404), as a server without the batch route answers. */
  advertiseBatch(on: boolean): Promise<void>;
}

export interface CallServerBackendOptions {
  /** Default true: the server advertises and serves POST /calls:batch. */
  batch?: boolean;
}

const spaceName = () => `s${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;

export async function startCallServerBackend(options: CallServerBackendOptions = {}): Promise<CallServerBackend> {
  const batch = options.batch ?? true;
  let space = spaceName();

  async function control(operation: string, body?: unknown): Promise<any> {
    const response = await fetch(`/__call-server/${space}/__control/${operation}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'Content-Type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`the test call server's ${operation} answered ${response.status}: ${await response.text()}`);
    return response.json();
  }
  const setUp = async () => {
    if (!batch) await control('batch', { on: false });
  };
  const forget = (name: string) => fetch(`/__call-server/${name}/__control/forget`, { method: 'POST', body: '{}' }).catch(() => undefined);
  await setUp();

  return {
    label: batch ? 'call-elements/server' : 'call-elements/server without its batch route',
    batch,
    get baseUrl() {
      return `${location.origin}/__call-server/${space}/api`;
    },
    async reset() {
      void forget(space);
      space = spaceName();
      await setUp();
    },
    close() {
      void forget(space);
    },
    async failNext(count: number, response: FaultResponse, filter: FaultFilter = {}) {
      await control('fault', { kind: 'respond', count, response, filter });
    },
    async networkErrorNext(count: number, filter: FaultFilter = {}) {
      await control('fault', { kind: 'network-error', count, filter });
    },
    async delayNext(count: number, ms: number, filter: FaultFilter = {}) {
      await control('fault', { kind: 'delay', count, ms, filter });
    },
    async holdNext(count: number, filter: FaultFilter = {}) {
      await control('fault', { kind: 'hold', count, filter });
    },
    async releaseHeld() {
      await control('release');
    },
    async dropResponseAfterCommit(count: number) {
      await control('drop', { count });
    },
    async outage(on: boolean) {
      await control('outage', { on });
    },
    async requireToken(token: string | undefined) {
      await control('token', { token: token ?? null });
    },
    async advertiseBatch(on: boolean) {
      await control('batch', { on });
    },
    async snapshot(): Promise<BackendSnapshot> {
      const state = (await control('state')) as { calls: CallRecord[]; requests: BackendRequest[]; stats: BackendStats };
      return { calls: new Map(state.calls.map((record) => [record.id, record])), requests: state.requests, stats: state.stats };
    },
  };
}
