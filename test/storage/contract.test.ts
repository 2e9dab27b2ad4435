import { expect } from '@open-wc/testing';
import type { AircallConfig, AircallScope, PublicAircallConfig } from '../../src/schema/aircall-config.js';
import type { CallAction } from '../../src/schema/call-action.js';
import type { CallRecord } from '../../src/schema/call-record.js';
import type { AircallConfigVersion, CallStorage } from '../../src/storage/types.js';
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

describe('storage contract: action checks', () => {
  const ACTION_LIST = 'lists actions (when it does): filters by lead, request and call; newest first; honours limit';

  it('pass for a storage that logs no actions', async () => {
    const callsOnly = (): CallStorage => ({ name: 'calls-only', saveCall: async () => {}, listCalls: async () => [] });
    for (const check of storageContract(callsOnly).filter((c) => /action/.test(c.name))) await check.run();
  });

  /** Lists actions in the order they were logged, ignores the filters and the limit, appends on each log. */
  function createNaiveActionStorage(): CallStorage {
    const logged: CallAction[] = [];
    return {
      ...createMemoryStorage(),
      name: 'naive-actions',
      async logAction(action) {
        logged.push(action);
      },
      async listActions() {
        return logged;
      },
    };
  }

  for (const name of [ACTION_LIST, 'logs actions idempotently when it supports them']) {
    it(`fails "${name}" for a storage that appends and ignores the query`, async () => {
      const check = storageContract(createNaiveActionStorage).find((c) => c.name === name);
      expect(check, name).to.not.equal(undefined);
      const error = await rejectionOf(check!.run());
      expect((error as Error | undefined)?.name, name).to.equal('ContractViolation');
    });
  }

  it(`fails "${ACTION_LIST}" for a storage that lists actions but cannot log them`, async () => {
    const listOnly = (): CallStorage => ({ name: 'list-only', saveCall: async () => {}, listCalls: async () => [], listActions: async () => [] });
    const error = await rejectionOf(storageContract(listOnly).find((c) => c.name === ACTION_LIST)!.run());
    expect((error as Error | undefined)?.message).to.contain('logAction');
  });
});

describe('storage contract: Aircall configuration checks', () => {
  const configChecks = (factory: () => CallStorage) => storageContract(factory).filter((c) => c.name.startsWith('aircall config'));

  it('say in their names that they apply only to storages with the config methods', () => {
    const names = configChecks(createMemoryStorage).map((c) => c.name);
    expect(names.length).to.be.greaterThan(5);
    for (const name of names) expect(name).to.contain('only if the storage has getConfig/saveConfig/listConfigVersions');
  });

  it('pass for a storage that keeps no configurations', async () => {
    const callsOnly = (): CallStorage => ({ name: 'calls-only', saveCall: async () => {}, listCalls: async () => [] });
    for (const check of configChecks(callsOnly)) await check.run();
  });

  it('fail every config check for a storage with only some of the three methods', async () => {
    const partial = (): CallStorage => ({ ...createMemoryStorage(), listConfigVersions: undefined });
    for (const check of configChecks(partial)) {
      const error = await rejectionOf(check.run());
      expect((error as Error | undefined)?.message, check.name).to.contain('go together');
    }
  });

  /**
   * Keys by organisation only, never conflicts, echoes the key, forgets it when omitted, lists
   * oldest first and says null for "nothing saved": what the config checks must refuse.
   */
  function createNaiveConfigStorage(): CallStorage {
    const saved = new Map<string, { config: AircallConfig & { apiKeySet: boolean; version: number } }>();
    const history: AircallConfigVersion[] = [];
    return {
      name: 'naive-config',
      saveCall: async () => {},
      listCalls: async () => [],
      async getConfig(scope: AircallScope) {
        return (saved.get(scope.organizationId)?.config ?? null) as unknown as PublicAircallConfig | undefined;
      },
      async saveConfig(scope, config, options) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        const version = options.expectedVersion + 1;
        const stored = { ...config, apiKeySet: config.apiKey !== undefined, apiKeyLast4: config.apiKey?.slice(-4), version, updatedAt: new Date().toISOString(), updatedBy: options.updatedBy };
        saved.set(scope.organizationId, { config: stored });
        history.push({ version, updatedAt: stored.updatedAt, updatedBy: options.updatedBy, config: stored as PublicAircallConfig });
        return stored as PublicAircallConfig;
      },
      async listConfigVersions() {
        return history;
      },
    };
  }

  const failing = [
    'nothing saved reads as undefined, with no versions',
    'save then read: same fields, version 1, never the key (apiKeySet, apiKeyLast4 only)',
    'each save increments the version; a stale expectedVersion is a permanent config-conflict',
    'two concurrent saves from the same version: one succeeds, one conflicts',
    'the key is kept when apiKey is omitted (or the config disabled), replaced when given',
    'versions: newest first, with who and when, never the key',
    'scopes are isolated (organisation and country)',
  ];
  for (const name of failing) {
    it(`fails "${name}" for a naive configuration storage`, async () => {
      const check = configChecks(createNaiveConfigStorage).find((c) => c.name.endsWith(`: ${name}`));
      expect(check, name).to.not.equal(undefined);
      const error = await rejectionOf(check!.run());
      expect(error, name).to.be.instanceOf(Error);
      expect((error as Error).name).to.equal('ContractViolation');
    });
  }
});
