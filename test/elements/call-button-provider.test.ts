import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { atom } from 'nanostores';
import { configure } from '../../src/config.js';
import '../../src/elements/call-button/define.js';
import type { CallButton } from '../../src/elements/call-button/call-button.js';
import type { CallErrorDetail, CallStartDetail } from '../../src/events/events.js';
import { CallElementsError } from '../../src/internal/errors.js';
import { pageRuntime } from '../../src/calls/page-runtime.js';
import { unregisterProvider } from '../../src/config.js';
import { getProvider } from '../../src/calls/engine-api.js';
import type { ProviderAvailability, ReceptionState } from '../../src/providers/types.js';
import type { CallRecord } from '../../src/schema/call-record.js';
import { createMemoryStorage, type MemoryStorage } from '../../src/storage/memory/index.js';
import { $stats, resetStats } from '../../src/store/stats.js';
import { createManualProvider, type ManualProvider, until, wait } from '../helpers/manual-provider.js';
import { isolatedOutbox, resetLibrary } from '../helpers/reset.js';

const part = (el: CallButton, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~='${name}']`);
const parts = (el: CallButton, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~='${name}']`)];
const alertText = (el: CallButton) => el.shadowRoot!.querySelector('[role="alert"]')!.textContent!.trim();
const statusText = (el: CallButton) => el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();

function collect<T>(el: EventTarget, type: string): T[] {
  const seen: T[] = [];
  el.addEventListener(type, (event) => seen.push((event as CustomEvent<T>).detail));
  return seen;
}

