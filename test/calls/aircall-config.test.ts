import { enabledAircallConfig } from '../helpers/aircall-config.js';
import { expect } from '@open-wc/testing';
import { editableAircallConfig } from '../../src/calls/editable-aircall-config.js';
import { resetPageRuntime } from '../../src/calls/page-runtime.js';
import { listAircallConfigVersions, loadAircallConfig, saveAircallConfig } from '../../src/calls/api.js';
import { currentStorage, reloadPage } from '../helpers/calls.js';
import { configure } from '../../src/config.js';
import { CallElementsError } from '../../src/internal/errors.js';
import { type AircallConfig, type AircallScope, type PublicAircallConfig } from '../../src/schema/aircall-config.js';
import { createMemoryStorage, type MemoryStorage } from '../../src/storage/memory/index.js';
import type { CallStorage } from '../../src/storage/types.js';
import { $aircallConfigs, getAircallConfig, resetAircallConfigs } from '../../src/store/aircall.js';
import { rejectionOf } from '../helpers/errors.js';
import { until } from '../helpers/manual-provider.js';
import { isolatedOutbox, resetLibrary } from '../helpers/reset.js';

const KEY = 'aircall-secret-key-9876';
const scope: AircallScope = { organizationId: 'org-1', countryCode: 'FR' };

const enabledConfig = enabledAircallConfig;

async function callError(promise: Promise<unknown>): Promise<CallElementsError> {
  const error = await rejectionOf(promise);
  expect(error).to.be.instanceOf(CallElementsError);
  return error as CallElementsError;
}

/** A memory storage whose reads are counted and can be held until the test releases them. */
function countingStorage() {
  const inner = createMemoryStorage();
  const gates: (() => void)[] = [];
  let hold = false;
  const state = {
    reads: 0,
    hold(on: boolean) {
      hold = on;
    },
    releaseAll() {
      gates.splice(0).forEach((open) => open());
    },
    get held() {
      return gates.length;
    },
  };
  const storage: MemoryStorage = {
    ...inner,
    name: 'counting',
    async getConfig(s) {
      state.reads += 1;
      if (hold) await new Promise<void>((open) => gates.push(open));
      return inner.getConfig(s);
    },
  };
  return { storage, state };
}

