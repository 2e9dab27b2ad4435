import { enabledAircallConfig } from '../helpers/aircall-config.js';
import { expect } from '@open-wc/testing';
import type { AircallScope } from '../../src/schema/aircall-config.js';
import { createIndexedDbStorage } from '../../src/storage/indexeddb/index.js';
import { sampleRecord } from '../helpers/records.js';

const KEY = 'Zx81Wq9dLm3VbT6hNc2Pq47';
const OTHER_KEY = 'Gk5rYe8uJw2XsA4fMo9Rt55';
const scope: AircallScope = { organizationId: 'org-idb', countryCode: 'FR' };

let n = 0;
const uniqueName = (label: string) => `idb-${label}-${Date.now().toString(36)}-${n++}`;

const config = enabledAircallConfig;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function openRaw(name: string, version?: number, upgrade?: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  const req = indexedDB.open(name, version);
  if (upgrade) req.onupgradeneeded = () => upgrade(req.result);
  return request(req);
}

/** Every key and value of every store of a database, read with the raw API (what any page script could read). */
async function dumpDatabase(name: string): Promise<{ stores: string[]; entries: unknown[] }> {
  const db = await openRaw(name);
  try {
    const stores = [...db.objectStoreNames];
    const entries: unknown[] = [];
    for (const store of stores) {
      const tx = db.transaction(store, 'readonly');
      entries.push(...(await request(tx.objectStore(store).getAllKeys())), ...(await request(tx.objectStore(store).getAll())));
    }
    return { stores, entries };
  } finally {
    db.close();
  }
}

/** Every readable text in a value: strings, property names, and bytes read as Latin-1 and as UTF-16. */
function texts(value: unknown, out: string[] = [], seen = new Set<unknown>()): string[] {
  if (typeof value === 'string') {
    out.push(value);
  } else if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    out.push(String.fromCharCode(...bytes));
    if (bytes.length % 2 === 0) out.push(new TextDecoder('utf-16le').decode(bytes));
  } else if (value && typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    if (value instanceof CryptoKey) {
      texts({ type: value.type, extractable: value.extractable, algorithm: value.algorithm, usages: value.usages }, out, seen);
    } else if (value instanceof Map) {
      for (const [k, v] of value) texts([k, v], out, seen);
    } else {
      for (const [k, v] of Object.entries(value)) {
        out.push(k);
        texts(v, out, seen);
      }
    }
  } else if (typeof value === 'number' || typeof value === 'boolean') {
    out.push(String(value));
  }
  return out;
}

/** The pieces of `secret` longer than 4 characters found in `haystack`. */
function tracesOf(secret: string, haystack: string[]): string[] {
  const found = new Set<string>();
  for (let i = 0; i + 5 <= secret.length; i += 1) {
    const piece = secret.slice(i, i + 5);
    if (haystack.some((text) => text.includes(piece))) found.add(piece);
  }
  return [...found];
}

