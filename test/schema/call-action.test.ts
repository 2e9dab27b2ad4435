import { expect } from '@open-wc/testing';
import { CallActionSchema } from '../../src/schema/call-action.js';
import { describeIssues } from '../../src/schema/common.js';

const valid = {
  id: 'act-1',
  type: 'note',
  requestId: 'req-123',
  phoneNumber: '+33123456789',
  userDisplayName: 'Jean Dupont',
  notes: 'Appel de suivi',
  at: '2026-01-01T10:00:00.000Z',
};

function problems(input: unknown): string[] {
  const result = CallActionSchema.safeParse(input);
  return result.success ? [] : describeIssues(result.error);
}

describe('CallAction schema', () => {
  it("accepts the seed's logAircallAction payload with an id and a time", () => {
    expect(problems(valid)).to.deep.equal([]);
    expect(problems({ id: 'a', type: 'login', at: '2026-01-01T10:00:00+02:00' })).to.deep.equal([]);
  });

  const bad: [string, Record<string, unknown>, RegExp][] = [
    ['a missing id', { id: undefined }, /^id: must be a string/],
    ['an unknown type', { type: 'party' }, /^type: must be one of call-started, call-answered/],
    ['a national phone number', { phoneNumber: '06 12 34 56 78' }, /^phoneNumber: must be an international phone number/],
    ['a missing time', { at: undefined }, /^at: must be an ISO 8601 date-time/],
    ['a numeric callId', { callId: 12345 }, /^callId: must be a string/],
    ['overlong notes', { notes: 'x'.repeat(20_001) }, /^notes: must be 20,000 characters or fewer$/],
    ['an unknown field', { phone: '+33123456789' }, /^Unrecognized key: "phone"$/],
  ];
  for (const [name, change, message] of bad) {
    it(`rejects ${name}`, () => {
      const found = problems({ ...valid, ...change });
      expect(found.some((line) => message.test(line)), found.join(' | ')).to.equal(true);
    });
  }
});
