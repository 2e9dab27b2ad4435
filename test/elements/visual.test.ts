/**
 * Visual checks: screenshots of each element (the call button and controls, the toasts, the settings, the history,
 * the audio settings) in its main states, in the light and the dark
 * theme, under forced colours (Chromium only: the one engine whose automation emulates them), and 390 px wide,
 * compared with the baselines in test/screenshots/baseline/<engine>/ (tolerance: scripts/visual-plugins.mjs).
 * Chromium and Firefox; not WebKitGTK (see isWebKitGTK). A changed padding, border or colour fails here. What moves is frozen: the call timer (a fixed clock while the
 * screenshot is taken), the toasts' entrance (awaited), focus rings and carets (nothing has focus), the pointer
 * (reset to the page's corner, outside the elements). New baselines: `--update-visual-baseline` (docs/contributing.md).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, resetMouse, setViewport } from '@web/test-runner-commands';
import { visualDiff } from '@web/test-runner-visual-regression';
import '../../src/elements/aircall-settings/define.js';
import '../../src/elements/call-button/define.js';
import '../../src/elements/call-controls/define.js';
import '../../src/elements/call-history/define.js';
import '../../src/elements/call-audio-settings/define.js';
import type { CallAudioSettings } from '../../src/elements/call-audio-settings/call-audio-settings.js';
import { AUDIO_PREFERENCES_KEY } from '../../src/providers/twilio/audio-preferences.js';
import { createTwilioProvider } from '../../src/providers/twilio/index.js';
import { createFakeTwilio, PREFLIGHT_REPORT, type FakeAudioHelper } from '../helpers/fake-twilio.js';
import '../../src/elements/call-notification/define.js';
import type { AircallSettings } from '../../src/elements/aircall-settings/aircall-settings.js';
import type { CallButton } from '../../src/elements/call-button/call-button.js';
import type { CallControls } from '../../src/elements/call-controls/call-controls.js';
import type { CallHistory } from '../../src/elements/call-history/call-history.js';
import { configure, unregisterProvider } from '../../src/config.js';
import { CallElementsError } from '../../src/internal/errors.js';
import { createMemoryStorage } from '../../src/storage/memory/index.js';
import type { CallStorage } from '../../src/storage/types.js';
import { sampleRecord } from '../helpers/records.js';
import type { CallNotificationElement } from '../../src/elements/call-notification/call-notification.js';
import { $call } from '../../src/store/call.js';
import { pushNotification } from '../../src/store/push-notification.js';
import { useElementPage } from '../helpers/element-page.js';
import { until, type ManualProvider } from '../helpers/manual-provider.js';

type Rendered = HTMLElement & { updateComplete: Promise<boolean>; requestUpdate(): void };

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~='${name}']`);
const isChromium = /Chrome\//.test(navigator.userAgent);
/**
 * WebKitGTK, driven over classic WebDriver, gives no usable screenshots here: its element screenshots come back
 * all black for the call elements, the toasts and even a plain paragraph (under Xvfb, WebKitGTK 2.50), and are cut
 * at the viewport's height, which the test runner cannot change there (no setViewport over WebDriver).
 */
const isWebKitGTK = /AppleWebKit/.test(navigator.userAgent) && !isChromium;

interface Variant {
  name: string;
  theme: 'light' | 'dark';
  forcedColors?: boolean;
  /** Width of the element's container (and of the viewport where the engine lets the test set it). */
  width: number;
}

const VARIANTS: Variant[] = [
  { name: 'light', theme: 'light', width: 640 },
  // Right after the light one: Chromium may keep the dark theme's light-dark() values in the toasts' icons
  // when the theme and the forced colours change at once.
  { name: 'forced-colors', theme: 'light', forcedColors: true, width: 640 },
  { name: 'dark', theme: 'dark', width: 640 },
  { name: '390-light', theme: 'light', width: 390 },
  { name: '390-dark', theme: 'dark', width: 390 },
];

/** The call clock stands still at `answeredAt + 83 s` ("1:23") while `take` runs. */
async function withFrozenClock<T>(at: number, take: () => Promise<T>): Promise<T> {
  const realNow = Date.now;
  Date.now = () => at;
  try {
    return await take();
  } finally {
    Date.now = realNow;
  }
}

/** Waits for what still moves in `el` (the toasts fade in, the settings' switch slides) to end. */
async function stillness(el: Element): Promise<void> {
  await Promise.all(el.shadowRoot!.getAnimations().map((animation) => animation.finished));
}

/** Two frames: what changed is painted before the engine is asked for a screenshot. */
const painted = () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

