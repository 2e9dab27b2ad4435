import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { configure } from '../../src/config.js';
import { persistCall } from '../helpers/calls.js';
import { placeCall } from '../../src/calls/engine-api.js';
import { CallElementsError, isErrorCode, type ErrorCode } from '../../src/internal/errors.js';
import { unregisterProvider } from '../../src/config.js';
import { createTwilioProvider, loadTwilioSdk, type TwilioProviderOptions, type TwilioSdkModule } from '../../src/providers/twilio/index.js';
import { createMemoryStorage, type MemoryStorage } from '../../src/storage/memory/index.js';
import { thrownBy } from '../helpers/errors.js';
import { until } from '../helpers/manual-provider.js';
import { isolatedOutbox, resetLibrary } from '../helpers/reset.js';
import { applyAudioPreferences, whenDevicesListed, type TwilioAudioHelper } from '../../src/providers/twilio/audio-preferences.js';

// This file runs the REAL @twilio/voice-sdk (no fake is imported here, so that the first test can
// check that nothing of Twilio is downloaded before a call). There is no network: the SDK's
// signaling WebSocket to Twilio fails, and the SDK retries it forever.

/** A syntactically valid Access Token (header.payload.signature) that Twilio would refuse: it is not signed. */
function unsignedJwt(): string {
  const encode = (value: unknown) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const payload = {
    jti: 'SK00000000000000000000000000000000-1',
    iss: 'SK00000000000000000000000000000000',
    sub: 'AC00000000000000000000000000000000',
    exp: Math.floor(Date.now() / 1000) + 3600,
    grants: { identity: 'agent-7', voice: { outgoing: { application_sid: 'AP00000000000000000000000000000000' } } },
  };
  return `${encode({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' })}.${encode(payload)}.${encode('unsigned')}`;
}

const TOKEN_URL = '/api/test-twilio-token';
/**
 * Whether this engine can place WebRTC calls. Debian's WebKitGTK is built without WebRTC (Safari has it):
 * there the SDK says it is unsupported, and the tests check the degradation instead of a connection.
 */
const WEB_RTC = typeof RTCPeerConnection === 'function';
/** The SDK logs every failed WebSocket attempt at its default level ("error"). */
const quiet = { logLevel: 'silent' } as const;
const twilioBytesLoaded = () =>
  performance.getEntriesByType('resource').some((entry) => entry.name.includes('twilio-voice-sdk')) ||
  performance.getEntriesByName('call-elements:twilio-sdk:start', 'mark').length > 0;

/** The real SDK module, with its Device class extended only to keep the instances for inspection. */
function observedRealSdk() {
  const devices: Array<{ state: string }> = [];
  const sdk = async (): Promise<TwilioSdkModule> => {
    const real = await loadTwilioSdk();
    class ObservedDevice extends real.Device {
      constructor(token: string, options: object) {
        super(token, options);
        devices.push(this);
      }
    }
    return { Device: ObservedDevice };
  };
  return { sdk, devices };
}

const worker = setupWorker();

