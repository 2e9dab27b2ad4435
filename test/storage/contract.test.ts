import { expect } from '@open-wc/testing';
import type { CallRecord } from '../../src/schema/call-record.js';
import type { CallStorage } from '../../src/storage/types.js';
import { storageContract } from '../../src/storage/contract.js';
import { createMemoryStorage } from '../../src/storage/memory/index.js';
import { createIndexedDbStorage } from '../../src/storage/indexeddb/index.js';
import { rejectionOf } from '../helpers/errors.js';

describe('storage contract: memory', () => {
  for (const check of storageContract(() => createMemoryStorage())) it(check.name, check.run);
});

describe('storage contract: IndexedDB', () => {
  let n = 0;
  for (const check of storageContract(() => createIndexedDbStorage({ dbName: `contract-idb-${Date.now()}-${n++}` }))) it(check.name, check.run);
});

describe('storage contract catches broken adapters', () => {
  /** Appends instead of upserting, lists in insertion order and accepts anything: what the contract must refuse. */
  function createNaiveStorage(): CallStorage {
    const rows: CallRecord[] = [];
    return {
      name: 'naive',
      async saveCall(record) {
        rows.push(record);
      },
      async listCalls(query = {}) {
        return rows.filter((r) => query.leadId === undefined || r.leadId === query.leadId);
      },
    };
  }

  const failing = ['saving the same id twice keeps one record, the latest version', 'concurrent saves: distinct ids all kept, one id kept once', 'filters by lead, request and agent; newest first; honours limit', 'refuses an invalid record with a permanent error'];
  for (const name of failing) {
    it(`fails "${name}" for a storage that appends and accepts anything`, async () => {
      const check = storageContract(createNaiveStorage).find((c) => c.name === name)!;
      const error = await rejectionOf(check.run());
      expect(error, name).to.be.instanceOf(Error);
      expect((error as Error).name).to.equal('ContractViolation');
    });
  }
});
