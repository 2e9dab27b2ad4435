import { expect } from '@open-wc/testing';
import { createDemoProvider, type DemoProviderOptions } from '../../src/providers/demo/index.js';
import type { ProviderEvent } from '../../src/providers/types.js';
import { CallElementsError } from '../../src/internal/errors.js';
import { until, wait } from '../helpers/manual-provider.js';

function run(options: DemoProviderOptions) {
  const provider = createDemoProvider({ connectAfterMs: 5, answerAfterMs: 10, ...options });
  const events: ProviderEvent[] = [];
  provider.start({ to: '+33123456789' }, (event) => events.push(event));
  return { provider, events };
}

describe('demo provider', () => {
  it('implements the CallProvider interface with outbound, mute and DTMF', () => {
    const provider = createDemoProvider();
    expect(provider.name).to.equal('demo');
    expect([...provider.capabilities].sort()).to.deep.equal(['dtmf', 'mute', 'outbound']);
    for (const method of ['start', 'hangup', 'mute', 'sendDigits', 'dispose'] as const) expect(provider[method]).to.be.a('function');
  });

  it('connects, rings with a DM + 32 hex call id, then answers', async () => {
    const { events, provider } = run({});
    expect(events).to.deep.equal([{ type: 'connecting' }]);
    await until(() => events.length === 3, 'answer');
    const [, ringing, connected] = events as [ProviderEvent, { type: 'ringing'; callSid: string }, { type: 'connected'; callSid: string }];
    expect(ringing.type).to.equal('ringing');
    expect(ringing.callSid).to.match(/^DM[0-9a-f]{32}$/);
    expect(connected).to.deep.equal({ type: 'connected', callSid: ringing.callSid });
    provider.dispose();
  });

  it('hangs up remotely after hangupAfterMs, with the recording URL', async () => {
    const { events } = run({ hangupAfterMs: 10, recordingUrl: 'https://rec.example/1.mp3' });
    await until(() => events.length === 4, 'remote hang-up');
    expect(events[3]).to.deep.equal({ type: 'ended', endedBy: 'remote', status: 'completed', recordingUrl: 'https://rec.example/1.mp3' });
  });

  for (const outcome of ['busy', 'no-answer'] as const) {
    it(`ends "${outcome}" after ringing, never connected`, async () => {
      const { events } = run({ outcome });
      await until(() => events.length === 3, outcome);
      expect(events.map((e) => e.type)).to.deep.equal(['connecting', 'ringing', 'ended']);
      expect(events[2]).to.deep.equal({ type: 'ended', endedBy: 'remote', status: outcome });
    });
  }

  it('fails with the demo-failed code for outcome "failed"', async () => {
    const { events } = run({ outcome: 'failed' });
    await until(() => events.length === 3, 'failure');
    expect(events[2]).to.deep.include({ type: 'failed' });
    expect((events[2] as { error: { code: string } }).error.code).to.equal('demo-failed');
  });

  it('confirms an agent hang-up asynchronously, like a real SDK, and then stays silent', async () => {
    const { events, provider } = run({ answerAfterMs: 5 });
    await until(() => events.length === 3, 'answer');
    provider.hangup();
    expect(events).to.have.length(3);
    await wait(5);
    expect(events[3]).to.deep.equal({ type: 'ended', endedBy: 'agent', recordingUrl: undefined });
    await wait(40);
    expect(events).to.have.length(4);
  });

  it('stops every timer when hung up while ringing', async () => {
    const { events, provider } = run({ connectAfterMs: 5, answerAfterMs: 30 });
    await until(() => events.length === 2, 'ringing');
    provider.hangup();
    await wait(60);
    expect(events.map((e) => e.type)).to.deep.equal(['connecting', 'ringing', 'ended']);
  });

  it('reports mute changes once connected and accepts only DTMF digits', async () => {
    const { events, provider } = run({});
    await until(() => events.length === 3, 'answer');
    provider.mute!(true);
    expect(events[3]).to.deep.equal({ type: 'muted', muted: true });
    expect(() => provider.sendDigits!('12*#w9')).to.not.throw();
    expect(() => provider.sendDigits!('12a')).to.throw(CallElementsError).with.property('code', 'invalid-digits');
    provider.dispose();
  });

  it('refuses a second call while one is in progress', () => {
    const { provider } = run({});
    expect(() => provider.start({ to: '+33123456789' }, () => undefined)).to.throw(CallElementsError).with.property('code', 'call-in-progress');
    provider.dispose();
  });

  const badOptions: [string, DemoProviderOptions, RegExp][] = [
    ['a negative delay', { answerAfterMs: -1 }, /answerAfterMs must be a number of milliseconds/],
    ['a NaN delay', { connectAfterMs: Number.NaN }, /connectAfterMs must be a number of milliseconds/],
    ['a string delay', { hangupAfterMs: '5' as unknown as number }, /hangupAfterMs must be a number/],
    ['an unknown outcome', { outcome: 'maybe' as 'busy' }, /outcome must be one of completed, busy, no-answer, failed/],
    ['a javascript: recording URL', { recordingUrl: 'javascript:alert(1)' }, /recordingUrl must be an http: or https: URL/],
  ];
  for (const [name, options, message] of badOptions) {
    it(`rejects ${name} with a clear invalid-options error`, () => {
      expect(() => createDemoProvider(options)).to.throw(CallElementsError, message).with.property('code', 'invalid-options');
    });
  }
});
