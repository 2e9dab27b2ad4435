import type { AircallConfig, AircallScope, PublicAircallConfig } from '../schema/aircall-config.js';
import type { CallAction } from '../schema/call-action.js';
import type { CallRecord } from '../schema/call-record.js';
import type { CallStorage } from './types.js';
import '../locales/on-demand-errors.js';

/** One check of the storage contract: run it with any test runner (`it(check.name, check.run)`). */
export interface StorageContractCheck {
  name: string;
  run: () => Promise<void>;
}

export type StorageFactory = () => CallStorage | Promise<CallStorage>;

class ContractViolation extends Error {
  override name = 'ContractViolation';
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ContractViolation(message);
}

const json = (value: unknown) => JSON.stringify(value);

let sequence = 0;

/**
 * A valid record for the checks; ids are unique per call so that storages can be shared between
 * checks. `id` follows `provider` and `callSid` unless given.
 */
export function contractRecord(overrides: Partial<CallRecord> = {}): CallRecord {
  sequence += 1;
  const callSid = overrides.callSid ?? `CT${Date.now().toString(16)}${sequence.toString(16).padStart(8, '0')}`;
  const provider = overrides.provider ?? 'demo';
  return {
    schemaVersion: 1,
    id: `${provider}:${callSid}`,
    provider,
    callSid,
    direction: 'outbound',
    status: 'completed',
    to: '+33123456789',
    agentId: 'contract-agent',
    leadId: 'contract-lead',
    requestId: 'contract-request',
    userId: 'contract-user',
    startedAt: '2026-01-01T10:00:00.000Z',
    answeredAt: '2026-01-01T10:00:05.000Z',
    endedAt: '2026-01-01T10:01:05.000Z',
    durationSec: 60,
    endedBy: 'agent',
    metrics: { muteToggles: 0, reconnects: 0, qualityWarnings: 0, setupMs: 5000 },
    ...overrides,
  };
}

/** A valid timeline action for the checks, with an id of its own. */
export function contractAction(overrides: Partial<CallAction> = {}): CallAction {
  sequence += 1;
  return {
    id: `contract-action-${Date.now().toString(36)}-${sequence}`,
    type: 'note',
    notes: 'Appel de suivi',
    at: '2026-01-01T10:00:00.000Z',
    userId: 'contract-user',
    ...overrides,
  };
}

async function withStorage(factory: StorageFactory, body: (storage: CallStorage) => Promise<void>): Promise<void> {
  const storage = await factory();
  try {
    await body(storage);
  } finally {
    await storage.dispose?.();
  }
}

/**
 * The behaviour every CallStorage must have, as plain async checks that throw on failure. The
 * library runs them against each of its adapters; run them against yours:
 *
 * ```ts
 * import { storageContract } from 'call-elements/storage/contract';
 * describe('my storage', () => {
 *   for (const check of storageContract(() => createMyStorage())) it(check.name, check.run);
 * });
 * ```
 *
 * The factory should return an empty storage (or one whose other records have other lead ids).
 */
