import type { CallRecord } from '../schema/call-record.js';
import type { CallStorage } from './types.js';

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
      const action = { id: `act-${Math.random().toString(36).slice(2)}`, type: 'note' as const, notes: 'x', at: '2026-01-01T10:00:00.000Z' };
      await storage.logAction(action);
      await storage.logAction(action);
    }),
  ];
}

function sameRecord(a: CallRecord, b: CallRecord): boolean {
  const sort = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y)).map(([k, v]) => [k, sort(v)]))
      : value;
  return json(sort(a)) === json(sort(b));
}
