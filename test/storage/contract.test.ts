import { storageContract } from '../../src/storage/contract.js';
import { createMemoryStorage } from '../../src/storage/memory/index.js';
import { createIndexedDbStorage } from '../../src/storage/indexeddb/index.js';

describe('storage contract: memory', () => {
  for (const check of storageContract(() => createMemoryStorage())) it(check.name, check.run);
});

describe('storage contract: IndexedDB', () => {
  let n = 0;
  for (const check of storageContract(() => createIndexedDbStorage({ dbName: `contract-idb-${Date.now()}-${n++}` }))) it(check.name, check.run);
});