describe('<call-button> with a provider that receives calls', () => {
  let provider: ManualProvider;
  let storage: MemoryStorage;

  beforeEach(async () => {
    await resetLibrary();
    storage = createMemoryStorage();
    configure({ storage, outbox: isolatedOutbox() });
    provider = createManualProvider('manual', ['outbound', 'inbound', 'mute', 'dtmf']);
    configure({ providers: { manual: provider } });
  });
  afterEach(async () => {
    document.querySelectorAll('call-button').forEach((el) => el.hangup());
    await resetLibrary();
  });

  it('listens only with accept-incoming, and stops when the element leaves the page', async () => {
    const plain = await fixture<CallButton>(html`<call-button provider="manual" number="+33123456789"></call-button>`);
    expect(provider.listeners).to.equal(0);
    const taker = await fixture<CallButton>(html`<call-button provider="manual" accept-incoming></call-button>`);
    expect(provider.listeners).to.equal(1);
    taker.remove();
    expect(provider.listeners).to.equal(0);
    plain.acceptIncoming = true;
    await plain.updateComplete;
    expect(provider.listeners).to.equal(1);
  });

  it('rings with an alert for screen readers, answers on click, and stores one inbound record with the real call id', async () => {
    const el = await fixture<CallButton>(html`<call-button provider="manual" accept-incoming agent-id="agent-7" user-id="user-3"></call-button>`);
    const starts = collect<CallStartDetail>(el, 'call-start');
    const ends = collect<CallRecord>(el, 'call-end');
    const stored = collect<{ id: string }>(el, 'call-stored');

    expect(provider.ring({ callSid: 'CA-in-1', from: '+14155550100', to: '+33123456789' })).to.equal(true);
    await el.updateComplete;
    expect(el.state).to.equal('incoming');
    expect(alertText(el)).to.equal('Incoming call from +14155550100.');
    expect(part(el, 'number')!.textContent).to.equal('+14155550100');
    expect(part(el, 'answer-button')!.getAttribute('aria-label')).to.equal('Answer the call from +14155550100');
    expect(part(el, 'call-button') === null).to.equal(true);
    expect(starts).to.deep.equal([{ provider: 'manual', direction: 'inbound', to: '+33123456789', from: '+14155550100', agentId: 'agent-7' }]);
    await expect(el).shadowDom.to.be.accessible();

    part(el, 'answer-button')!.click();
    await el.updateComplete;
    expect(provider.accepts).to.equal(1);
    expect(el.state).to.equal('connected');
    expect(alertText(el)).to.equal('');

    part(el, 'hangup-button')!.click();
    await until(() => stored.length === 1, 'call-stored');
    expect(ends).to.have.length(1);
    const [record] = await storage.listCalls();
    expect(record).to.include({
      id: 'manual:CA-in-1',
      callSid: 'CA-in-1',
      direction: 'inbound',
      status: 'completed',
      from: '+14155550100',
      to: '+33123456789',
      agentId: 'agent-7',
      userId: 'user-3',
      endedBy: 'agent',
    });
  });

  it('moves focus from Answer to Hang up when the person answers with the keyboard', async () => {
    const el = await fixture<CallButton>(html`<call-button provider="manual" accept-incoming></call-button>`);
    provider.ring({ callSid: 'CA-in-kb', from: '+14155550100' });
    await el.updateComplete;
    part(el, 'answer-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('hangup-button');
  });

  it('a receive-only button keeps focus after the person hangs up or declines with the keyboard (on its status, not <body>)', async () => {
    const el = await fixture<CallButton>(html`<call-button provider="manual" accept-incoming></call-button>`);
    provider.ring({ callSid: 'CA-ro-focus-1', from: '+14155550100' });
    await el.updateComplete;
    part(el, 'answer-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => el.shadowRoot!.activeElement?.getAttribute('part') === 'hangup-button', 'Hang up focused');
    await sendKeys({ press: 'Enter' });
    await until(() => el.state === 'ended', 'ended');
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.getAttribute('part'), 'after hanging up').to.equal('status');
    expect(document.activeElement).to.equal(el);

    provider.ring({ callSid: 'CA-ro-focus-2', from: '+14155550100' });
    await until(() => part(el, 'decline-button') !== null, 'ringing again');
    part(el, 'decline-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => el.state === 'ended', 'declined');
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.getAttribute('part'), 'after declining').to.equal('status');
  });

  it('without a number only receives: no call button, no complaint, "Waiting for calls"', async () => {
    const el = await fixture<CallButton>(html`<call-button provider="manual" accept-incoming></call-button>`);
    const ends = collect<CallRecord>(el, 'call-end');
    expect(part(el, 'call-button') === null).to.equal(true);
    expect(part(el, 'reason') === null).to.equal(true);
    expect(part(el, 'status')!.textContent).to.equal('Waiting for calls');
    await expect(el).shadowDom.to.be.accessible();
    provider.ring({ callSid: 'CA-ro', from: '+14155550100' });
    await el.updateComplete;
    el.answer();
    el.hangup();
    await until(() => ends.length === 1, 'call-end');
    el.lang = 'fr';
    await until(() => part(el, 'status')!.textContent === 'Appel terminé', 'the end in French');
  });

  it('a receive-only button says whether calls reach it: connecting, waiting, or reconnecting (en, fr), axe-clean', async () => {
    const reception = atom<ReceptionState>('connecting');
    Object.assign(provider, { reception });
    const el = await fixture<CallButton>(html`<call-button provider="manual" accept-incoming></call-button>`);
    await until(() => part(el, 'status')!.textContent === 'Connecting to receive calls…', 'connecting');
    reception.set('ready');
    await until(() => part(el, 'status')!.textContent === 'Waiting for calls', 'waiting');
    reception.set('offline');
    await until(() => part(el, 'status')!.textContent === 'Not receiving calls: reconnecting…', 'offline');
    await expect(el).shadowDom.to.be.accessible();
    el.lang = 'fr';
    await until(() => part(el, 'status')!.textContent === 'Appels entrants interrompus : reconnexion…', 'offline in French');
    reception.set('ready');
    await until(() => part(el, 'status')!.textContent === 'En attente d’appels', 'waiting in French');
    // Taken off the page, it stops following the provider.
    el.remove();
    expect(reception.lc).to.equal(0);
  });

  it('availability-toggle: "Available" (pressed) stops and starts listening; away, calls are not taken (en, fr), axe-clean', async () => {
    const el = await fixture<CallButton>(html`<call-button provider="manual" accept-incoming availability-toggle></call-button>`);
    const toggle = () => part(el, 'availability-button') as HTMLButtonElement;
    expect(provider.listeners).to.equal(1);
    expect(toggle().textContent!.trim()).to.equal('Available');
    expect(toggle().getAttribute('aria-pressed')).to.equal('true');
    toggle().focus();
    // Enter: the key every engine's driver sends the same way (Firefox's BiDi has no "Space" key name).
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.away).to.equal(true);
    expect(el.hasAttribute('away')).to.equal(true);
    expect(provider.listeners).to.equal(0);
    expect(toggle().getAttribute('aria-pressed')).to.equal('false');
    expect(part(el, 'status')!.textContent).to.equal('Away: not taking calls');
    expect(el.shadowRoot!.activeElement).to.equal(toggle());
    await expect(el).shadowDom.to.be.accessible();
    expect(provider.ring({ callSid: 'CA-away', from: '+14155550100' })).to.equal(false);
    el.lang = 'fr';
    await until(() => part(el, 'status')!.textContent === 'Absent : vous ne recevez pas d’appels', 'away in French');
    expect(toggle().textContent!.trim()).to.equal('Disponible');
    toggle().click();
    await el.updateComplete;
    expect(provider.listeners).to.equal(1);
    expect(part(el, 'status')!.textContent).to.equal('En attente d’appels');
    // Set by the host: the attribute alone.
    const away = await fixture<CallButton>(html`<call-button provider="manual" accept-incoming away></call-button>`);
    expect(provider.listeners).to.equal(1);
    expect(part(away, 'availability-button')).to.equal(null);
    expect(part(away, 'status')!.textContent).to.equal('Away: not taking calls');
  });

  describe('when the browser keeps the page silent (autoplay policy)', () => {
    // The browser's answer, as navigator.getAutoplayPolicy gives it (Firefox has it; elsewhere the test adds it).
    let policy: 'allowed' | 'disallowed' = 'disallowed';
    const own = Object.getOwnPropertyDescriptor(navigator, 'getAutoplayPolicy');
    beforeEach(() => {
      policy = 'disallowed';
      Object.defineProperty(navigator, 'getAutoplayPolicy', { configurable: true, value: () => policy });
    });
    afterEach(() => {
      if (own) Object.defineProperty(navigator, 'getAutoplayPolicy', own);
      else delete (navigator as { getAutoplayPolicy?: unknown }).getAutoplayPolicy;
    });

    it('"Enable sound" is offered on a button that takes calls, says why, and goes once sound is allowed (en, fr), axe-clean', async () => {
      const plain = await fixture<CallButton>(html`<call-button provider="manual" number="+33123456789"></call-button>`);
      expect(part(plain, 'sound-button')).to.equal(null);
      const withoutConsent = await fixture<CallButton>(html`<call-button provider="manual" accept-incoming></call-button>`);
      expect(part(withoutConsent, 'sound-button')).to.equal(null);
      withoutConsent.remove();
      const el = await fixture<CallButton>(html`<call-button provider="manual" accept-incoming notify-incoming></call-button>`);
      const button = part(el, 'sound-button')!;
      expect(button.textContent).to.equal('Enable sound');
      expect(el.shadowRoot!.getElementById(button.getAttribute('aria-describedby')!)!.textContent).to.contain('incoming calls would not ring aloud');
      await expect(el).shadowDom.to.be.accessible();
      el.lang = 'fr';
      await until(() => part(el, 'sound-button')?.textContent === 'Activer le son', 'French');
      // The click is the gesture the browser waits for.
      policy = 'allowed';
      button.click();
      await until(() => part(el, 'sound-button') === null, 'the button gone');
      expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.contain('status');
    });

    it('any click on the page that unlocks sound removes it too; away, it is not offered; configure({ notifyIncoming }) is consent too', async () => {
      configure({ notifyIncoming: true });
      const el = await fixture<CallButton>(html`<call-button provider="manual" accept-incoming></call-button>`);
      expect(part(el, 'sound-button')).to.not.equal(null);
      policy = 'allowed';
      document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
      await until(() => part(el, 'sound-button') === null, 'gone after a click elsewhere');
      policy = 'disallowed';
      const away = await fixture<CallButton>(html`<call-button provider="manual" accept-incoming notify-incoming away></call-button>`);
      expect(part(away, 'sound-button')).to.equal(null);
    });
  });

  it('records a declined call as rejected and a call the caller abandoned as missed', async () => {
    const el = await fixture<CallButton>(html`<call-button provider="manual" accept-incoming></call-button>`);
    const ends = collect<CallRecord>(el, 'call-end');

    provider.ring({ callSid: 'CA-declined', from: '+14155550100' });
    await el.updateComplete;
    part(el, 'decline-button')!.click();
    await until(() => ends.length === 1, 'first call-end');
    expect(provider.rejects).to.equal(1);
    expect(ends[0]).to.include({ status: 'rejected', endedBy: 'agent', direction: 'inbound' });

    provider.ring({ callSid: 'CA-missed', from: '+14155550101' });
    await el.updateComplete;
    expect(el.state).to.equal('incoming');
    provider.emit({ type: 'ended', endedBy: 'remote' });
    await until(() => ends.length === 2, 'second call-end');
    expect(ends[1]).to.include({ status: 'missed', endedBy: 'remote', callSid: 'CA-missed' });
    await until(async () => (await storage.listCalls()).length === 2, 'both stored');
  });

  it('declines a second call while one is live, and gives each call to one button only', async () => {
    const first = await fixture<CallButton>(html`<call-button provider="manual" accept-incoming></call-button>`);
    const second = await fixture<CallButton>(html`<call-button provider="manual" accept-incoming></call-button>`);
    provider.ring({ callSid: 'CA-1', from: '+14155550100' });
    await first.updateComplete;
    await second.updateComplete;
    expect(first.state).to.equal('incoming');
    expect(second.state).to.equal('idle');
    expect(provider.ring({ callSid: 'CA-2', from: '+14155550102' })).to.equal(false);
    expect(provider.rejects).to.equal(1);
    first.decline();
  });

  it('counts calls in $stats: answered rate, setup time and failures by code', async () => {
    resetStats();
    const el = await fixture<CallButton>(html`<call-button provider="manual" number="+33123456789" accept-incoming></call-button>`);
    const ends = collect<CallRecord>(el, 'call-end');
    el.call();
    provider.emit({ type: 'ringing', callSid: 'CA-out' });
    await wait(20);
    provider.emit({ type: 'connected' });
    el.hangup();
    await until(() => ends.length === 1, 'first end');
    el.call();
    provider.emit({ type: 'failed', error: { code: 'connection-failed', message: 'signalling lost' } });
    await until(() => ends.length === 2, 'second end');
    const stats = $stats.get();
    expect(stats.calls).to.equal(2);
    expect(stats.answered).to.equal(1);
    expect(stats.answeredRate).to.equal(0.5);
    expect(stats.averageSetupMs).to.be.a('number').and.at.least(15);
    expect(stats.byStatus).to.deep.equal({ completed: 1, failed: 1 });
    expect(stats.failuresByCode).to.deep.equal({ 'connection-failed': 1 });
    const setups = performance.getEntriesByName('call-elements:call-setup', 'measure') as PerformanceMeasure[];
    expect(setups.length).to.be.at.least(1);
    expect(setups.at(-1)!.duration).to.be.at.least(15);
    expect(setups.at(-1)!.detail).to.deep.equal({ provider: 'manual' });
  });
});