export function storageContract(factory: StorageFactory): StorageContractCheck[] {
  const check = (name: string, body: (storage: CallStorage) => Promise<void>): StorageContractCheck => ({
    name,
    run: () => withStorage(factory, body),
  });
  return [
    check('has a name', async (storage) => {
      assert(typeof storage.name === 'string' && storage.name.length > 0, 'storage.name must be a non-empty string');
    }),
    check('returns a saved record unchanged', async (storage) => {
      const lead = `lead-${sequence}-${Math.random().toString(36).slice(2)}`;
      const record = contractRecord({ leadId: lead, notes: 'Appel de suivi — rappeler « lundi »', details: { nested: { a: [1, 2] } } });
      await storage.saveCall(record);
      const found = await storage.listCalls({ leadId: lead });
      assert(found.length === 1, `expected 1 record for ${lead}, got ${found.length}`);
      assert(sameRecord(found[0]!, record), `stored record differs: ${json(found[0])}`);
    }),
    check('keeps the wrap-up: a record saved again with its disposition, notes and quality rating', async (storage) => {
      const lead = `lead-wrap-up-${Math.random().toString(36).slice(2)}`;
      const record = contractRecord({ leadId: lead });
      await storage.saveCall(record);
      const wrapped = {
        ...record,
        disposition: 'call-back',
        notes: 'Rappeler lundi',
        metrics: { ...record.metrics, feedbackScore: 2, feedbackIssue: 'echo' as const },
      };
      await storage.saveCall(wrapped);
      const found = await storage.listCalls({ leadId: lead });
      assert(found.length === 1, `expected 1 record after the wrap-up of one id, got ${found.length}`);
      assert(sameRecord(found[0]!, wrapped), `the wrap-up was not kept: ${json(found[0])}`);
    }),
    check('saving the same id twice keeps one record, the latest version', async (storage) => {
      const lead = `lead-upsert-${Math.random().toString(36).slice(2)}`;
      const record = contractRecord({ leadId: lead });
      await storage.saveCall(record);
      await storage.saveCall({ ...record, recordingUrl: 'https://recordings.example/1.mp3' });
      const found = await storage.listCalls({ leadId: lead });
      assert(found.length === 1, `expected 1 record after two saves of one id, got ${found.length}`);
      assert(found[0]!.recordingUrl === 'https://recordings.example/1.mp3', 'the second save must replace the first');
    }),
    check('concurrent saves: distinct ids all kept, one id kept once', async (storage) => {
      const lead = `lead-concurrent-${Math.random().toString(36).slice(2)}`;
      const distinct = Array.from({ length: 20 }, () => contractRecord({ leadId: lead }));
      const same = contractRecord({ leadId: lead });
      await Promise.all([...distinct.map((r) => storage.saveCall(r)), ...Array.from({ length: 10 }, () => storage.saveCall(same))]);
      const found = await storage.listCalls({ leadId: lead });
      const ids = new Set(found.map((r) => r.id));
      assert(found.length === 21 && ids.size === 21, `expected 21 unique records, got ${found.length} (${ids.size} unique)`);
    }),
    check('filters by lead, request and agent; newest first; honours limit', async (storage) => {
      const lead = `lead-query-${Math.random().toString(36).slice(2)}`;
      const older = contractRecord({ leadId: lead, requestId: 'rq-a', agentId: 'ag-a', startedAt: '2026-01-01T08:00:00.000Z', answeredAt: '2026-01-01T08:00:05.000Z', endedAt: '2026-01-01T08:01:00.000Z' });
      const newer = contractRecord({ leadId: lead, requestId: 'rq-b', agentId: 'ag-b', startedAt: '2026-01-02T08:00:00.000Z', answeredAt: '2026-01-02T08:00:05.000Z', endedAt: '2026-01-02T08:01:00.000Z' });
      await storage.saveCall(older);
      await storage.saveCall(newer);
      const byLead = await storage.listCalls({ leadId: lead });
      assert(json(byLead.map((r) => r.id)) === json([newer.id, older.id]), `expected newest first, got ${json(byLead.map((r) => r.startedAt))}`);
      const byRequest = await storage.listCalls({ leadId: lead, requestId: 'rq-a' });
      assert(byRequest.length === 1 && byRequest[0]!.id === older.id, 'requestId filter');
      const byAgent = await storage.listCalls({ leadId: lead, agentId: 'ag-b' });
      assert(byAgent.length === 1 && byAgent[0]!.id === newer.id, 'agentId filter');
      const limited = await storage.listCalls({ leadId: lead, limit: 1 });
      assert(limited.length === 1 && limited[0]!.id === newer.id, 'limit keeps the newest');
    }),
    check('refuses an invalid record with a permanent error', async (storage) => {
      const invalid = { ...contractRecord(), to: '0612345678' } as CallRecord;
      let error: unknown;
      try {
        await storage.saveCall(invalid);
      } catch (caught) {
        error = caught;
      }
      assert(error, 'saving an invalid record must fail');
      assert((error as { permanent?: unknown }).permanent === true, 'the error must be permanent (retrying cannot help)');
    }),
    check('logs actions idempotently when it supports them', async (storage) => {
      if (!storage.logAction) return;
      const lead = `lead-action-${Math.random().toString(36).slice(2)}`;
      const action = contractAction({ leadId: lead, notes: 'Rappeler « lundi » — x' });
      await storage.logAction(action);
      await storage.logAction({ ...action, notes: 'Rappeler mardi' });
      if (!storage.listActions) return;
      const found = await storage.listActions({ leadId: lead });
      assert(found.length === 1, `expected 1 action after two logs of one id, got ${found.length}`);
      assert(json(sortKeys(found[0])) === json(sortKeys({ ...action, notes: 'Rappeler mardi' })), `the second log must replace the first, unchanged otherwise: ${json(found[0])}`);
    }),
    check('lists actions (when it does): filters by lead, request and call; newest first; honours limit', async (storage) => {
      if (!storage.listActions) return;
      assert(storage.logAction, 'a storage that lists actions must log them (logAction)');
      const lead = `lead-actions-${Math.random().toString(36).slice(2)}`;
      const call = `demo:CT-actions-${Math.random().toString(36).slice(2)}`;
      const oldest = contractAction({ leadId: lead, requestId: 'rq-a', callId: call, type: 'call-started', at: '2026-01-01T08:00:00.000Z' });
      const middle = contractAction({ leadId: lead, requestId: 'rq-a', callId: call, type: 'call-ended', at: '2026-01-01T08:01:00.000Z' });
      const newest = contractAction({ leadId: lead, requestId: 'rq-b', type: 'note', at: '2026-01-02T09:00:00.000Z' });
      for (const action of [middle, newest, oldest]) await storage.logAction(action);
      const ids = (actions: { id: string }[]) => json(actions.map((a) => a.id));
      const byLead = await storage.listActions({ leadId: lead });
      assert(ids(byLead) === json([newest.id, middle.id, oldest.id]), `expected newest first, got ${json(byLead.map((a) => a.at))}`);
      const byRequest = await storage.listActions({ leadId: lead, requestId: 'rq-b' });
      assert(ids(byRequest) === json([newest.id]), `requestId filter: got ${ids(byRequest)}`);
      const byCall = await storage.listActions({ callId: call });
      assert(ids(byCall) === json([middle.id, oldest.id]), `callId filter: got ${ids(byCall)}`);
      const limited = await storage.listActions({ leadId: lead, limit: 2 });
      assert(ids(limited) === json([newest.id, middle.id]), `limit keeps the newest: got ${ids(limited)}`);
      const none = await storage.listActions({ leadId: `${lead}-other` });
      assert(Array.isArray(none) && none.length === 0, `another lead has no actions, got ${json(none)}`);
    }),
    ...configContract(check),
  ];
}

