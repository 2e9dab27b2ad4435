// Chromium only, with its fake media devices (web-test-runner.config.mjs, group chromium-fake-media):
// <call-audio-settings> before any Twilio Device, on the browser's own devices.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/call-audio-settings/define.js';
import type { CallAudioSettings } from '../../src/elements/call-audio-settings/call-audio-settings.js';
import { AUDIO_PREFERENCES_KEY, readAudioPreferences } from '../../src/providers/twilio/audio-preferences.js';
import { until } from '../helpers/manual-provider.js';
import { resetLibrary } from '../helpers/reset.js';

type El = CallAudioSettings;

const root = (el: El) => el.shadowRoot!;
const part = <T extends HTMLElement = HTMLElement>(el: El, name: string) => root(el).querySelector<T>(`[part~='${name}']`);
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const select = (el: El, kind: string) => part<HTMLSelectElement>(el, `${kind}-select`)!;
const liveText = (el: El) => text(root(el).querySelector('[role="status"]'));

describe('<call-audio-settings> on Chromium’s fake media devices', () => {
  beforeEach(async () => {
    await resetLibrary();
    localStorage.removeItem(AUDIO_PREFERENCES_KEY);
  });
  afterEach(async () => {
    localStorage.removeItem(AUDIO_PREFERENCES_KEY);
    await resetLibrary();
  });

  it('lists the browser’s microphones and speakers, names them once the microphone is allowed, and measures the level', async () => {
    const el = await fixture<El>(html`<call-audio-settings></call-audio-settings>`);
    const button = part<HTMLButtonElement>(el, 'level-button')!;
    button.click();
    await until(() => button.getAttribute('aria-pressed') === 'true' && liveText(el) === 'Microphone test on: speak to see the level move.', 'the test to start');
    // The fake microphone beeps: the meter moves.
    await until(() => part<HTMLMeterElement>(el, 'meter')!.value > 0, 'the level to move');
    await until(() => [...select(el, 'input').options].slice(1).some((option) => option.textContent!.includes('Fake')), 'the named microphones');
    expect(part(el, 'note'), 'no unnamed device is left').to.equal(null);
    expect([...select(el, 'speaker').options].length).to.be.greaterThan(1);

    const microphone = [...select(el, 'input').options][1]!;
    select(el, 'input').value = microphone.value;
    select(el, 'input').dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(readAudioPreferences().input).to.equal(microphone.value);
    expect(liveText(el)).to.equal(`Microphone: ${microphone.textContent!.trim()}.`);
    // The test goes on, on the chosen microphone.
    await until(() => button.getAttribute('aria-pressed') === 'true' && part<HTMLMeterElement>(el, 'meter')!.value > 0, 'the level on the chosen microphone');

    button.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-pressed')).to.equal('false');
    expect(part<HTMLMeterElement>(el, 'meter')!.value).to.equal(0);
    await expect(el).shadowDom.to.be.accessible();
  });

  it('plays its own test tone through the chosen speaker (setSinkId), downloading neither the SDK nor a sound', async () => {
    const el = await fixture<El>(html`<call-audio-settings></call-audio-settings>`);
    part<HTMLButtonElement>(el, 'level-button')!.click();
    await until(() => [...select(el, 'speaker').options].length > 1, 'the speakers');
    const speaker = [...select(el, 'speaker').options][1]!;
    select(el, 'speaker').value = speaker.value;
    select(el, 'speaker').dispatchEvent(new Event('change'));
    const before = performance.getEntriesByType('resource').length;
    // Every announcement, since the browser's "devicechange" after the microphone is allowed may follow at any time.
    const said: string[] = [];
    const status = root(el).querySelector('[role="status"]')!;
    new MutationObserver(() => said.push(text(status))).observe(status, { childList: true, subtree: true, characterData: true });
    part<HTMLButtonElement>(el, 'test-button')!.click();
    await until(() => said.includes('Playing a test sound.') || part(el, 'error'), 'the test sound');
    expect(text(part(el, 'error'))).to.equal('');
    expect(part(el, 'error')).to.equal(null);
    const fetched = performance.getEntriesByType('resource').slice(before).map((entry) => entry.name);
    expect(fetched.filter((name) => /twilio|voice-sdk|\.(mp3|wav|ogg)\b/i.test(name))).to.deep.equal([]);
  });
});
