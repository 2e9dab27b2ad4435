import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { validateCallAction, validateCallRecord } from '../../calls/record.js';
import { CallElementsError } from '../../internal/errors.js';
import type { CallAction } from '../../schema/call-action.js';
import type { CallRecord } from '../../schema/call-record.js';
import { applyCallQuery } from '../query.js';
import type { CallQuery, CallStorage } from '../types.js';

export interface IndexedDbStorageOptions {
  /** Database name. Default "call-elements-calls". */
  dbName?: string;
}

interface CallsDb extends DBSchema {
  calls: { key: string; value: CallRecord; indexes: { leadId: string; requestId: string; agentId: string } };
  actions: { key: string; value: CallAction };
}

/** Turns what IndexedDB throws into our codes: full disk is `storage-quota`, the rest `storage-unavailable`. */
export function indexedDbError(error: unknown): CallElementsError {
  if (error instanceof CallElementsError) return error;
  const name = (error as { name?: string })?.name;
  const detail = error instanceof Error ? error.message || name || 'IndexedDB error' : String(error);
  if (name === 'QuotaExceededError') return new CallElementsError('storage-quota', { params: { detail }, cause: error });
  return new CallElementsError('storage-unavailable', { params: { detail }, cause: error });
}

/**
 * Keeps calls in this browser's IndexedDB: the default when the host configures no storage, so
 * that the library works with no backend. Writes use strict durability (flushed to disk before
 * they resolve). For development and single-device use: a real deployment stores calls on a server.
 */
export function createIndexedDbStorage(options: IndexedDbStorageOptions = {}): CallStorage & {
  logAction(action: CallAction): Promise<void>;
  listActions(): Promise<CallAction[]>;
} {
  const dbName = options.dbName ?? 'call-elements-calls';
  let opening: Promise<IDBPDatabase<CallsDb>> | undefined;

  const db = () => {
    opening ??= openDB<CallsDb>(dbName, 1, {
      upgrade(database) {
        const calls = database.createObjectStore('calls', { keyPath: 'id' });
        calls.createIndex('leadId', 'leadId');
        calls.createIndex('requestId', 'requestId');
        calls.createIndex('agentId', 'agentId');
        database.createObjectStore('actions', { keyPath: 'id' });
      },
    }).catch((error: unknown) => {
      opening = undefined;
      throw indexedDbError(error);
    });
    return opening;
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

  return {
    name: 'indexeddb',
    async saveCall(record) {
      await putStrict('calls', validateCallRecord(record));
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
      await putStrict('actions', validateCallAction(action));
    },
    listActions() {
      return guarded((database) => database.getAll('actions'));
    },
    async dispose() {
      const pending = opening;
      opening = undefined;
      if (pending) (await pending.catch(() => undefined))?.close();
    },
  };
}
