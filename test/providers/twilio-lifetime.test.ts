import { expect } from '@open-wc/testing';
import { configure } from '../../src/config.js';
import { placeCall } from '../../src/calls/engine-api.js';
import { buildCallRecord } from '../../src/calls/record.js';
import { CallSession } from '../../src/calls/session.js';
import type { CallElementsError } from '../../src/internal/errors.js';
import { unregisterProvider } from '../../src/config.js';
import { createTwilioProvider, type TwilioProviderOptions } from '../../src/providers/twilio/index.js';
import type { CallProvider, IncomingCallInfo, IncomingHandler } from '../../src/providers/types.js';
import { collectEvents, createFakeTwilio, twilioError, type FakeCall, type FakeDevice, type FakeTwilio } from '../helpers/fake-twilio.js';
import { until, wait } from '../helpers/manual-provider.js';
import { resetLibrary } from '../helpers/reset.js';

const NUMBER = '+33123456789';
const CALLER = '+14155550100';

/**
 * What the library will do with incoming calls: a CallSession per call, started from what the
 * provider saw (as placeCall dispatches "connecting" itself), fed by the returned sink.
 */
function inboundHarness(options: { refuse?: boolean } = {}) {
  const sessions: CallSession[] = [];
  const seen: IncomingCallInfo[] = [];
  const handler: IncomingHandler = (info) => {
    seen.push(info);
    if (options.refuse) return undefined;
    const session = new CallSession({ provider: 'twilio', direction: 'inbound' });
    session.dispatch({ type: 'incoming', ...info });
    sessions.push(session);
    return (event) => session.dispatch(event);
  };
  return { handler, sessions, seen, get session() {
    return sessions.at(-1)!;
  } };
}