describe('visual checks: screenshots against the baselines', function () {
  // Dozens of screenshots per engine, each a round trip to the test runner.
  this.timeout(60_000);
  const provider = useElementPage();
  let manual: ManualProvider;
  beforeEach(() => (manual = provider()));

  before(async function () {
    // See isWebKitGTK: black images would compare equal whatever the styles, a test that cannot fail.
    if (isWebKitGTK) this.skip();
    await resetMouse();
  });
  after(async () => {
    if (!isWebKitGTK) await setViewport({ width: 800, height: 600 });
    if (isChromium) await executeServerCommand('emulate-forced-colors', { active: false });
  });

  /** Screenshots `elements` (name → element) in every variant. */
  async function shoot(state: string, container: HTMLElement, elements: Record<string, Rendered>, answeredAt?: number): Promise<void> {
    for (const variant of VARIANTS) {
      // Forced colours: Firefox (WebDriver BiDi) and WebKitGTK (classic WebDriver) cannot emulate them from a test.
      if (variant.forcedColors && !isChromium) continue;
      if (!isWebKitGTK) await setViewport({ width: variant.width, height: 900 });
      container.style.width = `${variant.width}px`;
      if (isChromium) await executeServerCommand('emulate-forced-colors', { active: !!variant.forcedColors });
      for (const el of Object.values(elements)) {
        el.setAttribute('theme', variant.theme);
        await el.updateComplete;
      }
      (document.activeElement as HTMLElement | null)?.blur();
      for (const [name, el] of Object.entries(elements)) {
        await stillness(el);
        await painted();
        // The toasts sit in a fixed stack at the corner of the viewport: the host itself has no box.
        const target = el.localName === 'call-notification' ? part(el, 'base')! : el;
        // An empty box would compare equal to any baseline of an empty box: the shot must show something.
        const box = target.getBoundingClientRect();
        expect(box.width > 0 && box.height > 0, `${name} ${state} ${variant.name} has a box to capture`).to.equal(true);
        const take = () => visualDiff(target, `${name}-${state}-${variant.name}`);
        if (answeredAt === undefined) await take();
        else
          await withFrozenClock(answeredAt + 83_000, async () => {
            el.requestUpdate();
            await el.updateComplete;
            await take();
          });
      }
    }
  }

  it('<call-button>: idle, connected (with <call-controls>), failed', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <call-button provider="manual" number="+33123456789" display-name="Jean Dupont"></call-button>
      <call-controls></call-controls>
    </div>`);
    const el = wrapper.querySelector<CallButton>('call-button')!;
    const controls = wrapper.querySelector<CallControls>('call-controls')!;
    await shoot('idle', wrapper, { 'call-button': el });

    el.call();
    await until(() => manual.requests.length === 1, 'dialled');
    manual.emit({ type: 'ringing', callSid: 'CA-visual' });
    manual.emit({ type: 'connected' });
    await until(() => part(el, 'mute-button'), 'connected');
    await controls.updateComplete;
    const answeredAt = $call.get()!.answeredAt!;
    await shoot('connected', wrapper, { 'call-button': el, 'call-controls': controls }, answeredAt);

    el.hangup();
    await until(() => el.state === 'ended', 'ended');
    el.call();
    await until(() => manual.requests.length === 2, 'dialled again');
    manual.emit({ type: 'failed', error: { code: 'provider-failed', message: 'socket closed' } });
    await until(() => part(el, 'failure'), 'failed');
    await shoot('failed', wrapper, { 'call-button': el });
  });

  it('<call-button accept-incoming>: a call coming in', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div><call-button provider="manual" accept-incoming></call-button></div>`);
    const el = wrapper.querySelector<CallButton>('call-button')!;
    await until(() => manual.listeners === 1, 'listening');
    manual.ring({ callSid: 'CA-visual-in', from: '+14155550100' });
    await until(() => el.state === 'incoming', 'incoming');
    await shoot('incoming', wrapper, { 'call-button': el });
  });

  it('<call-notification>: a toast of each kind (info, success, warning, error with Retry)', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div><call-notification duration="0"></call-notification></div>`);
    const el = wrapper.querySelector<CallNotificationElement>('call-notification')!;
    pushNotification({ kind: 'info', messageKey: 'notify.saving' });
    pushNotification({ kind: 'success', messageKey: 'notify.saved' });
    pushNotification({ kind: 'warning', messageKey: 'notify.retrying', code: 'storage-failed' });
    pushNotification({ kind: 'error', messageKey: 'notify.dead', params: { detail: 'HTTP 500' }, code: 'storage-failed', action: { labelKey: 'notify.retry', run: () => {} } });
    await until(() => el.shadowRoot!.querySelectorAll("[part~='toast']").length === 4, 'four toasts');
    await shoot('toasts', wrapper, { 'call-notification': el });
  });

  it('<aircall-settings>: the form and the read-only view', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <aircall-settings organization-id="org-1" country-code="GA" roles="ADMIN" lang="en"></aircall-settings>
    </div>`);
    const el = wrapper.querySelector<AircallSettings>('aircall-settings')!;
    await until(() => el.shadowRoot!.querySelector('form'), 'the form');
    await shoot('form', wrapper, { 'aircall-settings': el });
    el.roles = 'AGENT';
    await until(() => part(el, 'read-only'), 'read-only');
    await shoot('read-only', wrapper, { 'aircall-settings': el });
  });

  it('<call-history>: calls with their timeline, no calls, a read error', async () => {
    // Fixed dates (shown in the browser's time zone: UTC on this project's machines) and a storage that can fail.
    const at = (minute: number, second = 0) => new Date(Date.UTC(2026, 0, 2, 9, minute, second)).toISOString();
    const memory = createMemoryStorage();
    let failing = false;
    const storage: CallStorage = {
      ...memory,
      async listCalls(query) {
        if (failing) throw new CallElementsError('storage-failed', { params: { detail: 'HTTP 503' } });
        return memory.listCalls(query);
      },
    };
    configure({ storage });
    await memory.saveCall(
      sampleRecord({
        startedAt: at(0),
        answeredAt: at(0, 5),
        endedAt: at(1, 10),
        durationSec: 65,
        recordingUrl: 'https://recordings.example/first.mp3',
        notes: 'Call back on Monday at 10',
      }),
    );
    const second = sampleRecord({ startedAt: at(30), answeredAt: at(30, 4), endedAt: at(33, 4), durationSec: 180, status: 'completed' });
    await memory.saveCall(second);
    await memory.logAction({ id: 'act-visual-1', type: 'note', leadId: 'lead-42', callId: second.id, at: at(31), notes: 'Documents received' });
    await memory.logAction({ id: 'act-visual-2', type: 'note', leadId: 'lead-42', at: at(40), notes: 'Sent the quote by email' });

    const shown = async (el: CallHistory) => {
      await until(() => !el.shadowRoot?.querySelector('[aria-busy="true"]') && part(el, 'base'), 'the history to load');
      await el.updateComplete;
    };
    const wrapper = await fixture<HTMLDivElement>(html`<div><call-history lead-id="lead-42" lang="en"></call-history></div>`);
    const list = wrapper.querySelector<CallHistory>('call-history')!;
    await shown(list);
    expect(list.shadowRoot!.querySelectorAll("[part~='call']").length, 'two calls').to.equal(2);
    await shoot('calls', wrapper, { 'call-history': list });

    list.setAttribute('lead-id', 'lead-without-calls');
    await until(() => list.shadowRoot!.querySelectorAll("[part~='call']").length === 0 && part(list, 'status'), 'no calls');
    await shown(list);
    await shoot('empty', wrapper, { 'call-history': list });

    failing = true;
    list.setAttribute('lead-id', 'lead-42');
    await until(() => part(list, 'error'), 'the read error');
    await shoot('error', wrapper, { 'call-history': list });
  });

  it('<call-audio-settings>: the Device’s devices, then a call check’s report', async () => {
    // The fake Twilio SDK's Device (test/helpers/fake-twilio.ts): its device lists and labels are the same on every machine.
    localStorage.removeItem(AUDIO_PREFERENCES_KEY);
    const fake = createFakeTwilio();
    const twilio = createTwilioProvider({ getToken: () => 'token', sdk: () => fake.load(), onError: () => undefined, incoming: true });
    configure({ providers: { twilio } });
    try {
      twilio.listen!(() => undefined);
      await until(() => fake.device?.state === 'registered', 'the Device to register');
      await until(() => (fake.device!.audio as FakeAudioHelper).availableInputDevices.size > 0, 'its lists');
      const wrapper = await fixture<HTMLDivElement>(html`<div><call-audio-settings lang="en"></call-audio-settings></div>`);
      const el = wrapper.querySelector<CallAudioSettings>('call-audio-settings')!;
      await until(() => (el.shadowRoot!.querySelector<HTMLSelectElement>("[part~='input-select']")?.options.length ?? 0) > 1, 'the device lists');
      await shoot('devices', wrapper, { 'call-audio-settings': el });

      part(el, 'check-button')!.click();
      const test = await until(() => fake.preflights[0], 'the preflight test');
      test.connect();
      test.complete({ ...PREFLIGHT_REPORT, isTurnRequired: true });
      await until(() => part(el, 'check-report'), 'the report');
      await el.updateComplete;
      await shoot('report', wrapper, { 'call-audio-settings': el });
    } finally {
      unregisterProvider('twilio');
      localStorage.removeItem(AUDIO_PREFERENCES_KEY);
    }
  });
});
