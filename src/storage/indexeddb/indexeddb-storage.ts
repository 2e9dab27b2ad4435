import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { validateCallRecord } from '../../calls/record.js';
import { CallElementsError } from '../../internal/errors.js';
import { CallActionSchema, type CallAction } from '../../schema/call-action.js';
import type { CallRecord } from '../../schema/call-record.js';
import { describeIssues } from '../../schema/common.js';
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

  return {
    name: 'indexeddb',
    async saveCall(record) {
      const valid = validateCallRecord(record);
      try {
        const tx = (await db()).transaction('calls', 'readwrite', { durability: 'strict' });
        await Promise.all([tx.store.put(valid), tx.done]);
      } catch (error) {
        throw indexedDbError(error);
      }
    },
    async listCalls(query: CallQuery = {}) {
      try {
        const database = await db();
        const records = query.leadId !== undefined
          ? await database.getAllFromIndex('calls', 'leadId', query.leadId)
          : await database.getAll('calls');
        return applyCallQuery(records, query);
      } catch (error) {
        throw indexedDbError(error);
      }
    },
    async logAction(action) {
      const result = CallActionSchema.safeParse(action);
      if (!result.success) {
        throw new CallElementsError('invalid-record', { params: { detail: describeIssues(result.error).join('; ') }, permanent: true });
      }
      try {
        const tx = (await db()).transaction('actions', 'readwrite', { durability: 'strict' });
        await Promise.all([tx.store.put(result.data), tx.done]);
      } catch (error) {
        throw indexedDbError(error);
      }
    },
    async listActions() {
      try {
        return await (await db()).getAll('actions');
      } catch (error) {
        throw indexedDbError(error);
      }
    },
    async dispose() {
      const pending = opening;
      opening = undefined;
      if (pending) (await pending.catch(() => undefined))?.close();
    },
  };
}