describe('Aircall configuration: load and save', () => {
  beforeEach(async () => {
    await resetLibrary();
    resetAircallConfigs();
  });

  it('loads null when nothing is saved and remembers it in $aircallConfigs', async () => {
    expect(await loadAircallConfig(scope)).to.equal(null);
    expect(Object.prototype.hasOwnProperty.call($aircallConfigs.get(), 'org-1:FR')).to.equal(true);
    expect(getAircallConfig(scope)).to.equal(null);
  });

  it('answers from $aircallConfigs after the first load; refresh reads the storage again', async () => {
    const { storage, state } = countingStorage();
    configure({ storage });
    await storage.saveConfig(scope, enabledConfig(), { expectedVersion: 0 });
    const first = await loadAircallConfig(scope);
    expect(first?.version).to.equal(1);
    await loadAircallConfig(scope);
    expect(state.reads).to.equal(1);

    await storage.saveConfig(scope, enabledConfig({ workspaceSize: 'big' }), { expectedVersion: 1 });
    expect((await loadAircallConfig(scope))?.version, 'cached').to.equal(1);
    const fresh = await loadAircallConfig(scope, { refresh: true });
    expect(state.reads).to.equal(2);
    expect(fresh?.version).to.equal(2);
    expect(fresh?.workspaceSize).to.equal('big');
    expect(getAircallConfig(scope)?.version).to.equal(2);
  });

  it('concurrent loads of one scope share one request; other scopes get their own', async () => {
    const { storage, state } = countingStorage();
    configure({ storage });
    state.hold(true);
    const loads = [loadAircallConfig(scope), loadAircallConfig(scope), loadAircallConfig(scope, { refresh: true })];
    const other = loadAircallConfig({ organizationId: 'org-1', countryCode: 'GA' });
    await until(() => state.held === 2, 'both reads reached the storage');
    expect(state.reads).to.equal(2);
    state.releaseAll();
    expect(await Promise.all(loads)).to.deep.equal([null, null, null]);
    expect(await other).to.equal(null);
  });

  it('a load that started before a save does not overwrite the saved version', async () => {
    const { storage, state } = countingStorage();
    configure({ storage });
    state.hold(true);
    const stale = loadAircallConfig(scope);
    await until(() => state.held === 1, 'the read reached the storage');
    const saved = await saveAircallConfig(scope, enabledConfig(), { expectedVersion: 0 });
    state.hold(false);
    const later = await loadAircallConfig(scope, { refresh: true });
    expect(later?.version, 'a load after the save does not join the older one').to.equal(1);
    state.releaseAll();
    await stale;
    expect(getAircallConfig(scope)?.version).to.equal(saved.version);
  });

  it('save validates, stores the public configuration in $aircallConfigs and never returns the key', async () => {
    const saved = await saveAircallConfig(scope, enabledConfig({ apiKey: KEY }), { expectedVersion: 0, updatedBy: 'admin-1' });
    expect(saved).to.not.have.property('apiKey');
    expect(saved.apiKeySet).to.equal(true);
    expect(saved.apiKeyLast4).to.equal('9876');
    expect(saved.version).to.equal(1);
    expect(saved.updatedBy).to.equal('admin-1');
    expect(getAircallConfig(scope)).to.deep.equal(saved);
    expect(JSON.stringify($aircallConfigs.get())).to.not.contain(KEY);
    expect(await loadAircallConfig(scope, { refresh: true })).to.deep.equal(saved);

    const again = await saveAircallConfig(scope, editableAircallConfig(saved), { expectedVersion: 1 });
    expect(again.version).to.equal(2);
    expect(again.apiKeySet, 'editableAircallConfig has no key: saving it keeps the saved one').to.equal(true);
    expect(again.apiKeyLast4).to.equal('9876');
  });

  it('refuses an invalid configuration with a permanent config-invalid that never quotes the key', async () => {
    const tooLong = `${KEY}${'x'.repeat(200)}`;
    const error = await callError(saveAircallConfig(scope, enabledConfig({ apiKey: tooLong, apiId: '' }), { expectedVersion: 0 }));
    expect(error.code).to.equal('config-invalid');
    expect(error.permanent).to.equal(true);
    expect(error.message).to.contain('apiKey');
    expect(error.message).to.contain('apiId');
    expect(error.message).to.not.contain(KEY);
    expect(JSON.stringify(error.params)).to.not.contain(KEY);
    expect(getAircallConfig(scope)).to.equal(undefined);

    const readOnly = await callError(saveAircallConfig(scope, { ...enabledConfig(), version: 3 } as AircallConfig, { expectedVersion: 0 }));
    expect(readOnly.code).to.equal('config-invalid');
    expect(readOnly.message).to.contain('"version"');
  });

  it('rejects a stale expectedVersion with config-conflict and keeps the store as it was', async () => {
    const saved = await saveAircallConfig(scope, enabledConfig(), { expectedVersion: 0 });
    const error = await callError(saveAircallConfig(scope, enabledConfig({ workspaceSize: 'small' }), { expectedVersion: 0 }));
    expect(error.code).to.equal('config-conflict');
    expect(error.permanent).to.equal(true);
    expect(getAircallConfig(scope)).to.deep.equal(saved);
  });

  it('refuses a bad scope or bad save options with invalid-options', async () => {
    const badScope = await callError(loadAircallConfig({ organizationId: 'org-1', countryCode: 'fr' }));
    expect(badScope.code).to.equal('invalid-options');
    expect(badScope.message).to.contain('countryCode');
    const badVersion = await callError(saveAircallConfig(scope, enabledConfig(), { expectedVersion: -1 }));
    expect(badVersion.code).to.equal('invalid-options');
    expect(badVersion.message).to.contain('expectedVersion');
    expect((await callError(listAircallConfigVersions({ organizationId: '', countryCode: 'FR' }))).code).to.equal('invalid-options');
  });

  it('says config-unsupported, naming the storage, when the storage cannot keep configurations', async () => {
    const plain: CallStorage = { name: 'calls-only', saveCall: async () => {}, listCalls: async () => [] };
    configure({ storage: plain });
    for (const attempt of [() => loadAircallConfig(scope), () => saveAircallConfig(scope, enabledConfig(), { expectedVersion: 0 }), () => listAircallConfigVersions(scope)]) {
      const error = await callError(attempt());
      expect(error.code).to.equal('config-unsupported');
      expect(error.params).to.deep.equal({ storage: 'calls-only' });
      expect(error.message).to.contain('calls-only');
    }
  });

  it('wraps what a custom storage throws, and refuses a storage that returns the key', async () => {
    const leaky = createMemoryStorage();
    configure({
      storage: {
        ...leaky,
        name: 'leaky',
        async getConfig() {
          throw new TypeError('database exploded');
        },
        async saveConfig(s, config, options) {
          return { ...(await leaky.saveConfig(s, config, options)), apiKey: KEY } as unknown as PublicAircallConfig;
        },
      },
    });
    const thrown = await callError(loadAircallConfig(scope));
    expect(thrown.code).to.equal('storage-failed');
    expect(thrown.message).to.contain('database exploded');

    const leaked = await callError(saveAircallConfig(scope, enabledConfig({ apiKey: KEY }), { expectedVersion: 0 }));
    expect(leaked.code).to.equal('storage-failed');
    expect(leaked.permanent).to.equal(true);
    expect(leaked.message).to.contain('write-only');
    expect(leaked.message).to.not.contain(KEY);
    expect(getAircallConfig(scope)).to.equal(undefined);
  });

  it('surfaces the storage errors as they are (permission-denied stays permission-denied)', async () => {
    const inner = createMemoryStorage();
    configure({
      storage: {
        ...inner,
        async getConfig() {
          throw new CallElementsError('permission-denied', { permanent: true, status: 403 });
        },
      },
    });
    const error = await callError(loadAircallConfig(scope));
    expect(error.code).to.equal('permission-denied');
    expect(getAircallConfig(scope), 'a failed load stores nothing').to.equal(undefined);
  });

  it('lists versions newest first, with who and when, without the key', async () => {
    await saveAircallConfig(scope, enabledConfig({ apiKey: KEY }), { expectedVersion: 0, updatedBy: 'admin-1' });
    await saveAircallConfig(scope, enabledConfig({ enabled: false }), { expectedVersion: 1, updatedBy: 'admin-2' });
    const versions = await listAircallConfigVersions(scope);
    expect(versions.map((v) => [v.version, v.updatedBy, v.config.enabled, v.config.apiKeySet])).to.deep.equal([
      [2, 'admin-2', false, true],
      [1, 'admin-1', true, true],
    ]);
    expect(versions.every((v) => typeof v.updatedAt === 'string')).to.equal(true);
    expect(JSON.stringify(versions)).to.not.contain(KEY);
  });

  it('uses the default IndexedDB storage when the host configured none', async () => {
    await reloadPage({ outbox: isolatedOutbox() });
    try {
      const saved = await saveAircallConfig(scope, enabledConfig({ apiKey: KEY }), { expectedVersion: 0 });
      expect(currentStorage()?.name).to.equal('indexeddb');
      resetAircallConfigs();
      expect(await loadAircallConfig(scope)).to.deep.equal(saved);
    } finally {
      const storage = currentStorage();
      await resetPageRuntime();
      await storage?.dispose?.();
      await new Promise((done) => {
        const request = indexedDB.deleteDatabase('call-elements-calls');
        request.onsuccess = request.onerror = request.onblocked = done;
      });
    }
  });
});