describe('<call-button> during a connected call: keypad and call quality', () => {
  let provider: ManualProvider;

  beforeEach(async () => {
    await resetLibrary();
    provider = createManualProvider('manual', ['outbound', 'mute', 'dtmf']);
    configure({ providers: { manual: provider } });
  });
  afterEach(async () => {
    document.querySelectorAll('call-button').forEach((el) => el.hangup());
    await resetLibrary();
  });

  async function connected(): Promise<CallButton> {
    const el = await fixture<CallButton>(html`<call-button provider="manual" number="+33123456789" display-name="Ada"></call-button>`);
    el.call();
    provider.emit({ type: 'connected', callSid: 'CA-k' });
    await el.updateComplete;
    return el;
  }

  it('opens a labelled dial pad that sends tones by click and by typing, and reports invalid tones', async () => {
    const el = await connected();
    const toggle = part(el, 'keypad-button')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(part(el, 'keypad') === null).to.equal(true);
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(part(el, 'keypad')!.getAttribute('aria-label')).to.equal('Dial pad');
    expect(parts(el, 'key').map((key) => key.textContent!.trim())).to.deep.equal(['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#']);
    await expect(el).shadowDom.to.be.accessible();

    parts(el, 'key')[4].click();
    parts(el, 'key')[11].click();
    parts(el, 'key')[0].focus();
    await sendKeys({ type: '7*' });
    await sendKeys({ type: 'a' });
    expect(provider.digits).to.deep.equal(['5', '#', '7', '*']);

    const errors = collect<CallErrorDetail>(el, 'call-error');
    el.sendDigits('12x');
    expect(errors.map((e) => e.code)).to.deep.equal(['invalid-digits']);
  });

  it('shows the tones sent on the dial pad, and Escape closes it, giving focus back to its toggle', async () => {
    const el = await connected();
    part(el, 'keypad-button')!.click();
    await el.updateComplete;
    expect(part(el, 'keypad-display')!.textContent).to.equal('');
    expect(part(el, 'keypad-display')!.getAttribute('aria-label')).to.equal('Tones sent');
    parts(el, 'key')[0].focus();
    await sendKeys({ type: '12#' });
    await el.updateComplete;
    expect(part(el, 'keypad-display')!.textContent).to.equal('12#');
    el.sendDigits('w9');
    await el.updateComplete;
    expect(part(el, 'keypad-display')!.textContent, 'pauses are not shown').to.equal('12#9');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    await el.updateComplete;
    expect(part(el, 'keypad')).to.equal(null);
    expect(part(el, 'keypad-button')!.getAttribute('aria-expanded')).to.equal('false');
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('keypad-button');
  });

  it('has no keypad when the provider cannot send tones', async () => {
    unregisterProvider('manual');
    provider = createManualProvider('manual', ['outbound']);
    configure({ providers: { manual: provider } });
    const el = await connected();
    expect(part(el, 'keypad-button') === null).to.equal(true);
    expect(part(el, 'mute-button') === null).to.equal(true);
  });

  it('shows a poor-connection indicator while the provider warns, announces it once, and counts warnings in the record', async () => {
    const el = await connected();
    const ends = collect<CallRecord>(el, 'call-end');
    expect(part(el, 'quality') === null).to.equal(true);
    provider.emit({ type: 'warning', name: 'high-rtt' });
    await el.updateComplete;
    expect(part(el, 'quality')!.textContent!.trim()).to.equal('Poor connection');
    expect(statusText(el)).to.equal('The connection is poor.');
    provider.emit({ type: 'warning', name: 'low-mos' });
    await el.updateComplete;
    expect(part(el, 'quality')!.title).to.equal('Call quality warnings: high-rtt, low-mos');
    provider.emit({ type: 'warning-cleared', name: 'high-rtt' });
    provider.emit({ type: 'warning-cleared', name: 'low-mos' });
    await el.updateComplete;
    expect(part(el, 'quality') === null).to.equal(true);
    el.hangup();
    await until(() => ends.length === 1, 'call-end');
    expect(ends[0].metrics).to.include({ qualityWarnings: 2 });
  });
});

