import { loadLocale } from '../../src/internal/localize.js';
import { expect } from '@open-wc/testing';
import { CallRecordSchema } from '../../src/schema/call-record.js';
import { describeIssues, isE164 } from '../../src/schema/common.js';
import { validateCallRecord } from '../../src/schema/validate.js';
import { CallElementsError } from '../../src/internal/errors.js';
import { sampleRecord } from '../helpers/records.js';
import { thrownBy } from '../helpers/errors.js';

function problems(input: unknown): string[] {
  const result = CallRecordSchema.safeParse(input);
  return result.success ? [] : describeIssues(result.error);
}

describe('CallRecord schema', () => {
  it('accepts a complete record, and a minimal failed one', () => {
    expect(problems(sampleRecord())).to.deep.equal([]);
    expect(
      problems(sampleRecord({ disposition: 'call-back', notes: 'Wants a quote', metrics: { muteToggles: 0, reconnects: 0, qualityWarnings: 0, feedbackScore: 2, feedbackIssue: 'echo' } })),
    ).to.deep.equal([]);
    expect(
      problems({
        schemaVersion: 1,
        id: 'twilio:LC0123',
        provider: 'twilio',
        callSid: 'LC0123',
        direction: 'outbound',
        status: 'failed',
        to: '+14155550100',
        startedAt: '2026-01-01T10:00:00Z',
        endedAt: '2026-01-01T10:00:00Z',
        durationSec: 0,
        endedBy: 'error',
        error: { code: 'provider-failed', message: 'Token expired' },
        metrics: { muteToggles: 0, reconnects: 0, qualityWarnings: 0 },
      }),
    ).to.deep.equal([]);
  });

  const bad: [string, Record<string, unknown>, RegExp][] = [
    ['schemaVersion 2', { schemaVersion: 2 }, /^schemaVersion: must be 1$/],
    ['an id that is not provider:callSid', { id: 'demo:other' }, /^id: must be "demo:\w+" \(provider:callSid\)$/],
    ['an empty id', { id: '' }, /^id: must not be empty/],
    ['an upper-case provider', { provider: 'Twilio' }, /^provider: must be a lower-case provider name/],
    ['an empty callSid', { callSid: '' }, /^callSid: must not be empty/],
    ['a sideways direction', { direction: 'sideways' }, /^direction: must be "outbound" or "inbound"$/],
    ['an unknown status', { status: 'done' }, /^status: must be one of completed, busy/],
    ['a national number', { to: '0123456789' }, /^to: must be an international phone number in E\.164 format/],
    ['a number with spaces', { to: '+33 1 23 45 67 89' }, /^to: must be an international phone number/],
    ['a number too long', { to: '+1234567890123456' }, /^to: must be an international phone number/],
    ['a country code starting with 0', { to: '+0123456789' }, /^to: must be an international phone number/],
    ['a numeric phone number', { to: 33123456789 }, /^to: must be an international phone number/],
    ['a bad from', { from: 'anonymous' }, /^from: must be an international phone number/],
    ['an empty agentId', { agentId: '' }, /^agentId: must not be empty/],
    ['a numeric leadId', { leadId: 42 }, /^leadId: must be a string/],
    ['an overlong requestId', { requestId: 'r'.repeat(201) }, /^requestId: must be 200 characters or fewer/],
    ['an object userId', { userId: { id: 1 } }, /^userId: must be a string/],
    ['an overlong displayName', { displayName: 'x'.repeat(201) }, /^displayName: must be 200 characters or fewer/],
    ['a date without time', { startedAt: '2026-01-01' }, /^startedAt: must be an ISO 8601 date-time/],
    ['a date in words', { endedAt: 'yesterday' }, /^endedAt: must be an ISO 8601 date-time/],
    ['a numeric answeredAt', { answeredAt: 1767261605000 }, /^answeredAt: must be an ISO 8601 date-time/],
    ['a fractional duration', { durationSec: 1.5 }, /^durationSec: must be a whole number$/],
    ['a negative duration', { durationSec: -1 }, /^durationSec: must not be negative$/],
    ['a string duration', { durationSec: '60' }, /^durationSec: must be a number$/],
    ['an unknown endedBy', { endedBy: 'cat' }, /^endedBy: must be one of agent, remote, error, system$/],
    ['an error without code', { error: { message: 'x' } }, /^error\.code: must be a string/],
    ['a javascript: recording URL', { recordingUrl: 'javascript:alert(1)' }, /^recordingUrl: must be an http: or https: URL$/],
    ['a data: recording URL', { recordingUrl: 'data:text/html,<b>x</b>' }, /^recordingUrl: must be an http: or https: URL$/],
    ['a non-URL recording', { recordingUrl: 'not a url' }, /^recordingUrl: must be an http: or https: URL$/],
    ['metrics missing', { metrics: undefined }, /^metrics: /],
    ['negative mute toggles', { metrics: { muteToggles: -1, reconnects: 0, qualityWarnings: 0 } }, /^metrics\.muteToggles: must not be negative$/],
    ['an unknown metric', { metrics: { muteToggles: 0, reconnects: 0, qualityWarnings: 0, fun: 1 } }, /^metrics: Unrecognized key: "fun"$/],
    ['details that are not an object', { details: 'x' }, /^details: must be an object$/],
    ['overlong notes', { notes: 'n'.repeat(20_001) }, /^notes: must be 20,000 characters or fewer$/],
    ['an empty disposition', { disposition: '' }, /^disposition: must not be empty$/],
    ['an overlong disposition', { disposition: 'd'.repeat(101) }, /^disposition: must be 100 characters or fewer$/],
    ['a numeric disposition', { disposition: 3 }, /^disposition: must be a string$/],
    ['a feedback score of 0', { metrics: { muteToggles: 0, reconnects: 0, qualityWarnings: 0, feedbackScore: 0 } }, /^metrics\.feedbackScore: must be from 1 to 5$/],
    ['a feedback score of 6', { metrics: { muteToggles: 0, reconnects: 0, qualityWarnings: 0, feedbackScore: 6 } }, /^metrics\.feedbackScore: must be from 1 to 5$/],
    ['a fractional feedback score', { metrics: { muteToggles: 0, reconnects: 0, qualityWarnings: 0, feedbackScore: 2.5 } }, /^metrics\.feedbackScore: must be a whole number$/],
    ['an unknown feedback issue', { metrics: { muteToggles: 0, reconnects: 0, qualityWarnings: 0, feedbackIssue: 'too-loud' } }, /^metrics\.feedbackIssue: must be one of audio-latency/],
    ['an unknown field (typo)', { leadID: 'lead-42' }, /^Unrecognized key: "leadID"$/],
    ['an end before the start', { endedAt: '2026-01-01T09:59:59.000Z', answeredAt: undefined, status: 'canceled', durationSec: 0 }, /^endedAt: must not be before startedAt$/],
    ['an answer after the end', { answeredAt: '2026-01-01T10:02:00.000Z' }, /^answeredAt: must be between startedAt and endedAt$/],
    ['a completed call never answered', { answeredAt: undefined }, /^answeredAt: is required when the status is "completed"$/],
    ['an outbound call without a number', { to: undefined }, /^to: is required for an outbound call$/],
    ['an inbound call without a caller', { direction: 'inbound', to: undefined }, /^from: is required for an inbound call$/],
    ['a missed outbound call', { status: 'missed', answeredAt: undefined }, /^status: "missed" only applies to inbound calls$/],
  ];

  for (const [name, change, message] of bad) {
    it(`rejects ${name} with a readable message`, () => {
      const found = problems({ ...sampleRecord(), ...change });
      expect(found.length, `issues for ${name}`).to.be.greaterThan(0);
      expect(found.some((line) => message.test(line)), found.join(' | ')).to.equal(true);
    });
  }

  it('rejects what is not an object at all', () => {
    for (const input of [null, undefined, 'record', 42, []]) {
      expect(problems(input).length).to.be.greaterThan(0);
    }
  });

  it('validateCallRecord throws a permanent invalid-record error listing every problem', async () => {
    await loadLocale('fr');
    const caught = thrownBy(() => validateCallRecord({ ...sampleRecord(), to: '123', durationSec: -3 }));
    expect(caught).to.be.instanceOf(CallElementsError);
    const error = caught as CallElementsError;
    expect(error.code).to.equal('invalid-record');
    expect(error.permanent).to.equal(true);
    expect(error.message).to.contain('to: must be an international phone number');
    expect(error.message).to.contain('durationSec: must not be negative');
    expect(error.localizedMessage('fr')).to.match(/^La fiche d’appel est invalide : to: /);
  });

  it('isE164 follows ^\\+[1-9]\\d{1,14}$ exactly', () => {
    expect(['+12', '+33123456789', '+123456789012345'].every(isE164)).to.equal(true);
    expect(['+1', '+0123', '33123456789', '+1234567890123456', '+33 123', '', null, 331].some(isE164)).to.equal(false);
  });
});
