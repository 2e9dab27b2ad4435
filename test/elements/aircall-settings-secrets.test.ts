import { expect, fixture, html } from '@open-wc/testing';
import { resetPageRuntime } from '../../src/calls/page-runtime.js';
import { configure } from '../../src/config.js';
import '../../src/elements/aircall-settings/define.js';
import type { AircallSettings } from '../../src/elements/aircall-settings/aircall-settings.js';
import type { SettingsSavedDetail } from '../../src/events/events.js';
import { DEBUG_KEY } from '../../src/internal/debug.js';
import { createHttpStorage } from '../../src/storage/http/index.js';
import { $aircallConfigs, resetAircallConfigs } from '../../src/store/aircall.js';
import { startHttpBackend, type FakeHttpBackend } from '../helpers/http-backend.js';
import { until } from '../helpers/manual-provider.js';
import { isolatedOutbox, resetLibrary } from '../helpers/reset.js';

type El = AircallSettings;

const random = () => [...crypto.getRandomValues(new Uint8Array(12))].map((b) => b.toString(16).padStart(2, '0')).join('');
/** A key no page text could contain by chance; its last four characters are the one part that may be shown. */
const newKey = () => `sk_live_${random()}WXYZ`;

const root = (el: Element) => el.shadowRoot!;
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Every string a person or a script could read in the DOM: text, comments, attributes, form values, through every shadow root. */
function* domStrings(node: Node): Generator<string> {
  if (node.nodeType === Node.TEXT_NODE || node.nodeType === Node.COMMENT_NODE) yield node.nodeValue ?? '';
  if (node instanceof Element) {
    for (const attribute of node.attributes) yield `${attribute.name}=${attribute.value}`;
    if (node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement || node instanceof HTMLSelectElement) yield node.value;
    if (node.shadowRoot) yield* domStrings(node.shadowRoot);
  }
  for (const child of node.childNodes) yield* domStrings(child);
}

function countShadowRoots(node: Node): number {
  let count = node instanceof Element && node.shadowRoot ? 1 + countShadowRoots(node.shadowRoot) : 0;
  for (const child of node.childNodes) count += countShadowRoots(child);
  return count;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Bytes are decoded as text so that a key stored as an ArrayBuffer in clear would be found too. */
function readable(_key: string, value: unknown): unknown {
  if (value instanceof ArrayBuffer) return new TextDecoder().decode(value);
  if (ArrayBuffer.isView(value)) return new TextDecoder().decode(value);
  if (typeof CryptoKey !== 'undefined' && value instanceof CryptoKey) return `[CryptoKey extractable=${value.extractable}]`;
  return value;
}

/** The raw contents of every IndexedDB database of this origin, keys and values, as text. */
async function indexedDbDump(): Promise<string> {
  const parts: string[] = [];
  for (const { name } of await indexedDB.databases()) {
    if (!name) continue;
    const db = await request(indexedDB.open(name));
    try {
      for (const store of db.objectStoreNames) {
        const tx = db.transaction(store, 'readonly');
        const [keys, values] = await Promise.all([request(tx.objectStore(store).getAllKeys()), request(tx.objectStore(store).getAll())]);
        parts.push(JSON.stringify({ name, store, keys, values }, readable));
      }
    } finally {
      db.close();
    }
  }
  return parts.join('\n');
}

function webStorageDump(): string {
  const dump = (storage: Storage) => Object.entries(storage).map(([k, v]) => `${k}=${v}`).join('\n');
  return `${dump(localStorage)}\n${dump(sessionStorage)}\n${document.cookie}`;
}

/** Captures console output (with the library's debug logging on) so that a leak in a log line is caught. */
function captureConsole(): { lines: string[]; restore(): void } {
  const lines: string[] = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const originals = methods.map((method) => console[method]);
  methods.forEach((method, i) => {
    console[method] = (...args: unknown[]) => {
      lines.push(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg, readable) ?? String(arg))).join(' '));
      originals[i]!.apply(console, args);
    };
  });
  localStorage.setItem(DEBUG_KEY, 'true');
  return {
    lines,
    restore() {
      methods.forEach((method, i) => (console[method] = originals[i]!));
      localStorage.removeItem(DEBUG_KEY);
    },
  };
}

