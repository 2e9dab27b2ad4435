import type { CallRecord } from '../../src/schema/call-record.js';

let counter = 0;

/** A valid, complete outbound record; override any field. Each call gets a fresh call id. */
export function sampleRecord(overrides: Partial<CallRecord> = {}): CallRecord {
  counter += 1;
  const callSid = overrides.callSid ?? `DM${counter.toString(16).padStart(32, '0')}`;
  const provider = overrides.provider ?? 'demo';
  return {
    schemaVersion: 1,
    id: `${provider}:${callSid}`,
    provider,
    callSid,
    direction: 'outbound',
    status: 'completed',
    to: '+33123456789',
    agentId: 'agent-7',
    leadId: 'lead-42',
    requestId: 'req-123',
    userId: 'user-1',
    displayName: 'Jean Dupont',
    startedAt: '2026-01-01T10:00:00.000Z',
    answeredAt: '2026-01-01T10:00:05.000Z',
    endedAt: '2026-01-01T10:01:05.000Z',
    durationSec: 60,
    endedBy: 'agent',
    metrics: { muteToggles: 0, reconnects: 0, qualityWarnings: 0, setupMs: 5000 },
    ...overrides,
  };
}
