import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { configure, unregisterProvider } from '../../src/config.js';
import '../../src/elements/call-audio-settings/define.js';
import type { CallAudioSettings } from '../../src/elements/call-audio-settings/call-audio-settings.js';
import type { CallErrorDetail } from '../../src/events/events.js';
import { AUDIO_PREFERENCES_KEY, readAudioPreferences, saveAudioPreference } from '../../src/providers/twilio/audio-preferences.js';
import { createTwilioProvider, type TwilioCallProvider } from '../../src/providers/twilio/index.js';
import { collectEvents, createFakeTwilio, mediaDevice, PREFLIGHT_REPORT, type FakeAudioHelper, type FakeTwilio } from '../helpers/fake-twilio.js';
import { until } from '../helpers/manual-provider.js';
import { resetLibrary } from '../helpers/reset.js';

type El = CallAudioSettings;

const root = (el: El) => el.shadowRoot!;
const part = <T extends HTMLElement = HTMLElement>(el: El, name: string) => root(el).querySelector<T>(`[part~='${name}']`);
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const options = (el: El, kind: string) => [...(part<HTMLSelectElement>(el, `${kind}-select`)?.options ?? [])].map((option) => text(option));
const liveText = (el: El) => text(root(el).querySelector('[role="status"]'));
const labelOf = (el: El, kind: string) => text(root(el).querySelector(`label[for="${kind}-select"]`));