describe('<call-button> follows its provider’s availability', () => {
  let provider: ManualProvider;
  let availability: ReturnType<typeof atom<ProviderAvailability>>;
  let asked: Record<string, string>[];

  beforeEach(async () => {
    await resetLibrary();
    provider = createManualProvider('manual', ['outbound', 'inbound', 'mute']);
    availability = atom<ProviderAvailability>({ loading: true });
    asked = [];
    provider.availability = (params) => {
      asked.push(params);
      return availability;
    };
    configure({ providers: { manual: provider } });
  });
  afterEach(async () => {
    await resetLibrary();
  });

  it('waits while loading, shows the reason when unavailable, hides when told to, and passes its organisation and country', async () => {
    const el = await fixture<CallButton>(
      html`<call-button provider="manual" number="+33123456789" organization-id="org-1" country-code="FR"></call-button>`,
    );
    expect(asked.at(-1)).to.deep.equal({ organizationId: 'org-1', countryCode: 'FR' });
    const callButton = () => part(el, 'call-button') as HTMLButtonElement | null;
    expect(callButton()!.disabled).to.equal(true);
    expect(part(el, 'reason') === null).to.equal(true);

    availability.set({ problem: new CallElementsError('outbound-not-allowed') });
    await el.updateComplete;
    expect(callButton()!.disabled).to.equal(true);
    expect(part(el, 'reason')!.textContent).to.equal('This organisation’s Aircall settings do not allow outbound calls.');
    const errors = collect<CallErrorDetail>(el, 'call-error');
    el.call();
    expect(errors.map((e) => e.code)).to.deep.equal(['outbound-not-allowed']);
    expect(provider.requests).to.have.length(0);

    availability.set({ problem: new CallElementsError('aircall-disabled'), hidden: true });
    await el.updateComplete;
    expect(el.unavailable).to.equal(true);
    expect(el.hasAttribute('unavailable')).to.equal(true);
    expect(getComputedStyle(el).display).to.equal('none');
    expect(el.shadowRoot!.querySelector('button') === null).to.equal(true);

    availability.set({});
    await el.updateComplete;
    expect(el.unavailable).to.equal(false);
    expect(callButton()!.disabled).to.equal(false);

    el.countryCode = 'BE';
    await el.updateComplete;
    expect(asked.at(-1)).to.deep.equal({ organizationId: 'org-1', countryCode: 'BE' });
  });

  it('does not listen for incoming calls when the context does not allow them, and does once it does', async () => {
    availability.set({ capabilities: new Set(['outbound']) });
    const el = await fixture<CallButton>(html`<call-button provider="manual" accept-incoming organization-id="o" country-code="FR"></call-button>`);
    expect(provider.listeners).to.equal(0);
    availability.set({ capabilities: new Set(['outbound', 'inbound']) });
    await el.updateComplete;
    await el.updateComplete;
    expect(provider.listeners).to.equal(1);
  });

  it('picks up a provider registered after the element was on the page', async () => {
    unregisterProvider('manual');
    const el = await fixture<CallButton>(html`<call-button provider="late" number="+33123456789"></call-button>`);
    expect(part(el, 'call-button')!.hasAttribute('disabled')).to.equal(false);
    const late = createManualProvider('late');
    late.availability = () => atom<ProviderAvailability>({ problem: new CallElementsError('aircall-disabled') });
    configure({ providers: { late } });
    await el.updateComplete;
    expect(part(el, 'reason')!.textContent).to.equal('Aircall is turned off for this organisation.');
    unregisterProvider('late');
  });
});