/** A storage that keeps Aircall configurations: the three optional methods, all present. */
type ConfigStorage = CallStorage & Required<Pick<CallStorage, 'getConfig' | 'saveConfig' | 'listConfigVersions'>>;

function keepsConfigs(storage: CallStorage): storage is ConfigStorage {
  const methods = [storage.getConfig, storage.saveConfig, storage.listConfigVersions].filter((m) => typeof m === 'function');
  assert(methods.length === 0 || methods.length === 3, 'getConfig, saveConfig and listConfigVersions go together: implement all three or none');
  return methods.length === 3;
}

/** A scope of its own for each check, so that storages shared between checks do not interfere. */
function contractScope(): AircallScope {
  return { organizationId: `contract-org-${Math.random().toString(36).slice(2)}`, countryCode: 'FR' };
}

/** A key long enough to get `apiKeyLast4`; its distinctive middle is what the secrecy checks look for. */
export function contractApiKey(tail = 'WXYZ'): string {
  return `ck_${Math.random().toString(36).slice(2, 10)}_contract_secret_${tail}`;
}

export function contractAircallConfig(overrides: Partial<AircallConfig> = {}): AircallConfig {
  return {
    enabled: true,
    apiId: 'contract-api-id',
    integrationName: 'contract-integration',
    workspaceSize: 'medium',
    events: { onLogin: true, onLogout: true, onCallStart: true, onCallEnd: true, onCallAnswer: false },
    permissions: { canMakeOutboundCalls: true, canReceiveInboundCalls: true, canTransferCalls: false, canRecordCalls: false },
    ...overrides,
  };
}

function assertNoSecret(value: unknown, apiKey: string, what: string): void {
  const text = json(value) ?? '';
  assert(!('apiKey' in ((value as object | undefined) ?? {})), `${what} must not have an "apiKey" property`);
  assert(!text.includes(apiKey.slice(0, -4)), `${what} contains the API key`);
}

function assertConfigEquals(found: PublicAircallConfig | undefined, config: AircallConfig, what: string): void {
  assert(found, `${what}: expected a configuration, got ${json(found)}`);
  const { apiKey: _secret, ...expected } = config;
  const picked = Object.fromEntries(Object.keys(expected).map((key) => [key, (found as Record<string, unknown>)[key]]));
  assert(json(sortKeys(picked)) === json(sortKeys(expected)), `${what}: saved fields differ: ${json(picked)} vs ${json(expected)}`);
}