/** Every place the key must not be, as text, whole or in part (anything but the last four characters). */
function expectNoKey(where: string, haystack: string, key: string): void {
  expect(haystack.includes(key), `${where} holds the API key`).to.equal(false);
  expect(haystack.includes(key.slice(0, -4)), `${where} holds part of the API key`).to.equal(false);
}

async function ready(el: Element): Promise<void> {
  await until(() => root(el).querySelector('form') || root(el).querySelector('.failure'), 'the settings to load');
  await (el as El).updateComplete;
}

async function type(el: El, id: string, value: string): Promise<void> {
  const input = root(el).querySelector<HTMLInputElement>(`#${id}`)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('blur'));
  await el.updateComplete;
}

async function fillAndSave(el: El, key: string): Promise<SettingsSavedDetail> {
  const saved: SettingsSavedDetail[] = [];
  el.addEventListener('settings-saved', (e) => saved.push(e.detail));
  root(el).querySelector<HTMLInputElement>('#enabled')!.click();
  await el.updateComplete;
  await type(el, 'apiKey', key);
  await type(el, 'apiId', 'id-persisted');
  await type(el, 'integrationName', 'persisted-name');
  root(el).querySelector<HTMLInputElement>('#workspaceSize-big')!.click();
  root(el).querySelector<HTMLInputElement>('#permissions-canRecordCalls')!.click();
  await el.updateComplete;
  root(el).querySelector<HTMLButtonElement>("[part~='save-button']")!.click();
  await until(() => saved.length === 1, 'settings-saved');
  await el.updateComplete;
  return saved[0]!;
}

async function mount(organizationId: string): Promise<El> {
  const el = await fixture<El>(html`<aircall-settings organization-id=${organizationId} country-code="GA" roles="ADMIN" user-id="admin-1"></aircall-settings>`);
  await ready(el);
  return el;
}

/** What a fresh page shows: the form's values as text, and the key's status. */
function shownValues(el: Element) {
  const input = (id: string) => root(el).querySelector<HTMLInputElement>(`#${id}`)!;
  return {
    enabled: input('enabled').checked,
    apiId: input('apiId').value,
    integrationName: input('integrationName').value,
    big: input('workspaceSize-big').checked,
    canRecordCalls: input('permissions-canRecordCalls').checked,
    keyStatus: text(root(el).querySelector("[part~='key-status']")),
    version: text(root(el).querySelector("[part~='version-info']")).replace(/ on .*/, ''),
  };
}

