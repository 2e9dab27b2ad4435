import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { checkCallAction, checkCallRecord } from '../../schema/check.js';
import { CallElementsError } from '../../internal/errors.js';
import { indexedDbError } from '../../internal/indexeddb-error.js';
import { lazy } from '../../internal/lazy.js';
import type { PublicAircallConfig } from '../../schema/aircall-config.js';
import type { CallAction } from '../../schema/call-action.js';
import type { CallRecord } from '../../schema/call-record.js';
/** The configuration rules (and their schemas) load with the first configuration call, not with the calls. */
const configValues = lazy(() => import('../aircall-config-values.js'));
import { applyActionQuery, applyCallQuery } from '../query.js';
import type { ActionQuery, AircallConfigVersion, CallQuery, ConfigStorage } from '../types.js';
import '../../locales/engine-messages.js';

export interface IndexedDbStorageOptions {
  /** Database name. Default "call-elements-calls". */
  dbName?: string;
}

export interface IndexedDbStorage extends ConfigStorage {
  readonly name: 'indexeddb';
  logAction(action: CallAction): Promise<void>;
  listActions(query?: ActionQuery): Promise<CallAction[]>;
  dispose(): Promise<void>;
}

/** An API key encrypted with AES-GCM under the database's own non-extractable key. */
interface SealedKey {
  iv: Uint8Array;
  data: ArrayBuffer;
}

interface StoredConfig {
  /** {@link configKey} of the scope. */
  scope: string;
  config: PublicAircallConfig;
  apiKey?: SealedKey;
}

interface StoredConfigVersion extends AircallConfigVersion {
  scope: string;
}

interface CallsDb extends DBSchema {
  calls: { key: string; value: CallRecord; indexes: { leadId: string; requestId: string; agentId: string } };
  actions: { key: string; value: CallAction };
  configs: { key: string; value: StoredConfig };
  configVersions: { key: [string, number]; value: StoredConfigVersion };
  /** The CryptoKey that seals API keys, under {@link CIPHER_KEY_ID}. */
  secrets: { key: string; value: CryptoKey };
}

/** Version 1 had calls and actions; version 2 adds the Aircall configurations. */
const DB_VERSION = 2;
const CIPHER_KEY_ID = 'aircall-api-key';


/**
 * Keeps calls in this browser's IndexedDB: the default when the host configures no storage, so
 * that the library works with no backend. Writes use strict durability (flushed to disk before
 * they resolve). For development and single-device use: a real deployment stores calls on a server.
 *
 * It also keeps Aircall configurations, for development only (a real deployment keeps keys on the
 * server). The API key is never stored in clear: it is sealed with AES-GCM under a non-extractable
 * CryptoKey generated once and kept in the same database (page scripts can use that key but never
 * read its bytes), bound to its scope, and no read returns it.
 */