describe('Twilio provider with the real @twilio/voice-sdk (offline)', function () {
  this.timeout(20_000);
  let storage: MemoryStorage;

  before(() => worker.start({ onUnhandledRequest: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true }));
  after(() => worker.stop());
  beforeEach(async () => {
    await resetLibrary();
    storage = createMemoryStorage();
    configure({ storage, outbox: isolatedOutbox() });
  });
  afterEach(async () => {
    worker.resetHandlers();
    unregisterProvider('twilio');
    await resetLibrary();
  });

  /** Places one call with `provider`, waits for its record, and for that record to be stored. */
  async function callThroughPipeline(provider: ReturnType<typeof createTwilioProvider>) {
    configure({ providers: { twilio: provider } });
    const placed = placeCall({ provider: 'twilio', number: '+33 1 23 45 67 89', agentId: 'agent-7' });
    const record = await placed.record;
    await persistCall(record);
    const stored = await until(async () => (await storage.listCalls()).find((item) => item.id === record.id), 'the stored record');
    return { placed, record, stored };
  }

  it('downloads nothing of Twilio when the provider is created, only when a call starts', async () => {
    worker.use(http.get(TOKEN_URL, () => HttpResponse.json({ token: 'not-a-jwt' })));
    const provider = createTwilioProvider({ tokenUrl: TOKEN_URL, connectTimeoutMs: 1000, deviceOptions: quiet });
    expect(provider.capabilities.has('outbound')).to.equal(true);
    expect(twilioBytesLoaded()).to.equal(false);
    await callThroughPipeline(provider);
    expect(twilioBytesLoaded()).to.equal(true);
    // Without WebRTC the provider stops at the SDK's support check, before connecting.
    expect(performance.getEntriesByName('call-elements:twilio-connect', 'mark').length > 0).to.equal(WEB_RTC);
  });

  it('passes the browser support check where the engine has WebRTC (Chromium, Firefox, Safari), and only there', async () => {
    const { Device } = await loadTwilioSdk();
    expect(Device.isSupported).to.equal(WEB_RTC);
  });

  it('without WebRTC (WebKitGTK here), a call fails at once with browser-unsupported, in the person’s language, and is stored', async function () {
    if (WEB_RTC) this.skip(); // this engine can call: the tests below go through the SDK instead
    const provider = createTwilioProvider({ getToken: async () => 'not-a-jwt', deviceOptions: quiet });
    const { record, stored } = await callThroughPipeline(provider);
    expect(record).to.include({ status: 'failed', endedBy: 'error' });
    expect(record.error?.code).to.equal('browser-unsupported');
    expect(new CallElementsError('browser-unsupported', { params: { provider: 'Twilio' } }).localizedMessage('fr')).to.contain('Ce navigateur ne peut pas passer d’appels avec Twilio');
    expect(stored.id).to.equal(record.id);
  });

  it('has the audio helper and preflight surface the provider uses (device.audio, Device.runPreflight)', async function () {
    if (!WEB_RTC) this.skip(); // Device.isSupported is false without WebRTC: the provider never creates one there
    const { Device } = await loadTwilioSdk();
    expect(Device.runPreflight).to.be.a('function');
    const device = new Device('not-a-jwt', quiet);
    try {
      const audio = device.audio as TwilioAudioHelper;
      expect(audio.availableInputDevices).to.be.instanceOf(Map);
      expect(audio.availableOutputDevices).to.be.instanceOf(Map);
      expect(typeof audio.isOutputSelectionSupported).to.equal('boolean');
      expect(audio.isOutputSelectionSupported).to.equal('setSinkId' in HTMLMediaElement.prototype);
      expect(audio.inputStream).to.equal(null);
      for (const outputs of [audio.speakerDevices, audio.ringtoneDevices]) {
        expect([outputs.get, outputs.set, outputs.test].every((method) => typeof method === 'function')).to.equal(true);
      }
      await whenDevicesListed(audio);
      // A saved id this machine does not have is skipped: nothing is set, nothing fails.
      const before = [...audio.speakerDevices.get()].map((device) => device.deviceId);
      expect(await applyAudioPreferences(audio, ['input', 'speaker', 'ringtone'], { input: 'gone', speaker: 'gone', ringtone: 'gone' })).to.deep.equal([]);
      expect([...audio.speakerDevices.get()].map((device) => device.deviceId)).to.deep.equal(before);
      expect(audio.inputDevice).to.equal(null);
    } finally {
      device.destroy();
    }
    expect(device.audio).to.equal(null);
  });

  for (const [label, token] of [
    ['"not-a-jwt"', 'not-a-jwt'],
    ['an unsigned JWT', unsignedJwt()],
  ] as const) {
    it(`fails a call made with ${label} with a clear, localized error and stores no completed record`, async function () {
      if (!WEB_RTC) this.skip(); // the SDK connects only where WebRTC exists (see the browser-unsupported test)
      const { sdk, devices } = observedRealSdk();
      const provider = createTwilioProvider({ getToken: async () => token, connectTimeoutMs: 1500, sdk, deviceOptions: quiet });
      const { placed, record, stored } = await callThroughPipeline(provider);

      // The SDK never validates a token itself: it sends it over the signaling WebSocket, which cannot
      // open here, and retries with backoff while `device.connect()` stays pending. The provider's
      // connect timeout ends the wait; with a network, Twilio would answer with 20101 (token-invalid).
      expect(placed.session.state).to.equal('failed');
      expect(record.status).to.equal('failed');
      expect(record.endedBy).to.equal('error');
      expect(record.error?.code).to.equal('connection-failed');
      // The SDK's own error (its WebSocket failing) is added when it came before the time limit: how soon an
      // engine gives up on an unreachable host varies (Firefox under load took longer than 1.5 s).
      expect(record.error?.message).to.match(/^The call could not be connected: Twilio did not answer within 1500 ms(; last error: Twilio 310\d\d: .+)?$/);
      expect(record.callSid).to.match(/^LC[0-9a-f]{32}$/);
      expect(stored.status).to.equal('failed');
      expect((await storage.listCalls()).some((item) => item.status === 'completed')).to.equal(false);
      expect(JSON.stringify(stored)).not.to.contain(token);

      // A library code, so <call-button> shows it in the person's language.
      expect(isErrorCode(record.error!.code)).to.equal(true);
      const shown = new CallElementsError(record.error!.code as ErrorCode, { params: { detail: 'Twilio 31005' } });
      expect(shown.localizedMessage('fr')).to.contain('L’appel n’a pas pu être établi').and.to.contain('Twilio 31005');

      // The Device was destroyed, which stops the SDK's reconnection attempts.
      expect(devices).to.have.length(1);
      expect(devices[0]!.state).to.equal('destroyed');
    });
  }

  it('gets the token from tokenUrl with the session cookie and then fails the same way offline', async function () {
    if (!WEB_RTC) this.skip(); // the SDK connects only where WebRTC exists (see the browser-unsupported test)
    let credentials: string | undefined;
    worker.use(
      http.get(TOKEN_URL, ({ request }) => {
        credentials = request.credentials;
        return HttpResponse.json({ token: unsignedJwt() });
      }),
    );
    const provider = createTwilioProvider({ tokenUrl: TOKEN_URL, connectTimeoutMs: 800, deviceOptions: quiet });
    const { record } = await callThroughPipeline(provider);
    expect(credentials).to.equal('include');
    expect(record.error?.code).to.equal('connection-failed');
  });

  it('ends a call the agent gives up while Twilio is unreachable as canceled, and destroys the Device', async function () {
    if (!WEB_RTC) this.skip(); // the SDK connects only where WebRTC exists (see the browser-unsupported test)
    const { sdk, devices } = observedRealSdk();
    const provider = createTwilioProvider({ getToken: () => 'not-a-jwt', connectTimeoutMs: 10_000, sdk, deviceOptions: quiet });
    configure({ providers: { twilio: provider } });
    const placed = placeCall({ provider: 'twilio', number: '+33123456789' });
    await until(() => devices.length === 1, 'the Device');
    placed.hangup();
    const record = await placed.record;
    expect(record.status).to.equal('canceled');
    expect(record.endedBy).to.equal('agent');
    expect(devices[0]!.state).to.equal('destroyed');
  });
});