describe('<call-button> sets up built-in providers from HTML alone', () => {
  beforeEach(resetLibrary);
  afterEach(async () => {
    // Buttons still on the page would set the built-in providers up again.
    fixtureCleanup();
    unregisterProvider('twilio');
    unregisterProvider('aircall');
    await resetLibrary();
  });

  it('creates the Twilio provider from token-url, without loading the Twilio SDK', async () => {
    const el = await fixture<CallButton>(html`<call-button provider="twilio" token-url="/twilio/token" number="+33123456789"></call-button>`);
    await pageRuntime().providers.builtInsSettled();
    const twilio = getProvider('twilio');
    expect(twilio?.name).to.equal('twilio');
    expect([...twilio!.capabilities]).to.include.members(['outbound', 'inbound', 'dtmf']);
    await el.updateComplete;
    expect((part(el, 'call-button') as HTMLButtonElement).disabled).to.equal(false);
    expect(performance.getEntriesByName('call-elements:twilio-sdk', 'measure').length).to.equal(0);
  });

  it('never replaces a provider the host configured, and does nothing without a token URL', async () => {
    await fixture<CallButton>(html`<call-button provider="twilio" number="+33123456789"></call-button>`);
    await pageRuntime().providers.builtInsSettled();
    expect(getProvider('twilio') === undefined).to.equal(true);

    const mine = createManualProvider('twilio');
    configure({ providers: { twilio: mine } });
    await fixture<CallButton>(html`<call-button provider="twilio" token-url="/twilio/token"></call-button>`);
    await pageRuntime().providers.builtInsSettled();
    expect(getProvider('twilio') === mine).to.equal(true);
  });

  it('reports a token-url the Twilio provider cannot use', async () => {
    const el = document.createElement('call-button') as CallButton;
    el.provider = 'twilio';
    el.tokenUrl = 'javascript:alert(1)';
    const errors = collect<CallErrorDetail>(el, 'call-error');
    document.body.append(el);
    await pageRuntime().providers.builtInsSettled();
    await until(() => errors.length > 0, 'call-error');
    expect(errors[0].code).to.equal('invalid-options');
    expect(getProvider('twilio') === undefined).to.equal(true);
    el.remove();
  });

  it('creates the Aircall provider for provider="aircall"', async () => {
    await fixture<CallButton>(html`<call-button provider="aircall" organization-id="org-1" country-code="FR" number="+33123456789"></call-button>`);
    await pageRuntime().providers.builtInsSettled();
    expect(getProvider('aircall')?.name).to.equal('aircall');
  });
});
