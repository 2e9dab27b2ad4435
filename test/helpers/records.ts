import type { CallRecord } from '../../src/schema/call-record.js';
import { contractRecord } from '../../src/storage/contract.js';

/** A valid, complete outbound record (Jean Dupont, lead-42); override any field. Each call gets a fresh call id. */
export function sampleRecord(overrides: Partial<CallRecord> = {}): CallRecord {
  return contractRecord({
    agentId: 'agent-7',
    leadId: 'lead-42',
    requestId: 'req-123',
    userId: 'user-1',
    displayName: 'Jean Dupont',
    ...overrides,
  });
}