describe('IndexedDB storage: Aircall configuration', () => {
  it('the raw database holds no trace of the clear API key (no piece longer than 4 characters)', async () => {
    const dbName = uniqueName('secret');
    const storage = createIndexedDbStorage({ dbName });
    await storage.saveConfig(scope, config({ apiKey: KEY }), { expectedVersion: 0, updatedBy: 'admin-1' });
    await storage.saveConfig(scope, config({ enabled: false }), { expectedVersion: 1, updatedBy: 'admin-1' });
    await storage.saveConfig({ ...scope, countryCode: 'GA' }, config({ apiKey: OTHER_KEY }), { expectedVersion: 0 });
    await storage.dispose();

    const { stores, entries } = await dumpDatabase(dbName);
    expect(stores).to.include.members(['calls', 'actions', 'configs', 'configVersions', 'secrets']);
    const haystack = texts(entries);
    expect(haystack.join('\n'), 'the dump really contains the saved configuration').to.contain('consulat-fr');
    expect(tracesOf(KEY, haystack)).to.deep.equal([]);
    expect(tracesOf(OTHER_KEY, haystack)).to.deep.equal([]);
    expect(haystack.some((text) => text.includes('Pq47')), 'only the last 4 characters are kept, for display').to.equal(true);
  });

  it('the search above finds a key stored in clear, or as bytes (so it can fail)', async () => {
    const dbName = uniqueName('control');
    const db = await openRaw(dbName, 1, (database) => database.createObjectStore('leaky'));
    const tx = db.transaction('leaky', 'readwrite');
    tx.objectStore('leaky').put({ nested: [{ note: `prefix ${KEY.slice(3, 9)} suffix` }] }, 'a');
    tx.objectStore('leaky').put(new TextEncoder().encode(OTHER_KEY).buffer, 'b');
    await new Promise((done) => (tx.oncomplete = done));
    db.close();
    const haystack = texts((await dumpDatabase(dbName)).entries);
    expect(tracesOf(KEY, haystack)).to.not.deep.equal([]);
    expect(tracesOf(OTHER_KEY, haystack)).to.not.deep.equal([]);
  });

  it('seals the key with a non-extractable AES-GCM CryptoKey kept in the database', async () => {
    const dbName = uniqueName('cryptokey');
    const storage = createIndexedDbStorage({ dbName });
    await storage.saveConfig(scope, config({ apiKey: KEY }), { expectedVersion: 0 });
    await storage.dispose();
    const { entries } = await dumpDatabase(dbName);
    const keys = entries.filter((entry): entry is CryptoKey => entry instanceof CryptoKey);
    expect(keys).to.have.length(1);
    expect(keys[0]!.extractable).to.equal(false);
    expect(keys[0]!.algorithm.name).to.equal('AES-GCM');
    let exported = false;
    try {
      await crypto.subtle.exportKey('raw', keys[0]!);
      exported = true;
    } catch (error) {
      expect((error as Error).name).to.equal('InvalidAccessError');
    }
    expect(exported, 'page scripts cannot read the raw key').to.equal(false);
  });

  it('never returns the key from a read, and keeps it when a save omits it', async () => {
    const storage = createIndexedDbStorage({ dbName: uniqueName('reads') });
    const saved = await storage.saveConfig(scope, config({ apiKey: KEY }), { expectedVersion: 0 });
    const reads = [saved, await storage.getConfig(scope), await storage.listConfigVersions(scope)];
    expect(JSON.stringify(reads)).to.not.contain(KEY.slice(0, -4));
    const disabled = await storage.saveConfig(scope, config({ enabled: false }), { expectedVersion: 1 });
    expect(disabled).to.include({ apiKeySet: true, apiKeyLast4: 'Pq47', enabled: false, version: 2 });
    const emptied = await storage.saveConfig(scope, config({ apiKey: '' }), { expectedVersion: 2 });
    expect(emptied, 'an empty key field means "keep"').to.include({ apiKeySet: true, apiKeyLast4: 'Pq47' });
    await storage.dispose();
  });

  it('two storages on one database (two tabs) saving from the same version: one wins, one conflicts, one CryptoKey', async () => {
    const dbName = uniqueName('tabs');
    const a = createIndexedDbStorage({ dbName });
    const b = createIndexedDbStorage({ dbName });
    const results = await Promise.allSettled([
      a.saveConfig(scope, config({ apiKey: KEY }), { expectedVersion: 0, updatedBy: 'tab-a' }),
      b.saveConfig(scope, config({ apiKey: OTHER_KEY }), { expectedVersion: 0, updatedBy: 'tab-b' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
    const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(lost?.reason?.code).to.equal('config-conflict');
    expect(await a.listConfigVersions(scope)).to.have.length(1);
    expect((await b.getConfig(scope))?.version).to.equal(1);
    await a.dispose();
    await b.dispose();
    const { entries } = await dumpDatabase(dbName);
    expect(entries.filter((entry) => entry instanceof CryptoKey)).to.have.length(1);
  });

  it('upgrades a version-1 database (calls and actions only) and keeps its calls', async () => {
    const dbName = uniqueName('upgrade');
    const record = sampleRecord();
    const old = await openRaw(dbName, 1, (database) => {
      const calls = database.createObjectStore('calls', { keyPath: 'id' });
      calls.createIndex('leadId', 'leadId');
      calls.createIndex('requestId', 'requestId');
      calls.createIndex('agentId', 'agentId');
      database.createObjectStore('actions', { keyPath: 'id' });
    });
    const tx = old.transaction('calls', 'readwrite');
    tx.objectStore('calls').put(record);
    await new Promise((done) => (tx.oncomplete = done));
    old.close();

    const storage = createIndexedDbStorage({ dbName });
    expect(await storage.listCalls({ leadId: record.leadId })).to.deep.equal([record]);
    const saved = await storage.saveConfig(scope, config({ apiKey: KEY }), { expectedVersion: 0 });
    expect(saved.version).to.equal(1);
    await storage.dispose();
  });

  it('lets another tab upgrade the database, then reopens it on the next operation', async () => {
    const dbName = uniqueName('blocking');
    const storage = createIndexedDbStorage({ dbName });
    await storage.saveCall(sampleRecord({ leadId: 'lead-blocking' }));
    const newer = await openRaw(dbName, 3, (database) => database.createObjectStore('future'));
    newer.close();
    const error = await storage.listCalls({ leadId: 'lead-blocking' }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect((error as { code?: string } | undefined)?.code, 'a newer database cannot be opened at version 2').to.equal('storage-unavailable');
    await storage.dispose();
  });
});