async function choose(el: El, kind: string, value: string): Promise<void> {
  const select = part<HTMLSelectElement>(el, `${kind}-select`)!;
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

describe('<call-audio-settings>', () => {
  let fake: FakeTwilio;
  let provider: TwilioCallProvider;

  beforeEach(async () => {
    await resetLibrary();
    localStorage.removeItem(AUDIO_PREFERENCES_KEY);
    fake = createFakeTwilio();
    provider = createTwilioProvider({ getToken: () => 'token', sdk: () => fake.load(), onError: () => undefined, incoming: true });
    configure({ providers: { twilio: provider } });
  });
  afterEach(async () => {
    unregisterProvider('twilio');
    localStorage.removeItem(AUDIO_PREFERENCES_KEY);
    await resetLibrary();
  });

  /** The provider holds a Device (as while the page listens for calls), its lists filled. */
  async function holdDevice(): Promise<FakeAudioHelper> {
    provider.listen!(() => undefined);
    await until(() => fake.device?.state === 'registered', 'the Device to register');
    const helper = fake.device!.audio as FakeAudioHelper;
    await until(() => helper.availableInputDevices.size > 0, 'the lists');
    return helper;
  }

  async function settings(lang = 'en'): Promise<El> {
    const el = await fixture<El>(html`<call-audio-settings lang=${lang}></call-audio-settings>`);
    await el.updateComplete;
    return el;
  }

  async function withDevices(el: El): Promise<void> {
    await until(() => options(el, 'input').length > 1, 'the device lists');
  }

  it('before any Device: lists the browser’s devices, downloads neither the SDK nor a token, and names its meter', async () => {
    const el = await settings();
    expect(text(part(el, 'heading'))).to.equal('Audio devices');
    expect(part(el, 'heading')!.getAttribute('aria-level')).to.equal('2');
    expect(labelOf(el, 'input')).to.equal('Microphone');
    expect(options(el, 'input')[0]).to.equal('System default');
    const meter = part<HTMLMeterElement>(el, 'meter')!;
    expect(meter.localName).to.equal('meter');
    expect(text(root(el).getElementById(meter.getAttribute('aria-labelledby')!))).to.equal('Microphone level');
    expect(meter.value).to.equal(0);
    // Output selection is offered exactly where the browser has setSinkId.
    const canRoute = 'setSinkId' in HTMLMediaElement.prototype;
    expect(!!part(el, 'speaker-select')).to.equal(canRoute);
    expect(!!part(el, 'ringtone-select')).to.equal(canRoute);
    expect(fake.loads).to.equal(0);
    expect(fake.devices).to.have.length(0);
    await expect(el).shadowDom.to.be.accessible();
  });

  it('lists the Device’s microphones, speakers and ringtone outputs from device.audio', async () => {
    await holdDevice();
    const el = await settings();
    await withDevices(el);
    expect(options(el, 'input')).to.deep.equal(['System default', 'Built-in Microphone', 'Headset Microphone']);
    expect(options(el, 'speaker')).to.deep.equal(['System default', 'Built-in Speakers', 'Headset Earphones']);
    expect(options(el, 'ringtone')).to.deep.equal(['System default', 'Built-in Speakers', 'Headset Earphones']);
    expect(labelOf(el, 'speaker')).to.equal('Speaker');
    expect(labelOf(el, 'ringtone')).to.equal('Ringtone');
    expect(text(root(el).getElementById(part(el, 'ringtone-select')!.getAttribute('aria-describedby')!))).to.equal('Where incoming calls ring.');
    await expect(el).shadowDom.to.be.accessible();
  });

  it('follows a Device created after it, and goes back to the browser’s devices when it is destroyed', async () => {
    const el = await settings();
    const stop = provider.listen!(() => undefined);
    await until(() => options(el, 'input').includes('Headset Microphone'), 'the Device’s lists');
    stop();
    await until(() => !options(el, 'input').includes('Headset Microphone'), 'the browser’s lists again');
  });

  it('keeps a choice in localStorage, applies it to the Device at once, and shows it after a reload of the element', async () => {
    const helper = await holdDevice();
    const el = await settings();
    await withDevices(el);
    await choose(el, 'speaker', 'out-headset');
    await until(() => [...helper.speakerDevices.get()][0]?.deviceId === 'out-headset', 'the speaker to be applied');
    await choose(el, 'ringtone', 'out-builtin');
    await until(() => [...helper.ringtoneDevices.get()][0]?.deviceId === 'out-builtin', 'the ringtone to be applied');
    await choose(el, 'input', 'mic-headset');
    expect(readAudioPreferences()).to.deep.equal({ speaker: 'out-headset', ringtone: 'out-builtin', input: 'mic-headset' });
    expect(helper.inputChoices, 'no call: the microphone is applied when one starts').to.deep.equal([]);
    expect(liveText(el)).to.equal('Microphone: Headset Microphone.');

    el.remove();
    const again = await settings();
    await withDevices(again);
    expect(part<HTMLSelectElement>(again, 'speaker-select')!.value).to.equal('out-headset');
    expect(part<HTMLSelectElement>(again, 'ringtone-select')!.value).to.equal('out-builtin');
    expect(part<HTMLSelectElement>(again, 'input-select')!.value).to.equal('mic-headset');

    await choose(again, 'speaker', '');
    expect(readAudioPreferences().speaker).to.equal(undefined);
    await until(() => [...helper.speakerDevices.get()][0]?.deviceId === 'default', 'back to the default speaker');
  });

  it('mid-call: a new microphone switches the call at once, plugged and unplugged devices update the lists', async () => {
    const helper = await holdDevice();
    const el = await settings();
    await withDevices(el);
    const { sink } = collectEvents();
    await provider.start({ to: '+33123456789' }, sink);
    fake.call!.answer('CA1');

    await choose(el, 'input', 'mic-headset');
    await until(() => helper.inputChoices.includes('mic-headset'), 'the microphone to switch mid-call');

    helper.plug(mediaDevice('audioinput', 'mic-usb', 'USB Microphone'));
    await until(() => options(el, 'input').includes('USB Microphone'), 'the new microphone to be listed');
    expect(liveText(el)).to.equal('The audio devices changed.');

    await choose(el, 'speaker', 'out-headset');
    helper.unplug('out-headset', 'audiooutput');
    await until(() => !options(el, 'speaker').includes('Headset Earphones'), 'the unplugged speaker to go');
    expect(part<HTMLSelectElement>(el, 'speaker-select')!.value, 'the default is what plays meanwhile').to.equal('');
    expect(liveText(el)).to.equal('The chosen speaker was unplugged: the system’s default is used until it is back.');
    expect(readAudioPreferences().speaker, 'kept for when it is back').to.equal('out-headset');

    helper.plug(mediaDevice('audiooutput', 'out-headset', 'Headset Earphones'));
    await until(() => part<HTMLSelectElement>(el, 'speaker-select')!.value === 'out-headset', 'the speaker to come back');
    provider.hangup();
  });

  it('says in French which chosen device was unplugged (a ringtone output is a speaker)', async () => {
    const helper = await holdDevice();
    const el = await settings('fr');
    await withDevices(el);
    await choose(el, 'ringtone', 'out-headset');
    helper.unplug('out-headset', 'audiooutput');
    await until(() => liveText(el) === 'Le haut-parleur choisi a été débranché : celui par défaut du système est utilisé jusqu’à son retour.', 'the French announcement');
    helper.unplug('mic-headset', 'audioinput');
    await until(() => liveText(el) === 'Les périphériques audio ont changé.', 'an unchosen device going');
  });

  it('shows the call’s microphone level (inputVolume) in the meter during a call, and stops on demand', async () => {
    saveAudioPreference('input', 'mic-headset');
    const helper = await holdDevice();
    const el = await settings();
    await withDevices(el);
    const { sink } = collectEvents();
    await provider.start({ to: '+33123456789' }, sink);
    expect(helper.inputStream).to.not.equal(null);

    const button = part<HTMLButtonElement>(el, 'level-button')!;
    expect(text(button)).to.equal('Test the microphone');
    button.click();
    await until(() => button.getAttribute('aria-pressed') === 'true', 'the test to start');
    await until(() => helper.listenerCount('inputVolume') === 1, 'the meter to follow inputVolume');
    helper.volume(0.6);
    await el.updateComplete;
    expect(part<HTMLMeterElement>(el, 'meter')!.value).to.be.closeTo(0.6, 0.001);
    expect(text(button)).to.equal('Stop the microphone test');
    expect(liveText(el)).to.equal('Microphone test on: speak to see the level move.');

    button.click();
    await el.updateComplete;
    expect(helper.listenerCount('inputVolume')).to.equal(0);
    expect(part<HTMLMeterElement>(el, 'meter')!.value).to.equal(0);
    provider.hangup();
  });

  it('plays the test sound through speakerDevices.test(), from the keyboard too', async () => {
    const helper = await holdDevice();
    const el = await settings();
    await withDevices(el);
    // Tab order: the three lists, then the two buttons.
    const order: string[] = [];
    part<HTMLSelectElement>(el, 'input-select')!.focus();
    for (let i = 0; i < 5; i += 1) {
      order.push(root(el).activeElement?.getAttribute('part') ?? '');
      if (i < 4) await sendKeys({ press: 'Tab' });
    }
    expect(order).to.deep.equal(['select input-select', 'select speaker-select', 'select ringtone-select', 'button level-button', 'button test-button']);
    await sendKeys({ press: 'Enter' });
    await until(() => helper.speakerDevices.tests.length === 1, 'the test sound to play');
    await until(() => liveText(el) === 'Playing a test sound.', 'the announcement');
  });

  it('without output selection: no speaker or ringtone list, a note says the system’s speaker is used', async () => {
    fake.outputSelection = false;
    await holdDevice();
    const el = await settings();
    await withDevices(el);
    expect(part(el, 'speaker-select')).to.equal(null);
    expect(part(el, 'ringtone-select')).to.equal(null);
    expect(text(part(el, 'note'))).to.equal('This browser plays calls through the system’s default speaker: change it in the system’s sound settings.');
    await expect(el).shadowDom.to.be.accessible();
  });

  it('shows a refused device as a typed, localised error (alert, call-error), in French with lang="fr"', async () => {
    fake.outputFailure = new DOMException('setSinkId failed', 'NotAllowedError');
    await holdDevice();
    const el = await settings('fr');
    await withDevices(el);
    expect(text(part(el, 'heading'))).to.equal('Périphériques audio');
    expect(labelOf(el, 'input')).to.equal('Micro');
    expect(labelOf(el, 'speaker')).to.equal('Haut-parleur');
    expect(options(el, 'input')[0]).to.equal('Par défaut du système');
    expect(text(part(el, 'level-button'))).to.equal('Tester le micro');
    expect(text(part(el, 'test-button'))).to.equal('Jouer un son de test');
    const errors: CallErrorDetail[] = [];
    el.addEventListener('call-error', (event) => errors.push((event as CustomEvent<CallErrorDetail>).detail));
    await choose(el, 'speaker', 'out-headset');
    await until(() => part(el, 'error'), 'the error');
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    expect(text(part(el, 'error'))).to.equal(
      'Un problème est survenu avec les périphériques audio. Le périphérique audio choisi n’a pas pu être utilisé (setSinkId failed). Le périphérique par défaut du système est utilisé à la place.',
    );
    expect(errors.map((error) => error.code)).to.deep.equal(['audio-device-failed']);
    expect(liveText(el)).to.equal('Haut-parleur : Headset Earphones.');
    await expect(el).shadowDom.to.be.accessible();
  });
});

describe('<call-audio-settings>: the call check', () => {
  let fake: FakeTwilio;

  beforeEach(async () => {
    await resetLibrary();
    fake = createFakeTwilio();
    configure({ providers: { twilio: createTwilioProvider({ getToken: () => 'token', sdk: () => fake.load(), onError: () => undefined }) } });
  });
  afterEach(async () => {
    unregisterProvider('twilio');
    await resetLibrary();
  });

  const report = (el: El) =>
    [...(part(el, 'check-report')?.querySelectorAll('dt') ?? [])].map((dt) => `${text(dt)} = ${text(dt.nextElementSibling)}`);

  it('runs from its button, shows its progress, then the report in words; runCallCheck() resolves with the data', async () => {
    const el = await fixture<El>(html`<call-audio-settings lang="en"></call-audio-settings>`);
    const button = part<HTMLButtonElement>(el, 'check-button')!;
    expect(text(button)).to.equal('Check my connection');
    expect(text(root(el).getElementById(button.getAttribute('aria-describedby')!))).to.equal('Places a short test call to measure your connection and microphone.');
    expect(fake.loads, 'nothing downloaded before the check').to.equal(0);
    button.click();
    const test = await until(() => fake.preflights[0], 'the preflight test');
    await el.updateComplete;
    expect(button.disabled).to.equal(true);
    expect(part(el, 'check')!.getAttribute('aria-busy')).to.equal('true');
    expect(text(part(el, 'check-status'))).to.equal('Checking: connecting to the calling service…');
    test.connect();
    await until(() => text(part(el, 'check-status')) === 'Checking: test call connected, measuring…', 'the connected state');
    test.complete({ ...PREFLIGHT_REPORT, isTurnRequired: true });
    await until(() => part(el, 'check-report'), 'the report');
    expect(text(part(el, 'check-status'))).to.equal('Call check finished: call quality great.');
    expect(report(el)).to.deep.equal([
      'Network = Connected to dublin in 180 ms.',
      'Media = Call quality great. Round trip 42 ms, jitter 3 ms.',
      'TURN relay = Needed: a firewall blocks direct media, so calls go through a relay (slightly more delay).',
      'Warnings = high-rtt: Round trip time is high',
    ]);
    expect(button.disabled).to.equal(false);
    await expect(el).shadowDom.to.be.accessible();

    const again = el.runCallCheck();
    (await until(() => fake.preflights[1], 'the second test')).complete({ ...PREFLIGHT_REPORT, warnings: [] });
    const data = await again;
    expect(data?.quality).to.equal('great');
    await el.updateComplete;
    expect(report(el)).to.include('TURN relay = Not needed: media flows directly.');
    expect(report(el)).to.include('Warnings = None.');
  });

  it('shows a failed check as a typed, localised alert and a call-error, in French', async () => {
    const el = await fixture<El>(html`<call-audio-settings lang="fr"></call-audio-settings>`);
    const errors: CallErrorDetail[] = [];
    el.addEventListener('call-error', (event) => errors.push((event as CustomEvent<CallErrorDetail>).detail));
    expect(text(part(el, 'check-button'))).to.equal('Tester ma connexion');
    const checking = el.runCallCheck();
    (await until(() => fake.preflights[0], 'the test')).fail(new DOMException('Permission denied', 'NotAllowedError'));
    expect(await checking).to.equal(undefined);
    await el.updateComplete;
    expect(part(el, 'check-error')!.getAttribute('role')).to.equal('alert');
    expect(text(part(el, 'check-error'))).to.equal(
      'Le test d’appel a échoué. Le micro est bloqué. Autorisez l’accès au micro pour ce site (l’icône dans la barre d’adresse), puis réessayez.',
    );
    expect(errors.map((error) => error.code)).to.deep.equal(['microphone-denied']);
    await expect(el).shadowDom.to.be.accessible();
  });

  it('says when no token comes (no check is run), and the report in French', async () => {
    unregisterProvider('twilio');
    configure({ providers: { twilio: createTwilioProvider({ getToken: () => '', sdk: () => fake.load(), onError: () => undefined }) } });
    const el = await fixture<El>(html`<call-audio-settings lang="fr"></call-audio-settings>`);
    await el.runCallCheck();
    await el.updateComplete;
    expect(text(part(el, 'check-error'))).to.contain('Impossible d’obtenir un jeton d’appel auprès du serveur');
    expect(fake.preflights).to.have.length(0);

    unregisterProvider('twilio');
    configure({ providers: { twilio: createTwilioProvider({ getToken: () => 'token', sdk: () => fake.load(), onError: () => undefined }) } });
    const checking = el.runCallCheck();
    (await until(() => fake.preflights[0], 'the test')).complete(PREFLIGHT_REPORT);
    await checking;
    await el.updateComplete;
    expect(text(part(el, 'check-status'))).to.equal('Test d’appel terminé : qualité d’appel très bonne.');
    expect(report(el)).to.deep.equal([
      'Réseau = Connecté à dublin en 180 ms.',
      'Média = Qualité d’appel très bonne. Aller-retour 42 ms, gigue 3 ms.',
      'Relais TURN = Inutile : le média passe en direct.',
      'Avertissements = high-rtt: Round trip time is high',
    ]);
  });
});