async function conflictOf(promise: Promise<unknown>): Promise<{ code?: unknown; permanent?: unknown } | undefined> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: unknown; permanent?: unknown };
  }
  return undefined;
}

/** Checks for the Aircall configuration methods; each passes at once for a storage that has none of them. */
function configContract(check: (name: string, body: (storage: CallStorage) => Promise<void>) => StorageContractCheck): StorageContractCheck[] {
  const configCheck = (name: string, body: (storage: ConfigStorage) => Promise<void>) =>
    check(`aircall config (only if the storage has getConfig/saveConfig/listConfigVersions): ${name}`, async (storage) => {
      if (keepsConfigs(storage)) await body(storage);
    });
  return [
    configCheck('nothing saved reads as undefined, with no versions', async (storage) => {
      const scope = contractScope();
      const found = await storage.getConfig(scope);
      assert(found === undefined, `expected undefined before any save, got ${json(found)}`);
      const versions = await storage.listConfigVersions(scope);
      assert(Array.isArray(versions) && versions.length === 0, `expected no versions, got ${json(versions)}`);
    }),
    configCheck('save then read: same fields, version 1, never the key (apiKeySet, apiKeyLast4 only)', async (storage) => {
      const scope = contractScope();
      const apiKey = contractApiKey('K4L2');
      const config = contractAircallConfig({ apiKey, integrationName: 'Consulat Général-FR' });
      const saved = await storage.saveConfig(scope, config, { expectedVersion: 0, updatedBy: 'contract-admin' });
      const read = await storage.getConfig(scope);
      for (const [what, value] of [['the save result', saved], ['the read', read]] as const) {
        assertConfigEquals(value, config, what);
        assertNoSecret(value, apiKey, what);
        assert(value?.apiKeySet === true, `${what}: apiKeySet must be true after saving a key`);
        assert(value?.apiKeyLast4 === 'K4L2', `${what}: apiKeyLast4 must be the key's last 4 characters, got ${json(value?.apiKeyLast4)}`);
        assert(value?.version === 1, `${what}: the first save must be version 1, got ${json(value?.version)}`);
        assert(typeof value?.updatedAt === 'string' && !Number.isNaN(Date.parse(value.updatedAt)), `${what}: updatedAt must be an ISO date`);
      }
      assert(json(sortKeys(saved)) === json(sortKeys(read)), `the read must equal the save result: ${json(read)} vs ${json(saved)}`);
    }),
    configCheck('each save increments the version; a stale expectedVersion is a permanent config-conflict', async (storage) => {
      const scope = contractScope();
      await storage.saveConfig(scope, contractAircallConfig(), { expectedVersion: 0 });
      const second = await storage.saveConfig(scope, contractAircallConfig({ workspaceSize: 'big' }), { expectedVersion: 1 });
      assert(second.version === 2, `expected version 2, got ${json(second.version)}`);
      for (const stale of [0, 1, 3]) {
        const error = await conflictOf(storage.saveConfig(scope, contractAircallConfig({ workspaceSize: 'small' }), { expectedVersion: stale }));
        assert(error?.code === 'config-conflict', `expectedVersion ${stale} while version 2 is saved must fail with config-conflict, got ${json(error?.code)}`);
        assert(error?.permanent === true, 'config-conflict must be permanent (retrying the same save cannot succeed)');
      }
      const read = await storage.getConfig(scope);
      assert(read?.version === 2 && read.workspaceSize === 'big', `a refused save must change nothing, read ${json(read)}`);
    }),
    configCheck('two concurrent saves from the same version: one succeeds, one conflicts', async (storage) => {
      const scope = contractScope();
      const results = await Promise.allSettled([
        storage.saveConfig(scope, contractAircallConfig({ workspaceSize: 'small' }), { expectedVersion: 0 }),
        storage.saveConfig(scope, contractAircallConfig({ workspaceSize: 'big' }), { expectedVersion: 0 }),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      assert(won.length === 1 && lost.length === 1, `expected one success and one failure, got ${won.length} and ${lost.length}`);
      assert((lost[0]!.reason as { code?: unknown }).code === 'config-conflict', `the loser must get config-conflict, got ${json((lost[0]!.reason as { code?: unknown }).code)}`);
      const versions = await storage.listConfigVersions(scope);
      assert(versions.length === 1, `one save happened, so one version, got ${versions.length}`);
    }),
    configCheck('the key is kept when apiKey is omitted (or the config disabled), replaced when given', async (storage) => {
      const scope = contractScope();
      const first = contractApiKey('AAA1');
      await storage.saveConfig(scope, contractAircallConfig({ apiKey: first }), { expectedVersion: 0 });
      const kept = await storage.saveConfig(scope, contractAircallConfig({ enabled: false }), { expectedVersion: 1 });
      assert(kept.apiKeySet === true && kept.apiKeyLast4 === 'AAA1', `omitting apiKey must keep the saved key, got ${json(kept)}`);
      assert(kept.enabled === false, 'the other fields must be saved');
      const second = contractApiKey('BBB2');
      const replaced = await storage.saveConfig(scope, contractAircallConfig({ apiKey: second }), { expectedVersion: 2 });
      assert(replaced.apiKeySet === true && replaced.apiKeyLast4 === 'BBB2', `a new key must replace the old one, got ${json(replaced)}`);
      const read = await storage.getConfig(scope);
      assert(read?.apiKeyLast4 === 'BBB2', `the read must show the new key's last 4, got ${json(read?.apiKeyLast4)}`);
      assertNoSecret(read, first, 'the read');
      assertNoSecret(read, second, 'the read');
    }),
    configCheck('a configuration saved without any key has apiKeySet false', async (storage) => {
      const scope = contractScope();
      const saved = await storage.saveConfig(scope, contractAircallConfig({ enabled: false }), { expectedVersion: 0 });
      assert(saved.apiKeySet === false && saved.apiKeyLast4 === undefined, `expected no key, got ${json(saved)}`);
    }),
    configCheck('versions: newest first, with who and when, never the key', async (storage) => {
      const scope = contractScope();
      const apiKey = contractApiKey();
      await storage.saveConfig(scope, contractAircallConfig({ apiKey }), { expectedVersion: 0, updatedBy: 'admin-a' });
      await storage.saveConfig(scope, contractAircallConfig({ workspaceSize: 'small' }), { expectedVersion: 1, updatedBy: 'admin-b' });
      await storage.saveConfig(scope, contractAircallConfig({ enabled: false }), { expectedVersion: 2, updatedBy: 'admin-a' });
      const versions = await storage.listConfigVersions(scope);
      const summary = versions.map((v) => [v.version, v.updatedBy, v.config.version]);
      assert(json(summary) === json([[3, 'admin-a', 3], [2, 'admin-b', 2], [1, 'admin-a', 1]]), `expected versions 3, 2, 1 with their authors, got ${json(summary)}`);
      assert(versions.every((v) => typeof v.updatedAt === 'string' && !Number.isNaN(Date.parse(v.updatedAt))), 'every version needs updatedAt');
      assert(versions[1]!.config.workspaceSize === 'small' && versions[0]!.config.enabled === false, 'each version holds the configuration as saved then');
      assert(versions.every((v) => v.config.apiKeySet === true), 'every version after the key was saved has apiKeySet');
      versions.forEach((v, i) => assertNoSecret(v.config, apiKey, `version ${i}`));
      assertNoSecret(versions, apiKey, 'the version list');
    }),
    configCheck('scopes are isolated (organisation and country)', async (storage) => {
      const scope = contractScope();
      const otherCountry = { ...scope, countryCode: 'GA' };
      const otherOrg = contractScope();
      await storage.saveConfig(scope, contractAircallConfig({ apiKey: contractApiKey('ONE1') }), { expectedVersion: 0 });
      assert((await storage.getConfig(otherCountry)) === undefined, 'another country of the same organisation must see nothing');
      assert((await storage.getConfig(otherOrg)) === undefined, 'another organisation must see nothing');
      const other = await storage.saveConfig(otherCountry, contractAircallConfig({ workspaceSize: 'big' }), { expectedVersion: 0 });
      assert(other.version === 1 && other.apiKeySet === false, `each scope has its own versions and key, got ${json(other)}`);
      assert((await storage.getConfig(scope))?.workspaceSize === 'medium', 'saving another scope must not change this one');
      assert((await storage.listConfigVersions(otherCountry)).length === 1, 'each scope has its own history');
    }),
  ];
}

function sortKeys(value: unknown): unknown {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y)).map(([k, v]) => [k, sortKeys(v)]))
    : value;
}

function sameRecord(a: CallRecord, b: CallRecord): boolean {
  return json(sortKeys(a)) === json(sortKeys(b));
}
