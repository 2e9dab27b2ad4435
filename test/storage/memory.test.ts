import { expect } from '@open-wc/testing';
import { createMemoryStorage } from '../../src/storage/memory/index.js';
import { CallElementsError } from '../../src/internal/errors.js';
import { defaultAircallConfig } from '../../src/schema/aircall-config.js';
import { sampleRecord } from '../helpers/records.js';
import { rejectionOf } from '../helpers/errors.js';

describe('memory storage', () => {
  it('upserts by id: saving the same record twice keeps one, the latest', async () => {
    const storage = createMemoryStorage();
    const record = sampleRecord();
    await storage.saveCall(record);
    await storage.saveCall({ ...record, recordingUrl: 'https://rec.example/x.mp3' });
    const all = await storage.listCalls();
    expect(all).to.have.length(1);
    expect(all[0]!.recordingUrl).to.equal('https://rec.example/x.mp3');
  });

  it('filters by lead, request and agent, newest first, with a limit', async () => {
    const storage = createMemoryStorage();
    await storage.saveCall(sampleRecord({ leadId: 'L1', startedAt: '2026-01-01T09:00:00.000Z', answeredAt: undefined, status: 'canceled', durationSec: 0, endedAt: '2026-01-01T09:00:01.000Z' }));
    await storage.saveCall(sampleRecord({ leadId: 'L1', startedAt: '2026-01-01T10:00:00.000Z' }));
    await storage.saveCall(sampleRecord({ leadId: 'L2', agentId: 'other' }));
    expect((await storage.listCalls({ leadId: 'L1' })).map((r) => r.startedAt)).to.deep.equal([
      '2026-01-01T10:00:00.000Z',
      '2026-01-01T09:00:00.000Z',
    ]);
    expect(await storage.listCalls({ leadId: 'L1', limit: 1 })).to.have.length(1);
    expect((await storage.listCalls({ agentId: 'other' })).map((r) => r.leadId)).to.deep.equal(['L2']);
    expect(await storage.listCalls({ requestId: 'none' })).to.deep.equal([]);
  });

  it('refuses an invalid record with a permanent error, and copies values in and out', async () => {
    const storage = createMemoryStorage();
    const error = await rejectionOf(storage.saveCall({ ...sampleRecord(), to: 'nope' }));
    expect(error).to.be.instanceOf(CallElementsError);
    expect((error as CallElementsError).permanent).to.equal(true);
    const record = sampleRecord();
    await storage.saveCall(record);
    record.leadId = 'mutated';
    const [stored] = await storage.listCalls();
    stored!.leadId = 'mutated again';
    expect((await storage.listCalls())[0]!.leadId).to.equal('lead-42');
  });

  it('logs actions idempotently by id', async () => {
    const storage = createMemoryStorage();
    const action = { id: 'act-1', type: 'note' as const, notes: 'Appel de suivi', at: '2026-01-01T10:00:00.000Z' };
    await storage.logAction(action);
    await storage.logAction(action);
    expect(await storage.listActions()).to.deep.equal([action]);
  });

  it('copies Aircall configurations in and out, and forgets them on dispose', async () => {
    const storage = createMemoryStorage();
    const scope = { organizationId: 'org-m', countryCode: 'FR' };
    const config = { ...defaultAircallConfig(), apiKey: 'memory-secret-1234' };
    const saved = await storage.saveConfig(scope, config, { expectedVersion: 0 });
    config.workspaceSize = 'big';
    saved.workspaceSize = 'small';
    (await storage.listConfigVersions(scope))[0]!.config.workspaceSize = 'small';
    const read = await storage.getConfig(scope);
    expect(read?.workspaceSize).to.equal('medium');
    expect((await storage.listConfigVersions(scope))[0]!.config.workspaceSize).to.equal('medium');
    expect(read).to.include({ apiKeySet: true, apiKeyLast4: '1234' });
    await storage.dispose();
    expect(await storage.getConfig(scope)).to.equal(undefined);
  });
});
