/**
 * rateCall(): the agent's rating of a call's sound, kept in its record (the same id, through the queue)
 * and, with Twilio's `feedbackWindowMs`, sent with `call.postFeedback` before the Device is released.
 */
import { expect } from '@open-wc/testing';
import { rateCall } from '../../src/calls/api.js';
import { placeCall } from '../../src/calls/engine-api.js';
import { configure, unregisterProvider } from '../../src/config.js';
import { CallElementsError } from '../../src/internal/errors.js';
import { createTwilioProvider } from '../../src/providers/twilio/index.js';
import { rejectionOf } from '../helpers/errors.js';
import { createFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { createFlakyStorage, type FlakyStorage } from '../helpers/flaky-storage.js';
import { createManualProvider, until, type ManualProvider } from '../helpers/manual-provider.js';
import { isolatedOutbox, resetLibrary } from '../helpers/reset.js';

const NUMBER = '+33123456789';

/** The typed error a promise rejects with. */
async function rejection(promise: Promise<unknown>): Promise<CallElementsError> {
  const error = await rejectionOf(promise);
  expect(error).to.be.instanceOf(CallElementsError);
  return error as CallElementsError;
}

describe('rateCall()', () => {
  let storage: FlakyStorage;

  beforeEach(async () => {
    await resetLibrary();
    storage = createFlakyStorage();
  });
  afterEach(async () => {
    unregisterProvider('twilio');
    await resetLibrary();
  });

  const storedWith = async (id: string, score: number) => {
    await until(async () => (await storage.inner.listCalls()).find((record) => record.id === id)?.metrics.feedbackScore === score, `the rating stored on ${id}`);
    return storage.inner.listCalls();
  };

  describe('with any provider', () => {
    let manual: ManualProvider;
    beforeEach(() => {
      manual = createManualProvider('manual', ['outbound']);
      configure({ providers: { manual }, storage, outbox: isolatedOutbox() });
    });

    async function endedCall() {
      const call = placeCall({ provider: 'manual', number: NUMBER });
      manual.emit({ type: 'ringing', callSid: 'CA900' });
      manual.emit({ type: 'connected' });
      call.hangup();
      const record = await call.record;
      await until(async () => (await storage.inner.listCalls()).length === 1, 'stored');
      return record;
    }

    it('keeps the score and the issue in the record: one record, the same id', async () => {
      const record = await endedCall();
      await rateCall(record.id, { score: 2, issue: 'echo' });
      const calls = await storedWith(record.id, 2);
      expect(calls).to.have.length(1);
      expect(calls[0]!.metrics).to.include({ feedbackScore: 2, feedbackIssue: 'echo', muteToggles: 0 });
      // Rated again: the latest rating, still one record; an issue dropped when the new rating has none.
      await rateCall(record.id, { score: 5 });
      const again = await storedWith(record.id, 5);
      expect(again).to.have.length(1);
      expect(again[0]!.metrics.feedbackIssue).to.equal(undefined);
    });

    it('refuses a rating that is not one, and a call that did not end on this page, with invalid-options', async () => {
      const record = await endedCall();
      for (const bad of [null, {}, { score: 0 }, { score: 6 }, { score: 2.5 }, { score: '4' }, { score: 3, issue: 'too-loud' }]) {
        expect((await rejection(rateCall(record.id, bad as never))).code, JSON.stringify(bad)).to.equal('invalid-options');
      }
      expect((await rejection(rateCall('manual:CA-unknown', { score: 3 }))).code).to.equal('invalid-options');
      expect((await storage.inner.listCalls())[0]!.metrics.feedbackScore).to.equal(undefined);
    });
  });

  describe('with Twilio (fake SDK mirroring 2.18.5)', () => {
    let fake: FakeTwilio;
    const twilio = (feedbackWindowMs?: number) => {
      fake = createFakeTwilio();
      const provider = createTwilioProvider({ getToken: async () => 'token', sdk: () => fake.load(), ...(feedbackWindowMs !== undefined && { feedbackWindowMs }) });
      configure({ providers: { twilio: provider }, storage, outbox: isolatedOutbox() });
    };

    async function answeredAndEnded(previous?: FakeTwilio['call'], callSid = 'CA901') {
      const call = placeCall({ provider: 'twilio', number: NUMBER });
      (await until(() => (fake.call !== previous ? fake.call : undefined), 'the Twilio call')).answer(callSid);
      await until(() => call.snapshot.state === 'connected', 'connected');
      call.hangup();
      return { record: await call.record, twilioCall: fake.call! };
    }

    it('feedbackWindowMs: the ended call and its Device are kept, the rating goes to call.postFeedback, then the Device is released', async () => {
      twilio(60_000);
      const { record, twilioCall } = await answeredAndEnded();
      expect(fake.device!.state).to.not.equal('destroyed');
      await rateCall(record.id, { score: 1, issue: 'one-way-audio' });
      expect(twilioCall.feedback).to.deep.equal([{ score: 1, issue: 'one-way-audio' }]);
      expect(fake.device!.state).to.equal('destroyed');
      await storedWith(record.id, 1);
      // Sent once: a second rating is kept in the record only, and the provider says why it was not sent.
      expect((await rejection(rateCall(record.id, { score: 2 }))).code).to.equal('not-supported');
      await storedWith(record.id, 2);
    });

    it('only the call a provider ended last goes to it: an earlier call’s rating stays in its record', async () => {
      twilio(60_000);
      const first = await answeredAndEnded();
      const second = await answeredAndEnded(first.twilioCall, 'CA902');
      expect(second.record.id).to.not.equal(first.record.id);
      await rateCall(first.record.id, { score: 2 });
      await storedWith(first.record.id, 2);
      expect(first.twilioCall.feedback, 'the first call').to.deep.equal([]);
      expect(second.twilioCall.feedback, 'the second call').to.deep.equal([]);
      await rateCall(second.record.id, { score: 5 });
      expect(second.twilioCall.feedback.map((feedback) => feedback.score)).to.deep.equal([5]);
    });

    it('the window ends: the Device is released without a rating', async () => {
      twilio(50);
      await answeredAndEnded();
      await until(() => fake.device!.state === 'destroyed', 'released after the window');
    });

    it('Twilio refusing the rating: provider-failed, and the record keeps it', async () => {
      twilio(60_000);
      const { record, twilioCall } = await answeredAndEnded();
      twilioCall.failFeedback = new Error('insights unreachable');
      const error = await rejection(rateCall(record.id, { score: 3 }));
      expect(error.code).to.equal('provider-failed');
      expect(error.message).to.contain('insights unreachable');
      await storedWith(record.id, 3);
      expect(fake.device!.state).to.equal('destroyed');
    });

    it('without a window (the default): the Device goes at once, and a rating is kept in the record only', async () => {
      twilio();
      const { record, twilioCall } = await answeredAndEnded();
      expect(fake.device!.state).to.equal('destroyed');
      await rateCall(record.id, { score: 4 });
      expect(twilioCall.feedback).to.deep.equal([]);
      await storedWith(record.id, 4);
    });

    it('refuses a window out of range when the provider is created', () => {
      for (const bad of [-1, 700_000, Number.NaN, '60s']) {
        let caught: unknown;
        try {
          createTwilioProvider({ getToken: async () => 'token', feedbackWindowMs: bad as never });
        } catch (error) {
          caught = error;
        }
        expect((caught as CallElementsError)?.code, String(bad)).to.equal('invalid-options');
      }
    });
  });
});