describe('<aircall-settings> secrets and persistence', () => {
  /** A fresh organisation per test: the default database is shared by every test of this origin. */
  let org: string;
  let outbox: ReturnType<typeof isolatedOutbox>;

  beforeEach(async () => {
    await resetLibrary();
    // The default storage, as on a page that configures none: IndexedDB.
    await resetPageRuntime();
    outbox = isolatedOutbox();
    configure({ outbox });
    resetAircallConfigs();
    org = `org-${random()}`;
  });
  afterEach(async () => {
    await resetLibrary();
    resetAircallConfigs();
  });

  it('never echoes the API key: not in the DOM (shadow roots included), the export, the event, the store, the console, the URL or any storage', async () => {
    const key = newKey();
    const logs = captureConsole();
    let el: El;
    let detail: SettingsSavedDetail;
    let exported: string;
    try {
      el = await mount(org);
      detail = await fillAndSave(el, key);
      exported = el.exportConfig()!;
      // A second element, as after a reload, also renders the saved state.
      await mount(org);
      root(el).querySelector<HTMLButtonElement>("[part~='replace-key-button']")!.click();
      await el.updateComplete;
    } finally {
      logs.restore();
    }

    expect(countShadowRoots(document.body), 'the walk enters the shadow roots').to.be.greaterThan(1);
    const dom = [...domStrings(document.documentElement)].join('\n');
    expect(dom).to.contain(`Set, ends with ${key.slice(-4)}`);
    expectNoKey('the DOM', dom, key);
    expectNoKey('the export', exported, key);
    expect(exported).to.not.contain(key.slice(-4));
    expectNoKey('the settings-saved detail', JSON.stringify(detail), key);
    expect('apiKey' in detail.config).to.equal(false);
    expectNoKey('$aircallConfigs', JSON.stringify($aircallConfigs.get()), key);
    expectNoKey('el.config', JSON.stringify(el.config), key);
    expect(logs.lines.some((line) => line.includes('[call-elements]')), 'debug logging was on').to.equal(true);
    expectNoKey('the console', logs.lines.join('\n'), key);
    expectNoKey('the URL', location.href, key);
    expectNoKey('localStorage, sessionStorage and cookies', webStorageDump(), key);
    const dump = await indexedDbDump();
    expect(dump, 'the configuration is in IndexedDB').to.contain('persisted-name');
    expectNoKey('IndexedDB', dump, key);
  });

  it('keeps the key out of URLs and headers with the HTTP storage; only the save body carries it', async () => {
    const backend: FakeHttpBackend = await startHttpBackend();
    backend.reset();
    configure({ storage: createHttpStorage({ baseUrl: backend.baseUrl }) });
    try {
      await checkHttp(backend);
    } finally {
      backend.close();
    }
  });

  async function checkHttp(backend: FakeHttpBackend): Promise<void> {
    const key = newKey();
    const el = await mount(org);
    await fillAndSave(el, key);
    const again = await mount(org);
    expect(shownValues(again).keyStatus).to.equal(`Set, ends with ${key.slice(-4)}`);

    expect(backend.savedApiKey(org, 'GA'), 'the server got the key').to.equal(key);
    const withKey = backend.requests.filter((r) => JSON.stringify(r.body ?? null).includes(key));
    expect(withKey.map((r) => r.method)).to.deep.equal(['PUT']);
    const { body: _body, ...envelope } = withKey[0]!;
    expectNoKey('the request line and headers', JSON.stringify(envelope), key);
    expectNoKey('every other request', JSON.stringify(backend.requests.filter((r) => r !== withKey[0])), key);
    expectNoKey('the DOM', [...domStrings(document.documentElement)].join('\n'), key);
    expect(backend.requestsTo('GET', '/organizations/').length).to.be.greaterThan(1);
  }

  it('keeps saved settings across a reload with the default IndexedDB storage (same page, then a fresh page)', async () => {
    const key = newKey();
    const first = await mount(org);
    await fillAndSave(first, key);
    const expected = {
      enabled: true,
      apiId: 'id-persisted',
      integrationName: 'persisted-name',
      big: true,
      canRecordCalls: true,
      keyStatus: `Set, ends with ${key.slice(-4)}`,
      version: 'Version 1, saved by admin-1',
    };
    expect(shownValues(first)).to.deep.equal(expected);
    first.remove();
    resetAircallConfigs();

    const second = await mount(org);
    expect(shownValues(second)).to.deep.equal(expected);
    second.remove();

    const query = new URLSearchParams({ org, country: 'GA', db: `${outbox.dbName}-frame`, lock: `${outbox.lockName}-frame`, channel: `${outbox.channelName}-frame` });
    const frame = document.createElement('iframe');
    frame.src = `/test/fixtures/aircall-settings-frame.html?${query}`;
    document.body.append(frame);
    try {
      const inFrame = await until(() => {
        const el = frame.contentDocument?.querySelector('aircall-settings');
        return el?.shadowRoot?.querySelector('form') ? el : undefined;
      }, 'the settings in a fresh page', 10_000);
      await until(() => shownValues(inFrame).apiId === 'id-persisted', 'the saved values in the fresh page');
      expect(shownValues(inFrame)).to.deep.equal(expected);
      expectNoKey('the fresh page', [...domStrings(frame.contentDocument!.documentElement)].join('\n'), key);
    } finally {
      frame.remove();
    }
  });
});
