import { expect } from '@open-wc/testing';
import { configure, unregisterProvider } from '../../src/config.js';
import { CallElementsError } from '../../src/internal/errors.js';
import {
  AUDIO_PREFERENCES_KEY,
  applyAudioPreferences,
  readAudioPreferences,
  saveAudioPreference,
} from '../../src/providers/twilio/audio-preferences.js';
import { createTwilioProvider, type TwilioCallProvider } from '../../src/providers/twilio/index.js';
import { collectEvents, createFakeTwilio, mediaDevice, type FakeAudioHelper, type FakeTwilio } from '../helpers/fake-twilio.js';
import { until } from '../helpers/manual-provider.js';
import { resetLibrary } from '../helpers/reset.js';

const NUMBER = '+33123456789';

describe('Twilio provider: audio devices chosen in this browser', () => {
  let fake: FakeTwilio;
  let errors: CallElementsError[];

  beforeEach(async () => {
    await resetLibrary();
    localStorage.removeItem(AUDIO_PREFERENCES_KEY);
    fake = createFakeTwilio();
    errors = [];
  });
  afterEach(async () => {
    unregisterProvider('twilio');
    localStorage.removeItem(AUDIO_PREFERENCES_KEY);
    await resetLibrary();
  });

  function twilio(): TwilioCallProvider {
    const provider = createTwilioProvider({ getToken: () => 'token', sdk: () => fake.load(), onError: (error) => errors.push(error), incoming: true });
    configure({ providers: { twilio: provider } });
    return provider;
  }

  const audio = () => fake.device!.audio as FakeAudioHelper;
  const activeIds = (outputs: { get(): Set<MediaDeviceInfo> }) => [...outputs.get()].map((device) => device.deviceId);

  it('keeps the choices in localStorage under a call-elements key, and reads back only well-formed ids', () => {
    expect(readAudioPreferences()).to.deep.equal({});
    expect(saveAudioPreference('input', 'mic-headset')).to.equal(true);
    expect(saveAudioPreference('speaker', 'out-headset')).to.equal(true);
    expect(JSON.parse(localStorage.getItem(AUDIO_PREFERENCES_KEY)!)).to.deep.equal({ input: 'mic-headset', speaker: 'out-headset' });
    saveAudioPreference('speaker', undefined);
    expect(readAudioPreferences()).to.deep.equal({ input: 'mic-headset' });
    localStorage.setItem(AUDIO_PREFERENCES_KEY, '{"input": 42, "speaker": "", "ringtone": "out-builtin", "other": "x"}');
    expect(readAudioPreferences()).to.deep.equal({ ringtone: 'out-builtin' });
    localStorage.setItem(AUDIO_PREFERENCES_KEY, 'not json');
    expect(readAudioPreferences()).to.deep.equal({});
  });

  it('sets the chosen speaker and ringtone on every new Device, without opening the microphone', async () => {
    saveAudioPreference('speaker', 'out-headset');
    saveAudioPreference('ringtone', 'out-builtin');
    saveAudioPreference('input', 'mic-headset');
    const provider = twilio();
    const stop = provider.listen!(() => undefined);
    await until(() => fake.device && activeIds(audio().speakerDevices)[0] === 'out-headset', 'the speaker to be set');
    expect(activeIds(audio().ringtoneDevices)).to.deep.equal(['out-builtin']);
    expect(audio().inputChoices, 'the microphone waits for a call').to.deep.equal([]);
    expect(audio().inputStream).to.equal(null);
    stop();
    await until(() => fake.device?.state === 'destroyed', 'the Device to go');

    // The next Device gets them again.
    provider.listen!(() => undefined);
    await until(() => fake.devices.length === 2 && activeIds(audio().speakerDevices)[0] === 'out-headset', 'the second Device to get the speaker');
    expect(errors).to.deep.equal([]);
  });

  it('sets the chosen microphone before connecting, and releases it after the call when the Device stays', async () => {
    saveAudioPreference('input', 'mic-headset');
    const provider = twilio();
    provider.listen!(() => undefined);
    await until(() => fake.device?.state === 'registered', 'the Device to register');
    const { sink, ends } = collectEvents();
    await provider.start({ to: NUMBER }, sink);
    expect(audio().inputChoices).to.deep.equal(['mic-headset']);
    expect(fake.device!.connects).to.have.length(1);
    fake.call!.answer('CA1');
    provider.hangup();
    expect(ends()).to.have.length(1);
    expect(audio().unsetInputCalls).to.equal(1);
    expect(audio().inputStream).to.equal(null);
  });

  it('sets the chosen microphone before accepting an incoming call', async () => {
    saveAudioPreference('input', 'mic-builtin');
    const provider = twilio();
    const { sink } = collectEvents();
    provider.listen!(() => sink);
    await until(() => fake.device?.state === 'registered', 'the Device to register');
    const call = fake.device!.ringIn({ CallSid: 'CA2', From: '+33198765432' });
    provider.accept!();
    await until(() => call.acceptCount === 1, 'the call to be accepted');
    expect(audio().inputChoices).to.deep.equal(['mic-builtin']);
  });

  it('ignores a chosen device that is no longer plugged in: the default stays, nothing is reported', async () => {
    saveAudioPreference('speaker', 'out-gone');
    saveAudioPreference('input', 'mic-gone');
    const provider = twilio();
    const { sink } = collectEvents();
    await provider.start({ to: NUMBER }, sink);
    expect(audio().inputChoices).to.deep.equal([]);
    expect(activeIds(audio().speakerDevices)).to.deep.equal(['default']);
    expect(fake.device!.connects).to.have.length(1);
    expect(errors).to.deep.equal([]);
  });

  it('reports a device the SDK refuses as a typed, localised audio-device-failed error, and the call goes on', async () => {
    saveAudioPreference('speaker', 'out-headset');
    fake.outputFailure = new DOMException('setSinkId failed', 'NotAllowedError');
    const provider = twilio();
    const { sink, ends } = collectEvents();
    await provider.start({ to: NUMBER }, sink);
    await until(() => errors.length === 1, 'the error to be reported');
    expect(errors[0]).to.be.instanceOf(CallElementsError);
    expect(errors[0]!.code).to.equal('audio-device-failed');
    expect(errors[0]!.localizedMessage('fr')).to.contain('Le périphérique audio choisi n’a pas pu être utilisé (setSinkId failed)');
    expect(ends()).to.deep.equal([]);
  });

  it('applies a choice at once to the Device it holds: outputs any time, the microphone only during a call', async () => {
    const provider = twilio();
    provider.listen!(() => undefined);
    await until(() => fake.device?.state === 'registered', 'the Device to register');
    await until(() => audio().availableOutputDevices.size > 0, 'the lists');
    expect(provider.audio.helper()).to.equal(fake.device!.audio);

    saveAudioPreference('speaker', 'out-headset');
    expect(await provider.audio.applyNow('speaker')).to.deep.equal([]);
    expect(activeIds(audio().speakerDevices)).to.deep.equal(['out-headset']);
    saveAudioPreference('speaker', undefined);
    await provider.audio.applyNow('speaker');
    expect(activeIds(audio().speakerDevices), 'back to the default').to.deep.equal(['default']);

    saveAudioPreference('input', 'mic-headset');
    await provider.audio.applyNow('input');
    expect(audio().inputChoices, 'no call: the microphone stays closed').to.deep.equal([]);

    const { sink } = collectEvents();
    saveAudioPreference('input', undefined);
    await provider.start({ to: NUMBER }, sink);
    fake.call!.answer('CA3');
    saveAudioPreference('input', 'mic-headset');
    await provider.audio.applyNow('input');
    expect(audio().inputChoices, 'mid-call').to.deep.equal(['mic-headset']);
    provider.hangup();
    expect(audio().unsetInputCalls).to.equal(1);
  });

  it('tells its subscribers when a Device comes and goes', async () => {
    const provider = twilio();
    const seen: unknown[] = [];
    const stop = provider.audio.subscribe(() => seen.push(provider.audio.helper()));
    const stopListening = provider.listen!(() => undefined);
    await until(() => seen.length === 1, 'the Device to come');
    expect(seen[0]).to.equal(fake.device!.audio);
    stopListening();
    await until(() => seen.length === 2, 'the Device to go');
    expect(seen[1]).to.equal(undefined);
    stop();
  });

  it('applyAudioPreferences waits for the first list of a new Device, then skips kinds without a choice', async () => {
    fake.audioDevices = [mediaDevice('audioinput', 'mic-a', 'A'), mediaDevice('audiooutput', 'default', 'Default'), mediaDevice('audiooutput', 'out-b', 'B')];
    const device = new fake.module.Device('token');
    const helper = device.audio!;
    expect(helper.availableOutputDevices.size, 'listed after the constructor').to.equal(0);
    expect(await applyAudioPreferences(helper, ['speaker', 'ringtone'], { speaker: 'out-b' })).to.deep.equal([]);
    expect(activeIds(helper.speakerDevices)).to.deep.equal(['out-b']);
    expect(activeIds(helper.ringtoneDevices)).to.deep.equal(['default']);
    device.destroy();
  });
});
