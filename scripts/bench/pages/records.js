// Valid CallRecords for the benchmarks (the same shape a finished demo call produces).
export function benchRecord(callSid, index = 0) {
  const started = Date.UTC(2025, 0, 1, 9, 0, 0) + index * 60_000;
  return {
    schemaVersion: 1,
    id: `demo:${callSid}`,
    provider: 'demo',
    callSid,
    direction: 'outbound',
    status: 'completed',
    to: '+33123456789',
    agentId: 'agent-7',
    leadId: `lead-${index}`,
    requestId: 'req-123',
    userId: 'bench-user',
    displayName: 'Jean Dupont',
    startedAt: new Date(started).toISOString(),
    answeredAt: new Date(started + 2_000).toISOString(),
    endedAt: new Date(started + 47_000).toISOString(),
    durationSec: 45,
    endedBy: 'agent',
    metrics: { muteToggles: 0, reconnects: 0, qualityWarnings: 0, setupMs: 2000 },
  };
}

