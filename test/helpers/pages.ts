// Host pages in iframes (test/fixtures/agent-page.html), the dev server's test backend and its offline
// switch (scripts/test-backend.mjs): what the tests of reloads, closed tabs and outages drive.
import type { CallHandle } from '../../src/calls/live-call.js';
import type { CallAction } from '../../src/schema/call-action.js';
import type { CallRecord } from '../../src/schema/call-record.js';
import { until } from './manual-provider.js';
import { isolatedOutbox } from './outbox-names.js';

export interface AgentPage {
  frame: HTMLIFrameElement;
  window: Window & {
    agentPage: {
      events: { type: string; detail: unknown }[];
      currentCall(): CallHandle | undefined;
      engineLoaded(): boolean;
      api(): Promise<typeof import('../../src/calls/api.js') & typeof import('../../src/calls/engine-api.js')>;
    };
  };
  document: Document;
}

export interface BackendState {
  calls: Record<string, CallRecord>;
  actions: Record<string, CallAction>;
  /** PUTs received, by "calls:<id>" and "actions:<id>". */
  puts: Record<string, number>;
  /** The latest requests (500 at most), oldest first. */
  requests: { method: string; route: string; id?: string; authorization: string | null; idempotencyKey: string | null }[];
}

/** A backend space and queue names of their own, for one test. */
export function pageSetup(extra: Record<string, string> = {}) {
  const names = isolatedOutbox();
  const space = `space-${names.dbName}`;
  return { space, names, query: { space, db: names.dbName, lock: names.lockName, channel: names.channelName, ...extra } };
}

/** Opens the host page in an iframe and waits until its script ran. */
export async function openAgentPage(query: Record<string, string>): Promise<AgentPage> {
  const frame = document.createElement('iframe');
  frame.src = `/test/fixtures/agent-page.html?${new URLSearchParams(query)}`;
  document.body.append(frame);
  await until(() => (frame.contentWindow as unknown as { frameReady?: boolean } | null)?.frameReady, 'the page to load', 10_000);
  return { frame, window: frame.contentWindow as AgentPage['window'], document: frame.contentDocument! };
}

/** Closes the page, as closing its tab does. */
export function closePage(page: AgentPage): void {
  page.frame.remove();
}

export async function backendState(space: string): Promise<BackendState> {
  return (await fetch(`/__backend/${space}/state`)).json() as Promise<BackendState>;
}

export async function backendOutage(space: string, on: boolean): Promise<void> {
  await fetch(`/__backend/${space}/outage?on=${on ? 1 : 0}`, { method: 'POST' });
}

/** While on, every module of the library or node_modules a page has not loaded yet fails to download. */
export function modulesOffline(on: boolean): void {
  document.cookie = `call-elements-offline=${on ? '1' : '0'}; path=/`;
}

/** What the queue's database holds, read as another tab would (raw IndexedDB). */
export function queueEntries(dbName: string): Promise<{ key: string; state: string; attempts: number }[]> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(dbName);
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('queue')) {
        db.close();
        resolve([]);
        return;
      }
      const all = db.transaction('queue').objectStore('queue').getAll();
      all.onsuccess = () => (db.close(), resolve(all.result));
      all.onerror = () => (db.close(), reject(all.error));
    };
  });
}
