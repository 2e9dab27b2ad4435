import { expect } from '@open-wc/testing';
import { runCallCheck } from '../../src/calls/call-check.js';
import { configure, unregisterProvider } from '../../src/config.js';
import { CallElementsError } from '../../src/internal/errors.js';
import { createTwilioProvider, type TwilioProviderOptions } from '../../src/providers/twilio/index.js';
import { toCallCheckReport } from '../../src/providers/twilio/preflight.js';
import type { CallCheckProgress } from '../../src/providers/types.js';
import { createFakeTwilio, PREFLIGHT_REPORT, twilioError, type FakeTwilio } from '../helpers/fake-twilio.js';
import { until } from '../helpers/manual-provider.js';
import { resetLibrary } from '../helpers/reset.js';

describe('Pre-call check: runCallCheck() and the Twilio provider’s Device.runPreflight', () => {
  let fake: FakeTwilio;

  beforeEach(async () => {
    await resetLibrary();
    fake = createFakeTwilio();
  });
  afterEach(async () => {
    unregisterProvider('twilio');
    await resetLibrary();
  });

  function twilio(options: Partial<TwilioProviderOptions> = {}): void {
    configure({ providers: { twilio: createTwilioProvider({ getToken: () => 'token-check', sdk: () => fake.load(), ...options } as TwilioProviderOptions) } });
  }

  it('runs Device.runPreflight with the user’s token and the Device’s edge and codecs, and resolves with typed data', async () => {
    twilio({ deviceOptions: { edge: ['dublin', 'roaming'], codecPreferences: ['opus', 'pcmu'] } });
    const progress: CallCheckProgress[] = [];
    const checking = runCallCheck({ onProgress: (event) => progress.push(event) });
    const test = await until(() => fake.preflights[0], 'the preflight test');
    expect(test.token).to.equal('token-check');
    expect(test.options).to.deep.equal({ edge: 'dublin', codecPreferences: ['opus', 'pcmu'] });
    test.connect();
    test.warn('high-rtt', 'Round trip time is high');
    test.complete(PREFLIGHT_REPORT);
    const report = await checking;
    expect(report).to.deep.equal({
      provider: 'twilio',
      callSid: 'CA-preflight',
      edge: 'dublin',
      networkTiming: { signaling: 180, ice: 40, dtls: 12 },
      quality: 'great',
      stats: { rtt: { average: 42.4, min: 30, max: 60 }, jitter: { average: 3.2, min: 1, max: 8 }, mos: { average: 4.15, min: 4, max: 4.3 } },
      turnRequired: false,
      warnings: [{ name: 'high-rtt', description: 'Round trip time is high' }],
      durationMs: 15_300,
    });
    expect(progress).to.deep.equal([{ type: 'connected' }, { type: 'warning', warning: { name: 'high-rtt', description: 'Round trip time is high' } }]);
    expect(test.totalListeners(), 'listeners removed').to.equal(0);
    expect(fake.devices, 'no Device is created for the check').to.have.length(0);
  });

  it('leaves out what the report lacks: no selected candidates means TURN cannot be told', () => {
    expect(toCallCheckReport({ networkTiming: {}, warnings: [], callQuality: 'splendid' })).to.deep.equal({ provider: 'twilio', networkTiming: {}, warnings: [] });
  });

  it('rejects with call-check-failed when the test fails, and with the token’s own code when Twilio refuses it', async () => {
    twilio();
    const failing = runCallCheck().catch((error: unknown) => error);
    (await until(() => fake.preflights[0], 'the first test')).fail(twilioError(31003));
    const failure = (await failing) as CallElementsError;
    expect(failure).to.be.instanceOf(CallElementsError);
    expect(failure.code).to.equal('call-check-failed');
    expect(failure.localizedMessage('fr')).to.match(/^Le test d’appel n’a pas pu aller au bout : Twilio 31003/);

    const refused = runCallCheck().catch((error: unknown) => error);
    (await until(() => fake.preflights[1], 'the second test')).fail(twilioError(20101));
    expect(((await refused) as CallElementsError).code).to.equal('token-invalid');
  });

  it('rejects with token-failed when no token comes, before any test call', async () => {
    twilio({ getToken: () => Promise.reject(new Error('signed out')) });
    const error = (await runCallCheck().catch((caught: unknown) => caught)) as CallElementsError;
    expect(error.code).to.equal('token-failed');
    expect(error.message).to.contain('getToken failed: signed out');
    expect(fake.preflights).to.have.length(0);
  });

  it('rejects with provider-unknown without a Twilio provider or token URL, and not-supported for a provider without checks', async () => {
    expect(((await runCallCheck().catch((caught: unknown) => caught)) as CallElementsError).code).to.equal('provider-unknown');
    expect(((await runCallCheck({ provider: 'demo' }).catch((caught: unknown) => caught)) as CallElementsError).code).to.equal('not-supported');
  });
});