export function createIndexedDbStorage(options: IndexedDbStorageOptions = {}): IndexedDbStorage {
  const dbName = options.dbName ?? 'call-elements-calls';
  let opening: Promise<IDBPDatabase<CallsDb>> | undefined;
  let cipherKey: Promise<CryptoKey> | undefined;

  const db = () => {
    if (opening) return opening;
    const attempt: Promise<IDBPDatabase<CallsDb>> = openDB<CallsDb>(dbName, DB_VERSION, {
      upgrade(database, oldVersion) {
        if (oldVersion < 1) {
          const calls = database.createObjectStore('calls', { keyPath: 'id' });
          calls.createIndex('leadId', 'leadId');
          calls.createIndex('requestId', 'requestId');
          calls.createIndex('agentId', 'agentId');
          database.createObjectStore('actions', { keyPath: 'id' });
        }
        if (oldVersion < 2) {
          database.createObjectStore('configs', { keyPath: 'scope' });
          database.createObjectStore('configVersions', { keyPath: ['scope', 'version'] });
          database.createObjectStore('secrets');
        }
      },
      // Another tab wants a newer version: let it upgrade, and reopen on our next operation.
      blocking() {
        if (opening === attempt) opening = undefined;
        void attempt.then((database) => database.close(), () => undefined);
      },
    }).catch((error: unknown) => {
      if (opening === attempt) opening = undefined;
      throw indexedDbError(error);
    });
    opening = attempt;
    return attempt;
  };

  /** Runs an IndexedDB operation, reporting its failure with our codes. */
  const guarded = async <T>(operation: (database: IDBPDatabase<CallsDb>) => Promise<T>): Promise<T> => {
    try {
      return await operation(await db());
    } catch (error) {
      throw indexedDbError(error);
    }
  };
  /** A put that resolves only once the browser has flushed it to disk. */
  const putStrict = (store: 'calls' | 'actions', value: CallRecord | CallAction) =>
    guarded(async (database) => {
      const tx = database.transaction(store, 'readwrite', { durability: 'strict' });
      await Promise.all([tx.store.put(value as CallRecord & CallAction), tx.done]);
    });

  /**
   * The database's sealing key, created on first use. Two tabs may both generate one; the
   * transaction keeps whichever was stored first, so every sealed key stays under one CryptoKey.
   */
  const sealingKey = () => {
    cipherKey ??= guarded(async (database) => {
      const subtle = globalThis.crypto?.subtle;
      if (!subtle) {
        throw new CallElementsError('storage-unavailable', {
          params: { detail: 'Web Crypto is unavailable (not a secure context), so the API key cannot be encrypted' },
        });
      }
      const existing = await database.get('secrets', CIPHER_KEY_ID);
      if (existing) return existing;
      // Encrypt only: nothing in the library ever needs the key back in the browser.
      const candidate = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt']);
      const tx = database.transaction('secrets', 'readwrite', { durability: 'strict' });
      const stored = await tx.store.get(CIPHER_KEY_ID);
      if (!stored) await tx.store.put(candidate, CIPHER_KEY_ID);
      await tx.done;
      return stored ?? candidate;
    }).catch((error: unknown) => {
      cipherKey = undefined;
      throw error;
    });
    return cipherKey;
  };

  /** The scope is authenticated data: a sealed key copied to another scope's record fails to open. */
  const seal = async (apiKey: string, scope: string): Promise<SealedKey> => {
    const key = await sealingKey();
    const encoder = new TextEncoder();
    const iv = crypto.getRandomValues(new Uint8Array(12));
    try {
      const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(scope) }, key, encoder.encode(apiKey));
      return { iv, data };
    } catch (error) {
      throw indexedDbError(error);
    }
  };

  return {
    name: 'indexeddb',
    async saveCall(record) {
      await putStrict('calls', await checkCallRecord(record));
    },
    listCalls(query: CallQuery = {}) {
      return guarded(async (database) => {
        const records =
          query.leadId !== undefined
            ? await database.getAllFromIndex('calls', 'leadId', query.leadId)
            : await database.getAll('calls');
        return applyCallQuery(records, query);
      });
    },
    async logAction(action) {
      await putStrict('actions', await checkCallAction(action));
    },
    listActions(query?: ActionQuery) {
      return guarded(async (database) => applyActionQuery(await database.getAll('actions'), query));
    },
    async getConfig(scope) {
      const { configKey, validateAircallScope } = await configValues();
      const key = configKey(validateAircallScope(scope));
      return guarded(async (database) => (await database.get('configs', key))?.config);
    },
    async saveConfig(scope, config, saveOptions) {
      const { apiKeyLast4, configConflict, configKey, publicAircallConfig, validateAircallConfig, validateAircallScope, validateSaveOptions } =
        await configValues();
      const key = configKey(validateAircallScope(scope));
      const valid = validateAircallConfig(config);
      const { expectedVersion, updatedBy } = validateSaveOptions(saveOptions);
      // Sealed before the transaction: awaiting Web Crypto inside it would let it commit early.
      const sealed = valid.apiKey === undefined ? undefined : await seal(valid.apiKey, key);
      return guarded(async (database) => {
        // One transaction reads the version and writes the next, so two saves from the same version
        // (in two tabs or one) give one success and one conflict.
        const tx = database.transaction(['configs', 'configVersions'], 'readwrite', { durability: 'strict' });
        const configs = tx.objectStore('configs');
        const saved = await configs.get(key);
        const version = saved?.config.version ?? 0;
        if (expectedVersion !== version) throw configConflict(expectedVersion, version);
        const apiKey = sealed ?? saved?.apiKey;
        const updatedAt = new Date().toISOString();
        const current = publicAircallConfig(valid, {
          apiKeySet: apiKey !== undefined,
          apiKeyLast4: valid.apiKey === undefined ? saved?.config.apiKeyLast4 : apiKeyLast4(valid.apiKey),
          version: version + 1,
          updatedAt,
          updatedBy,
        });
        const entry: StoredConfigVersion = { scope: key, version: current.version, updatedAt, config: current };
        if (updatedBy !== undefined) entry.updatedBy = updatedBy;
        await Promise.all([
          configs.put(apiKey ? { scope: key, config: current, apiKey } : { scope: key, config: current }),
          tx.objectStore('configVersions').put(entry),
          tx.done,
        ]);
        return current;
      });
    },
    async listConfigVersions(scope) {
      const { configKey, validateAircallScope } = await configValues();
      const key = configKey(validateAircallScope(scope));
      return guarded(async (database) => {
        const entries = await database.getAll('configVersions', IDBKeyRange.bound([key, 0], [key, Infinity]));
        return entries.reverse().map(({ scope: _scope, ...version }) => version);
      });
    },
    async dispose() {
      const pending = opening;
      opening = undefined;
      cipherKey = undefined;
      if (pending) (await pending.catch(() => undefined))?.close();
    },
  };
}
