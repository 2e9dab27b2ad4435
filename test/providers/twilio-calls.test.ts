import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { configure } from '../../src/config.js';
import { placeCall } from '../../src/calls/engine-api.js';
import type { CallHandle as PlacedCall } from '../../src/calls/live-call.js';
import { CallElementsError } from '../../src/internal/errors.js';
import { unregisterProvider } from '../../src/config.js';
import { createTwilioProvider, type TwilioProviderOptions } from '../../src/providers/twilio/index.js';
import type { CallProvider } from '../../src/providers/types.js';
import type { CallRecord } from '../../src/schema/call-record.js';
import { thrownBy } from '../helpers/errors.js';
import { collectEvents, createFakeTwilio, twilioError, wrappedGatewayError, type FakeCall, type FakeTwilio } from '../helpers/fake-twilio.js';
import { until, wait } from '../helpers/manual-provider.js';
import { resetLibrary } from '../helpers/reset.js';

const NUMBER = '+33123456789';
const CALL_SID = 'CA0123456789abcdef0123456789abcdef';
const TOKEN_URL = '/api/twilio-token-for-calls';

const worker = setupWorker();

describe('Twilio provider: outbound calls (fake SDK)', () => {
  let fake: FakeTwilio;
  let tokens: string[];
  let errors: CallElementsError[];

  before(() => worker.start({ onUnhandledRequest: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true }));
  after(() => worker.stop());
  beforeEach(async () => {
    await resetLibrary();
    fake = createFakeTwilio();
    tokens = [];
    errors = [];
  });
  afterEach(async () => {
    worker.resetHandlers();
    unregisterProvider('twilio');
    await resetLibrary();
  });

  /** A provider on the fake SDK whose getToken hands out "token-1", "token-2"... */
  function twilio(options: Partial<TwilioProviderOptions> = {}): CallProvider {
    const provider = createTwilioProvider({
      getToken: async () => {
        const token = `token-${tokens.length + 1}`;
        tokens.push(token);
        return token;
      },
      sdk: () => fake.load(),
      onError: (error) => errors.push(error),
      ...options,
    } as TwilioProviderOptions);
    configure({ providers: { twilio: provider } });
    return provider;
  }

  function call(extra: Partial<Parameters<typeof placeCall>[0]> = {}): PlacedCall {
    return placeCall({ provider: 'twilio', number: NUMBER, agentId: 'agent-7', ...extra });
  }

  const outboundCall = () => until(() => fake.call, 'the Twilio call');

  describe('loading and setup', () => {
    it('loads the SDK on the first call only, then connects with To and the request parameters', async () => {
      twilio();
      expect(fake.loads).to.equal(0);
      expect(fake.devices).to.have.length(0);
      const placed = call({ params: { LeadId: 'lead-42', To: '+19999999999' } });
      const twilioCall = await outboundCall();
      expect(fake.loads).to.equal(1);
      expect(fake.device!.token).to.equal('token-1');
      // The validated number wins over a "To" smuggled in the extra parameters.
      expect(fake.device!.connects).to.deep.equal([{ params: { LeadId: 'lead-42', To: NUMBER } }]);
      expect(twilioCall.acceptCount).to.equal(1);
      expect(performance.getEntriesByName('call-elements:twilio-connect', 'mark')).to.have.length.greaterThan(0);
      placed.hangup();
      await placed.record;
    });

    it('creates the Device with improved error precision, no call waiting, and the allowed Device options', async () => {
      twilio({ deviceOptions: { edge: ['dublin', 'roaming'], codecPreferences: ['opus', 'pcmu'], closeProtection: true } });
      const placed = call();
      await outboundCall();
      expect(fake.device!.options).to.deep.equal({
        edge: ['dublin', 'roaming'],
        codecPreferences: ['opus', 'pcmu'],
        closeProtection: true,
        enableImprovedSignalingErrorPrecision: true,
        allowIncomingWhileBusy: false,
      });
      placed.hangup();
      await placed.record;
    });

    it('reports a failed SDK download as sdk-load-failed, naming Twilio', async () => {
      twilio({ sdk: () => Promise.reject(new TypeError('Failed to fetch dynamically imported module')) });
      const record = await call().record;
      expect(record.status).to.equal('failed');
      expect(record.error).to.deep.equal({
        code: 'sdk-load-failed',
        message: 'Could not load the Twilio calling software: Failed to fetch dynamically imported module',
      });
      expect(tokens).to.have.length(0);
    });

    it('checks Device.isSupported before anything else', async () => {
      fake.isSupported = false;
      twilio();
      const record = await call().record;
      expect(record.error?.code).to.equal('browser-unsupported');
      expect(record.error?.message).to.contain('cannot place calls with Twilio');
      expect(tokens).to.have.length(0);
      expect(fake.devices).to.have.length(0);
    });

    it('refuses a second call while one is live', async () => {
      const provider = twilio();
      const first = collectEvents();
      void provider.start({ to: NUMBER }, first.sink);
      const error = thrownBy(() => provider.start({ to: NUMBER }, collectEvents().sink)) as CallElementsError;
      expect(error.code).to.equal('call-in-progress');
      provider.hangup();
      expect(first.ends()).to.have.length(1);
    });
  });

  describe('token', () => {
    it('fetches tokenUrl with GET and the session cookie (credentials: include), never showing the token', async () => {
      document.cookie = 'call_elements_test_session=s3ss10n; path=/';
      const seen: Array<{ method: string; credentials: string; cookie?: string }> = [];
      worker.use(
        http.get(TOKEN_URL, ({ request, cookies }) => {
          seen.push({ method: request.method, credentials: request.credentials, cookie: cookies.call_elements_test_session });
          return HttpResponse.json({ token: 'eyJ.secret-token.sig' });
        }),
      );
      twilio({ getToken: undefined, tokenUrl: TOKEN_URL });
      const placed = call();
      const twilioCall = await outboundCall();
      expect(seen).to.deep.equal([{ method: 'GET', credentials: 'include', cookie: 's3ss10n' }]);
      expect(fake.device!.token).to.equal('eyJ.secret-token.sig');
      twilioCall.ring(CALL_SID);
      twilioCall.remoteHangup(twilioError(31404));
      const record = await placed.record;
      expect(JSON.stringify(record)).not.to.contain('secret-token');
      document.cookie = 'call_elements_test_session=; max-age=0; path=/';
    });

    const tokenFailures: Array<[string, () => Response, string]> = [
      ['an HTTP error', () => new HttpResponse('<html>Internal error</html>', { status: 500, statusText: 'Internal Server Error' }), 'HTTP 500 Internal Server Error'],
      ['a signed-out user', () => HttpResponse.json({ error: 'login required' }, { status: 401 }), 'HTTP 401'],
      ['a body that is not JSON', () => new HttpResponse('token=abc', { status: 200 }), 'the response is not JSON'],
      ['JSON without a token', () => HttpResponse.json({ jwt: 'abc' }), 'no token in the answer (expected { "token": "…" })'],
      ['a network error', () => HttpResponse.error(), 'network error'],
    ];
    for (const [label, respond, detail] of tokenFailures) {
      it(`fails the call with token-failed on ${label}`, async () => {
        worker.use(http.get(TOKEN_URL, respond));
        twilio({ getToken: undefined, tokenUrl: TOKEN_URL });
        const record = await call().record;
        expect(record.status).to.equal('failed');
        expect(record.error?.code).to.equal('token-failed');
        expect(record.error?.message).to.contain(`Could not get a calling token from the server: ${detail}`);
        expect(fake.devices).to.have.length(0);
      });
    }

    it('reports a failing getToken as token-failed with its reason', async () => {
      twilio({ getToken: () => Promise.reject(new Error('session expired')) });
      const record = await call().record;
      expect(record.error).to.deep.equal({ code: 'token-failed', message: 'Could not get a calling token from the server: getToken failed: session expired' });
    });

    it('refreshes the token on tokenWillExpire with updateToken, during a live call', async () => {
      twilio();
      const placed = call();
      const twilioCall = await outboundCall();
      twilioCall.answer(CALL_SID);
      fake.device!.emit('tokenWillExpire', fake.device);
      await until(() => fake.device!.tokenUpdates.length === 1, 'the token update');
      expect(fake.device!.tokenUpdates).to.deep.equal(['token-2']);
      expect(placed.session.state).to.equal('connected');
      placed.hangup();
      expect((await placed.record).status).to.equal('completed');
    });

    it('reports a failed refresh and lets the live call go on', async () => {
      let calls = 0;
      twilio({
        getToken: async () => {
          calls += 1;
          if (calls > 1) throw new Error('token service down');
          return 'token-1';
        },
      });
      const placed = call();
      const twilioCall = await outboundCall();
      twilioCall.answer(CALL_SID);
      fake.device!.emit('tokenWillExpire', fake.device);
      await until(() => errors.length === 1, 'the reported refresh failure');
      expect(errors[0]!.code).to.equal('token-failed');
      expect(errors[0]!.message).to.contain('token service down');
      expect(placed.session.state).to.equal('connected');
      twilioCall.remoteHangup();
      const record = await placed.record;
      expect(record.status).to.equal('completed');
      expect(record.endedBy).to.equal('remote');
    });

    it('fails with token-expired on 20104 (there is no tokenExpired event), and the next call fetches a new token', async () => {
      fake.connectMode = 'hold';
      twilio();
      const first = call();
      await until(() => fake.device?.connects.length, 'the connect');
      fake.device!.emit('error', twilioError(20104));
      const record = await first.record;
      expect(record.status).to.equal('failed');
      expect(record.error?.code).to.equal('token-expired');
      expect(record.details).to.deep.equal({ twilioErrorCode: 20104 });
      expect(fake.devices[0]!.state).to.equal('destroyed');

      fake.connectMode = 'answer-later';
      const second = call();
      await outboundCall();
      expect(tokens).to.deep.equal(['token-1', 'token-2']);
      expect(fake.devices).to.have.length(2);
      expect(fake.devices[1]!.token).to.equal('token-2');
      second.hangup();
      await second.record;
    });

    it('fails with token-invalid, with the Twilio code, when Twilio refuses the token', async () => {
      fake.connectMode = 'hold';
      twilio();
      const first = call();
      await until(() => fake.device?.connects.length, 'the connect');
      fake.device!.emit('error', twilioError(20101));
      const record = await first.record;
      expect(record.error?.code).to.equal('token-invalid');
      expect(record.error?.message).to.equal(
        'The calling token was refused (Twilio 20101: Invalid access token). Ask your administrator to check the token service.',
      );
      expect(record.details).to.deep.equal({ twilioErrorCode: 20101 });
    });

    for (const code of [20151, 31202, 31204, 31207]) {
      it(`treats Device error ${code} as token-invalid`, async () => {
        fake.connectMode = 'hold';
        twilio();
        const placed = call();
        await until(() => fake.device?.connects.length, 'the connect');
        fake.device!.emit('error', twilioError(code));
        const record = await placed.record;
        expect(record.error?.code).to.equal('token-invalid');
        expect(record.error?.message).to.contain(`Twilio ${code}`);
      });
    }

    it('bounds the wait for Twilio with connectTimeoutMs, naming the last error, and lets the Device go', async () => {
      fake.connectMode = 'hold';
      twilio({ connectTimeoutMs: 60 });
      const placed = call();
      await until(() => fake.device?.connects.length, 'the connect');
      fake.device!.emit('error', twilioError(31005));
      const record = await placed.record;
      expect(record.error).to.deep.equal({
        code: 'connection-failed',
        message: 'The call could not be connected: Twilio did not answer within 60 ms; last error: Twilio 31005: Connection error',
      });
      expect(fake.device!.state).to.equal('destroyed');
      expect(errors).to.have.length(0);
      fake.releaseHeldConnects();
      await wait(10);
      expect(fake.calls).to.have.length(0);
    });

    it('fails with connection-failed when the Device refuses to connect', async () => {
      fake.connectMode = { reject: new Error('A Call is already active') };
      twilio();
      const record = await call().record;
      expect(record.error).to.deep.equal({ code: 'connection-failed', message: 'The call could not be connected: Twilio: A Call is already active' });
      expect(fake.device!.state).to.equal('destroyed');
    });

    it('ends a call the agent gives up before Twilio answered, without leaving a call behind', async () => {
      fake.connectMode = 'hold';
      twilio();
      const placed = call();
      await until(() => fake.device?.connects.length, 'the connect');
      placed.hangup();
      const record = await placed.record;
      expect(record.status).to.equal('canceled');
      expect(record.endedBy).to.equal('agent');
      expect(fake.device!.state).to.equal('destroyed');
    });
  });

  describe('call progress', () => {
    it('takes the CallSid from ringing and accept only, never the temporary outbound id', async () => {
      const provider = twilio();
      const { sink, events } = collectEvents();
      void provider.start({ to: NUMBER }, sink);
      const twilioCall = await outboundCall();
      expect(twilioCall.outboundConnectionId).to.match(/^TJ/);
      twilioCall.ring();
      twilioCall.answer(CALL_SID);
      provider.hangup();
      expect(events).to.deep.equal([
        { type: 'ringing', callSid: undefined },
        { type: 'connected', callSid: CALL_SID },
        { type: 'ended', endedBy: 'agent' },
      ]);
    });

    it('stores the real CallSid: an answered call hung up by the agent is completed', async () => {
      twilio();
      const placed = call({ leadId: 'lead-42' });
      const twilioCall = await outboundCall();
      twilioCall.ring(CALL_SID);
      expect(placed.session.state).to.equal('ringing');
      twilioCall.answer();
      expect(placed.session.state).to.equal('connected');
      placed.hangup();
      expect(twilioCall.status()).to.equal('closed');
      const record = await placed.record;
      expect(record.id).to.equal(`twilio:${CALL_SID}`);
      expect(record.callSid).to.equal(CALL_SID);
      expect(record).to.include({ status: 'completed', endedBy: 'agent', direction: 'outbound', to: NUMBER, leadId: 'lead-42' });
      expect(record.answeredAt).to.be.a('string');
    });

    it('reports the remote hang-up of an answered call as completed by the remote side', async () => {
      twilio();
      const placed = call();
      const twilioCall = await outboundCall();
      twilioCall.ring(CALL_SID);
      twilioCall.answer();
      twilioCall.remoteHangup();
      const record = await placed.record;
      expect(record).to.include({ status: 'completed', endedBy: 'remote' });
    });

    it('ends an unanswered call the agent hangs up as canceled, and one the remote drops as no-answer', async () => {
      twilio();
      const first = call();
      (await outboundCall()).ring(CALL_SID);
      first.hangup();
      expect(await first.record).to.include({ status: 'canceled', endedBy: 'agent' });

      const second = call();
      await until(() => fake.calls.length === 2, 'the second call');
      fake.call!.ring('CA00000000000000000000000000000002');
      fake.call!.remoteHangup();
      expect(await second.record).to.include({ status: 'no-answer', endedBy: 'remote' });
    });

    it('counts reconnections', async () => {
      twilio();
      const placed = call();
      const twilioCall = await outboundCall();
      twilioCall.answer(CALL_SID);
      twilioCall.emit('reconnecting', twilioError(53001));
      expect(placed.session.state).to.equal('reconnecting');
      twilioCall.emit('reconnected');
      expect(placed.session.state).to.equal('connected');
      placed.hangup();
      expect((await placed.record).metrics.reconnects).to.equal(1);
    });
  });

  describe('outcomes from Twilio errors (improved precision)', () => {
    const outcomes: Array<[string, () => unknown, Partial<CallRecord>, number]> = [
      ['busy (31486)', () => twilioError(31486), { status: 'busy', endedBy: 'remote' }, 31486],
      ['declined (31603)', () => twilioError(31603), { status: 'rejected', endedBy: 'remote' }, 31603],
      ['declined connection (31002)', () => twilioError(31002), { status: 'rejected', endedBy: 'remote' }, 31002],
      ['unavailable (31480)', () => twilioError(31480), { status: 'no-answer', endedBy: 'remote' }, 31480],
      ['not found (31404)', () => twilioError(31404), { status: 'failed', endedBy: 'error' }, 31404],
      ['request timeout (31408, wrapped)', () => wrappedGatewayError(31408, 'Request Timeout'), { status: 'failed', endedBy: 'error' }, 31408],
      ['a generic connection error (31005)', () => twilioError(31005), { status: 'failed', endedBy: 'error' }, 31005],
    ];
    for (const [label, error, expected, code] of outcomes) {
      it(`maps ${label}, reporting exactly one end`, async () => {
        const provider = twilio();
        const direct = collectEvents();
        void provider.start({ to: NUMBER }, direct.sink);
        let twilioCall = await outboundCall();
        twilioCall.ring(CALL_SID);
        twilioCall.remoteHangup(error());
        await wait(0);
        expect(direct.ends()).to.have.length(1);

        const placed = call();
        await until(() => fake.calls.length === 2, 'the second call');
        twilioCall = fake.call!;
        twilioCall.ring(CALL_SID);
        twilioCall.remoteHangup(error());
        const record = await placed.record;
        expect(record).to.include(expected);
        expect(record.callSid).to.equal(CALL_SID);
        expect(record.details).to.deep.equal({ twilioErrorCode: code });
        if (expected.status === 'failed') {
          expect(record.error?.code).to.equal('connection-failed');
          expect(record.error?.message).to.contain(`Twilio ${code}`);
        } else {
          expect(record.error).to.equal(undefined);
        }
      });
    }

    it('maps a refused microphone (31401) to microphone-denied although the SDK reports the disconnect first', async () => {
      twilio();
      const placed = call();
      (await outboundCall()).microphoneFails(31401);
      const record = await placed.record;
      expect(record.status).to.equal('failed');
      expect(record.error?.code).to.equal('microphone-denied');
      expect(record.error?.message).to.contain('The microphone is blocked');
    });

    it('maps a microphone that cannot be opened (31402) to microphone-unavailable', async () => {
      twilio();
      const placed = call();
      (await outboundCall()).microphoneFails(31402);
      const record = await placed.record;
      expect(record.error?.code).to.equal('microphone-unavailable');
      expect(record.error?.message).to.contain('No microphone could be used: Twilio 31402: UserMedia Acquisition Failed Error');
    });
  });

  describe('during the call', () => {
    it('mutes through call.mute() and reports what the Call says', async () => {
      twilio();
      const placed = call();
      const twilioCall = await outboundCall();
      twilioCall.answer(CALL_SID);
      placed.mute(true);
      expect(twilioCall.isMuted()).to.equal(true);
      expect(placed.session.muted).to.equal(true);
      placed.mute(true);
      placed.mute(false);
      expect(twilioCall.isMuted()).to.equal(false);
      placed.hangup();
      expect((await placed.record).metrics.muteToggles).to.equal(2);
    });

    it('sends only 0-9, *, # and w as DTMF, refusing anything else permanently', async () => {
      const provider = twilio();
      const placed = call();
      const twilioCall = await outboundCall();
      twilioCall.answer(CALL_SID);
      provider.sendDigits!('12*#w9');
      expect(twilioCall.sentDigits).to.deep.equal(['12*#w9']);
      for (const bad of ['12a', '', '1 2', '+33']) {
        const error = thrownBy(() => provider.sendDigits!(bad)) as CallElementsError;
        expect(error.code, bad).to.equal('invalid-digits');
        expect(error.permanent).to.equal(true);
      }
      expect(twilioCall.sentDigits).to.have.length(1);
      placed.hangup();
      await placed.record;
    });

    it('forwards quality warnings, counted in record.metrics.qualityWarnings', async () => {
      twilio();
      const placed = call();
      const twilioCall = await outboundCall();
      twilioCall.answer(CALL_SID);
      twilioCall.emit('warning', 'high-rtt', { name: 'rtt' });
      expect([...placed.session.warnings]).to.deep.equal(['high-rtt']);
      twilioCall.emit('warning', 'high-rtt', { name: 'rtt' });
      twilioCall.emit('warning-cleared', 'high-rtt');
      expect([...placed.session.warnings]).to.deep.equal([]);
      twilioCall.emit('warning', 'high-rtt', { name: 'rtt' });
      twilioCall.emit('warning', 'ice-connectivity-lost');
      placed.hangup();
      expect((await placed.record).metrics.qualityWarnings).to.equal(3);
    });
  });
});

describe('Twilio provider: exactly one end per call', () => {
  let fake: FakeTwilio;
  beforeEach(() => {
    fake = createFakeTwilio();
  });

  it('ignores the SDK events that follow the first end', async () => {
    const provider = createTwilioProvider({ getToken: () => 'token', sdk: () => fake.load() });
    const { sink, ends } = collectEvents();
    void provider.start({ to: NUMBER }, sink);
    const twilioCall: FakeCall = await until(() => fake.call, 'the call');
    twilioCall.answer(CALL_SID);
    twilioCall.emit('error', twilioError(31005));
    twilioCall.emit('disconnect', twilioCall);
    twilioCall.emit('cancel');
    provider.hangup();
    await wait(0);
    expect(ends()).to.have.length(1);
    expect(ends()[0]).to.deep.include({ type: 'failed' });
  });
});
