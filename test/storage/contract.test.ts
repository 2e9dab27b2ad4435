import { storageContract } from '../../src/storage/contract.js';
import { createMemoryStorage } from '../../src/storage/memory/index.js';

describe('storage contract: memory', () => {
  for (const check of storageContract(() => createMemoryStorage())) it(check.name, check.run);
});
