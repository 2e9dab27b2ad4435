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
    await until(() => events.length === 4, 'the confirmation');
    expect(events[3]).to.deep.equal({ type: 'ended', endedBy: 'agent', recordingUrl: undefined });
    await wait(40);
    expect(events).to.have.length(4);
  });

  it('stops every timer when hung up while ringing', async () => {
    const { events, provider } = run({ connectAfterMs: 5, answerAfterMs: 30 });
    await until(() => events.length === 2, 'ringing');
    provider.hangup();
    await until(() => events.length === 3, 'the end');
    // Past the ring time: the answer timer was stopped, nothing comes after the end.
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
    ['a negative missAfterMs', { incoming: true, missAfterMs: -5 }, /missAfterMs must be a number of milliseconds/],
  ];
  for (const [name, options, message] of badOptions) {
    it(`rejects ${name} with a clear invalid-options error`, () => {
      expect(() => createDemoProvider(options)).to.throw(CallElementsError, message).with.property('code', 'invalid-options');
    });
  }

  describe('incoming calls (incoming: true)', () => {
    function listening(options: DemoProviderOptions = {}) {
      const provider = createDemoProvider({ incoming: true, missAfterMs: 40, ...options });
      const events: ProviderEvent[] = [];
      const calls: { callSid: string; from?: string }[] = [];
      const stop = provider.listen!((call) => {
        calls.push(call);
        return (event) => events.push(event);
      });
      return { provider, events, calls, stop };
    }

    it('has the inbound capability and listen/accept/reject only when asked', () => {
      expect(createDemoProvider().listen === undefined).to.equal(true);
      expect(createDemoProvider().simulateIncoming()).to.equal(false);
      const provider = createDemoProvider({ incoming: true });
      expect([...provider.capabilities].sort()).to.deep.equal(['dtmf', 'inbound', 'mute', 'outbound']);
      for (const method of ['listen', 'accept', 'reject'] as const) expect(provider[method]).to.be.a('function');
    });

    it('rings the listener with a DM call id and the caller, connects on accept, and hangs up remotely when asked to', async () => {
      const { provider, events, calls } = listening({ hangupAfterMs: 10 });
      expect(provider.simulateIncoming({ from: '+33612345678' })).to.equal(true);
      expect(calls).to.have.length(1);
      expect(calls[0]!.callSid).to.match(/^DM[0-9a-f]{32}$/);
      expect(calls[0]!.from).to.equal('+33612345678');
      provider.accept!();
      expect(events).to.deep.equal([{ type: 'connected' }]);
      await until(() => events.length === 2, 'the remote hang-up');
      expect(events[1]).to.deep.include({ type: 'ended', endedBy: 'remote', status: 'completed' });
    });

    it('ends a call nobody answers as a caller giving up, and stays silent after a rejection', async () => {
      const missed = listening();
      missed.provider.simulateIncoming();
      await until(() => missed.events.length === 1, 'the caller to give up');
      expect(missed.events[0]).to.deep.equal({ type: 'ended', endedBy: 'remote' });

      const rejected = listening();
      rejected.provider.simulateIncoming();
      rejected.provider.reject!();
      await wait(80);
      expect(rejected.events).to.deep.equal([]);
    });

    it('does not ring when nobody listens, a call is live, or the number is not E.164', () => {
      const { provider, stop } = listening();
      stop();
      expect(provider.simulateIncoming()).to.equal(false);
      const busy = listening();
      busy.provider.start({ to: '+33123456789' }, () => undefined);
      expect(busy.provider.simulateIncoming()).to.equal(false);
      busy.provider.dispose();
      expect(() => busy.provider.simulateIncoming({ from: '0612' })).to.throw(CallElementsError).with.property('code', 'number-invalid');
    });
  });
});