describe('createTwilioProvider options', () => {
  const invalid = (options: unknown) => {
    const error = thrownBy(() => createTwilioProvider(options as TwilioProviderOptions)) as CallElementsError;
    expect(error, 'an error').to.be.instanceOf(CallElementsError);
    expect(error.code).to.equal('invalid-options');
    expect(error.permanent).to.equal(true);
    return error.message;
  };

  it('needs exactly one token source, checked synchronously at creation', () => {
    expect(invalid({})).to.contain('exactly one of tokenUrl and getToken');
    expect(invalid({ tokenUrl: '/token', getToken: async () => 't' })).to.contain('exactly one of tokenUrl and getToken');
    expect(invalid(undefined)).to.contain('needs an options object');
  });

  it('refuses a token URL that is not http(s) and a getToken that is not a function', () => {
    expect(invalid({ tokenUrl: 'javascript:alert(1)' })).to.contain('tokenUrl must be an http: or https: URL');
    expect(invalid({ tokenUrl: 42 })).to.contain('tokenUrl must be');
    expect(invalid({ getToken: 'secret' })).to.contain('getToken must be a function');
  });

  it('checks the other options', () => {
    expect(invalid({ tokenUrl: '/t', incoming: 'yes' })).to.contain('incoming must be true or false');
    expect(invalid({ tokenUrl: '/t', connectTimeoutMs: 0 })).to.contain('connectTimeoutMs must be a number of milliseconds > 0 (got 0)');
    expect(invalid({ tokenUrl: '/t', onError: 'log' })).to.contain('onError must be a function');
    expect(invalid({ tokenUrl: '/t', sdk: {} })).to.contain('sdk must be a function');
  });

  it('lets only the safe Device options through', () => {
    expect(invalid({ tokenUrl: '/t', deviceOptions: { getUserMedia: () => undefined } })).to.contain('deviceOptions.getUserMedia is not supported (allowed: appName');
    expect(invalid({ tokenUrl: '/t', deviceOptions: { enableImprovedSignalingErrorPrecision: false } })).to.contain(
      'deviceOptions.enableImprovedSignalingErrorPrecision is not supported',
    );
    expect(invalid({ tokenUrl: '/t', deviceOptions: { allowIncomingWhileBusy: true } })).to.contain('deviceOptions.allowIncomingWhileBusy is not supported');
    expect(invalid({ tokenUrl: '/t', deviceOptions: { codecPreferences: ['g729'] } })).to.contain('deviceOptions.codecPreferences has an invalid value');
    expect(invalid({ tokenUrl: '/t', deviceOptions: { sounds: { incoming: 'javascript:void(0)' } } })).to.contain('deviceOptions.sounds has an invalid value');
    expect(invalid({ tokenUrl: '/t', deviceOptions: 'dublin' })).to.contain('deviceOptions must be an object');
    const provider = createTwilioProvider({
      tokenUrl: 'https://api.example.test/twilio/token',
      deviceOptions: { edge: ['dublin', 'roaming'], codecPreferences: ['opus', 'pcmu'], closeProtection: 'A call is in progress', logLevel: 'warn', tokenRefreshMs: 30_000 },
    });
    expect(provider.name).to.equal('twilio');
  });

  it('offers outbound, mute and DTMF, and inbound with listen() only when incoming is on', () => {
    const outboundOnly = createTwilioProvider({ tokenUrl: '/t' });
    expect([...outboundOnly.capabilities].sort()).to.deep.equal(['dtmf', 'mute', 'outbound']);
    expect(outboundOnly.listen).to.equal(undefined);
    const both = createTwilioProvider({ tokenUrl: '/t', incoming: true });
    expect([...both.capabilities].sort()).to.deep.equal(['dtmf', 'inbound', 'mute', 'outbound']);
    expect(both.listen).to.be.a('function');
  });
});