describe('Twilio provider: incoming calls and Device lifetime (fake SDK)', () => {
  let fake: FakeTwilio;
  let tokens: number;
  let errors: CallElementsError[];
  let provider: CallProvider;

  beforeEach(async () => {
    await resetLibrary();
    fake = createFakeTwilio();
    tokens = 0;
    errors = [];
  });
  afterEach(async () => {
    unregisterProvider('twilio');
    await resetLibrary();
  });

  function twilio(options: Partial<TwilioProviderOptions> = {}): CallProvider {
    provider = createTwilioProvider({
      getToken: async () => `token-${++tokens}`,
      sdk: () => fake.load(),
      incoming: true,
      onError: (error) => errors.push(error),
      ...options,
    } as TwilioProviderOptions);
    configure({ providers: { twilio: provider } });
    return provider;
  }

  const deviceWhen = (check: (device: FakeDevice) => boolean, message: string) =>
    until(() => (fake.device && check(fake.device) ? fake.device : undefined), message);
  const registered = () => deviceWhen((device) => device.state === 'registered', 'a registered Device');
  const newRegistered = (count: number) =>
    deviceWhen((device) => fake.devices.length === count && device.state === 'registered', `registered Device #${count}`);

  describe('listen()', () => {
    it('loads the SDK, creates the Device and registers it; the last unsubscribe unregisters and destroys it', async () => {
      twilio();
      expect(fake.loads).to.equal(0);
      const stopFirst = provider.listen!(inboundHarness().handler);
      const stopSecond = provider.listen!(inboundHarness().handler);
      const device = await registered();
      expect(fake.devices).to.have.length(1);
      expect(device.registerCalls).to.equal(1);
      stopFirst();
      expect(device.state).to.equal('registered');
      stopSecond();
      stopSecond();
      expect(device.unregisterCalls).to.equal(1);
      expect(device.state).to.equal('destroyed');
    });

    it('answers an accepted call: connected with the CallSid, then completed', async () => {
      twilio();
      const inbound = inboundHarness();
      provider.listen!(inbound.handler);
      const device = await registered();
      const twilioCall = device.ringIn({ CallSid: 'CA1000', From: CALLER, To: 'client:agent-7' });
      expect(inbound.seen).to.deep.equal([
        { callSid: 'CA1000', from: CALLER, to: undefined, details: { twilioFrom: CALLER, twilioTo: 'client:agent-7' } },
      ]);
      expect(inbound.session.state).to.equal('incoming');
      provider.accept!();
      expect(twilioCall.acceptCount).to.equal(1);
      twilioCall.answer();
      expect(inbound.session.state).to.equal('connected');
      twilioCall.remoteHangup();
      await wait(0);
      const record = buildCallRecord(inbound.session);
      expect(record).to.include({ id: 'twilio:CA1000', direction: 'inbound', from: CALLER, status: 'completed', endedBy: 'remote' });
      expect(record.to).to.equal(undefined);
      expect(record.details).to.deep.equal({ twilioFrom: CALLER, twilioTo: 'client:agent-7' });
    });

    it('rejects a call the agent declines: rejected by the agent', async () => {
      twilio();
      const inbound = inboundHarness();
      provider.listen!(inbound.handler);
      const twilioCall = (await registered()).ringIn({ CallSid: 'CA2000', From: CALLER });
      provider.reject!();
      expect(twilioCall.status()).to.equal('closed');
      expect(buildCallRecord(inbound.session)).to.include({ status: 'rejected', endedBy: 'agent' });
    });

    it('reports a caller who hangs up before the answer as missed', async () => {
      twilio();
      const inbound = inboundHarness();
      provider.listen!(inbound.handler);
      (await registered()).ringIn({ CallSid: 'CA3000', From: CALLER }).cancel();
      expect(buildCallRecord(inbound.session)).to.include({ status: 'missed', endedBy: 'remote' });
    });

    it('rejects the call itself when the handler cannot take it', async () => {
      twilio();
      const inbound = inboundHarness({ refuse: true });
      provider.listen!(inbound.handler);
      const twilioCall = (await registered()).ringIn({ CallSid: 'CA4000', From: CALLER });
      expect(inbound.seen).to.have.length(1);
      expect(twilioCall.status()).to.equal('closed');
    });

    it('rejects a call that comes in during a live call without asking the handler', async () => {
      twilio();
      const inbound = inboundHarness();
      provider.listen!(inbound.handler);
      const device = await registered();
      const placed = placeCall({ provider: 'twilio', number: NUMBER });
      const outbound = await until(() => fake.call, 'the outbound call');
      outbound.answer('CA5000');
      const second = device.ringIn({ CallSid: 'CA5001', From: CALLER });
      expect(second.status()).to.equal('closed');
      expect(inbound.seen).to.have.length(0);
      placed.hangup();
      await placed.record;
    });

    it('fails an incoming call whose microphone is refused as microphone-denied', async () => {
      twilio();
      const inbound = inboundHarness();
      provider.listen!(inbound.handler);
      const twilioCall = (await registered()).ringIn({ CallSid: 'CA6000', From: CALLER });
      provider.accept!();
      twilioCall.microphoneFails(31401);
      await wait(0);
      expect(inbound.session.state).to.equal('failed');
      expect(inbound.session.end?.error?.code).to.equal('microphone-denied');
    });

    it('keeps the registered Device across calls while someone listens', async () => {
      twilio();
      provider.listen!(inboundHarness().handler);
      const device = await registered();
      const placed = placeCall({ provider: 'twilio', number: NUMBER });
      (await until(() => fake.call, 'the call')).answer('CA7000');
      placed.hangup();
      await placed.record;
      expect(fake.devices).to.have.length(1);
      expect(device.state).to.equal('registered');
      expect(tokens).to.equal(1);
    });

    it('reports a failed registration through onError', async () => {
      twilio({ getToken: () => Promise.reject(new Error('no session')) });
      provider.listen!(inboundHarness().handler);
      await until(() => errors.length, 'the reported error');
      expect(errors[0]!.code).to.equal('token-failed');
      expect(fake.devices).to.have.length(0);
    });

    it('replaces the Device at the next call after a failed token refresh, still receiving calls', async () => {
      let refreshes = 0;
      twilio({
        getToken: async () => {
          tokens += 1;
          if (tokens === 2) {
            refreshes += 1;
            throw new Error('token service down');
          }
          return `token-${tokens}`;
        },
      });
      provider.listen!(inboundHarness().handler);
      const first = await registered();
      first.emit('tokenWillExpire', first);
      await until(() => errors.length, 'the reported refresh failure');
      expect(refreshes).to.equal(1);
      expect(first.state).to.equal('registered');
      const placed = placeCall({ provider: 'twilio', number: NUMBER });
      const second = await newRegistered(2);
      expect(second.token).to.equal('token-3');
      expect(first.state).to.equal('destroyed');
      placed.hangup();
      await placed.record;
      expect(second.state).to.equal('registered');
    });

    it('rebuilds the Device with a fresh token when Twilio says the listening token expired', async () => {
      twilio();
      provider.listen!(inboundHarness().handler);
      const first = await registered();
      first.emit('error', twilioError(20104));
      expect(errors.map((error) => error.code)).to.deep.equal(['token-expired']);
      expect(first.state).to.equal('destroyed');
      const second = await newRegistered(2);
      expect(second.token).to.equal('token-2');
    });
  });

  describe('reception: whether incoming calls reach the page, and getting it back', () => {
    const reception = () => provider.reception!.get();
    const states = () => {
      const seen: string[] = [];
      const stop = provider.reception!.subscribe((state) => seen.push(state));
      return { seen, stop };
    };

    it('is off until someone listens, connecting while the Device registers, ready once registered, off again after', async () => {
      twilio();
      expect(reception()).to.equal('off');
      const watched = states();
      const stop = provider.listen!(inboundHarness().handler);
      await registered();
      await until(() => reception() === 'ready', 'ready');
      stop();
      expect(reception()).to.equal('off');
      watched.stop();
      expect(watched.seen[0]).to.equal('off');
      expect(watched.seen).to.include('connecting');
      expect(watched.seen.slice(-2)).to.deep.equal(['ready', 'off']);
    });

    it('a registration lost while the tab was frozen (the SDK did not get it back): offline, then registered again when the page is visible', async () => {
      twilio();
      provider.listen!(inboundHarness().handler);
      const device = await registered();
      device.signalingOffline();
      device.signalingConnected(true);
      expect(device.state).to.equal('unregistered');
      expect(reception()).to.equal('offline');
      document.dispatchEvent(new Event('visibilitychange'));
      await until(() => device.state === 'registered', 'registered again');
      expect(reception()).to.equal('ready');
      expect(device.registerCalls).to.equal(2);
      expect(fake.devices).to.have.length(1);
      expect(errors).to.deep.equal([]);
    });

    it('back online after the network changed: registered again', async () => {
      twilio();
      provider.listen!(inboundHarness().handler);
      const device = await registered();
      device.signalingOffline();
      expect(reception()).to.equal('offline');
      window.dispatchEvent(new Event('online'));
      await until(() => reception() === 'ready', 'ready again');
      expect(device.registerCalls).to.equal(2);
    });

    it('the SDK re-registering by itself at the same moment is not a failure, and registers once', async () => {
      twilio();
      provider.listen!(inboundHarness().handler);
      const device = await registered();
      device.signalingOffline();
      device.signalingConnected();
      window.dispatchEvent(new Event('online'));
      await until(() => device.state === 'registered', 'registered again');
      expect(device.registerCalls).to.equal(2);
      expect(errors).to.deep.equal([]);
    });

    it('no Device at all (the token service was down when the page started listening): a new one when the network is back', async () => {
      let down = true;
      twilio({
        getToken: async () => {
          if (down) throw new Error('token service down');
          return `token-${++tokens}`;
        },
      });
      provider.listen!(inboundHarness().handler);
      await until(() => errors.length, 'the reported failure');
      expect(reception()).to.equal('offline');
      expect(fake.devices).to.have.length(0);
      down = false;
      window.dispatchEvent(new Event('online'));
      await newRegistered(1);
      await until(() => reception() === 'ready', 'ready');
    });

    it('nobody listening: visibility and network changes create nothing', async () => {
      twilio();
      document.dispatchEvent(new Event('visibilitychange'));
      window.dispatchEvent(new Event('online'));
      await wait(20);
      expect(fake.loads).to.equal(0);
      expect(reception()).to.equal('off');
    });
  });

  describe('Device lifetime', () => {
    it('destroys the Device once an outbound call ends when nobody listens', async () => {
      twilio();
      const placed = placeCall({ provider: 'twilio', number: NUMBER });
      const twilioCall = await until(() => fake.call, 'the call');
      twilioCall.answer('CA8000');
      expect(fake.device!.state).to.equal('unregistered');
      twilioCall.remoteHangup();
      await placed.record;
      expect(fake.device!.state).to.equal('destroyed');
      expect(fake.device!.totalListeners()).to.equal(0);
    });

    it('dispose() ends the live call and destroys the Device', async () => {
      twilio();
      const { sink, ends } = collectEvents();
      void provider.start({ to: NUMBER }, sink);
      const twilioCall = await until(() => fake.call, 'the call');
      twilioCall.answer('CA9000');
      provider.dispose();
      expect(ends()).to.deep.equal([{ type: 'ended', endedBy: 'system' }]);
      expect(twilioCall.status()).to.equal('closed');
      expect(fake.device!.state).to.equal('destroyed');
    });

    it('on a back/forward-cache pagehide ends the call and destroys the Device; on pageshow listens again', async () => {
      twilio();
      provider.listen!(inboundHarness().handler);
      const first = await registered();
      const placed = placeCall({ provider: 'twilio', number: NUMBER });
      (await until(() => fake.call, 'the call')).answer('CA9100');
      window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
      const record = await placed.record;
      expect(record.endedBy).to.equal('system');
      expect(first.state).to.equal('destroyed');
      expect(fake.devices).to.have.length(1);

      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: false }));
      await wait(10);
      expect(fake.devices).to.have.length(1);
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
      const second = await newRegistered(2);
      expect(second.token).to.equal('token-2');
    });

    it('does not come back on pageshow when nobody listened', async () => {
      twilio();
      const placed = placeCall({ provider: 'twilio', number: NUMBER });
      (await until(() => fake.call, 'the call')).answer('CA9200');
      window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
      await placed.record;
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
      await wait(10);
      expect(fake.devices).to.have.length(1);
      expect(fake.device!.state).to.equal('destroyed');
    });

    it('leaves no Device or Call listener behind over 50 calls', async () => {
      twilio();
      const stop = provider.listen!(inboundHarness().handler);
      const device: FakeDevice = await registered();
      const baseline = device.totalListeners();
      const calls: FakeCall[] = [];
      const endings: Array<(call: FakeCall) => void> = [
        (call) => call.remoteHangup(),
        (call) => call.remoteHangup(twilioError(31486)),
        (call) => call.remoteHangup(twilioError(31404)),
        (call) => call.microphoneFails(31401),
        (call) => call.cancel(),
      ];
      for (let i = 0; i < 50; i += 1) {
        if (i % 10 === 9) {
          const inbound = device.ringIn({ CallSid: `CAin${i}`, From: CALLER });
          calls.push(inbound);
          if (i % 20 === 9) provider.reject!();
          else inbound.cancel();
          continue;
        }
        const placed = placeCall({ provider: 'twilio', number: NUMBER });
        const call = await until(() => (fake.calls.length === calls.length + 1 ? fake.call : undefined), `call ${i}`);
        calls.push(call);
        call.ring(`CA${i}`);
        if (i % 2 === 0) {
          call.answer();
          placed.hangup();
        } else {
          endings[i % endings.length]!(call);
        }
        await placed.record;
        expect(device.totalListeners(), `Device listeners after call ${i}`).to.equal(baseline);
      }
      await wait(0);
      expect(calls).to.have.length(50);
      expect(calls.map((call) => call.totalListeners())).to.deep.equal(calls.map(() => 0));
      expect(fake.devices).to.have.length(1);
      stop();
      expect(device.state).to.equal('destroyed');
      expect(device.totalListeners()).to.equal(0);
    });
  });
});
