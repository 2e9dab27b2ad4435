import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { configure } from '../../src/config.js';
import { pageRuntime } from '../../src/calls/page-runtime.js';
import '../../src/elements/call-button/define.js';
import type { CallButton } from '../../src/elements/call-button/call-button.js';
import type { CallErrorDetail } from '../../src/events/events.js';
import { createDemoProvider } from '../../src/providers/demo/index.js';
// The messages of the codes the manual provider reports below (a real provider imports those it reports).
import '../../src/locales/on-demand-errors.js';
import type { CallRecord } from '../../src/schema/call-record.js';
import { $call } from '../../src/store/call.js';
import { createManualProvider, type ManualProvider, until, wait } from '../helpers/manual-provider.js';
import { createFlakyStorage } from '../helpers/flaky-storage.js';
import { isolatedOutbox, resetLibrary } from '../helpers/reset.js';

const part = (el: CallButton, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~='${name}']`);
const liveRegion = (el: CallButton) => el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();

function collect<T>(el: EventTarget, type: string): T[] {
  const seen: T[] = [];
  el.addEventListener(type, (event) => seen.push((event as CustomEvent<T>).detail));
  return seen;
}

async function button(template = html`<call-button
  number="+33 1 23 45 67 89"
  display-name="Jean Dupont"
  agent-id="agent-7"
  lead-id="lead-42"
  request-id="req-123"
></call-button>`): Promise<CallButton> {
  return fixture<CallButton>(template);
}

describe('<call-button>', () => {
  beforeEach(async () => {
    await resetLibrary();
    configure({ providers: { demo: createDemoProvider({ connectAfterMs: 10, answerAfterMs: 30 }) } });
  });
  afterEach(async () => {
    document.querySelectorAll('call-button').forEach((el) => el.hangup());
    await resetLibrary();
  });

  it('shows who is called, the number and the idle state, with an accessible call button', async () => {
    const el = await button();
    expect(el.getAttribute('state')).to.equal('idle');
    expect(part(el, 'name')!.textContent).to.equal('Jean Dupont');
    expect(part(el, 'number')!.textContent).to.equal('+33 1 23 45 67 89');
    const callButton = part(el, 'call-button') as HTMLButtonElement;
    expect(callButton.disabled).to.equal(false);
    expect(callButton.textContent!.trim()).to.equal('Call Jean Dupont');
    expect(part(el, 'hangup-button') === null, 'no hang-up button while idle').to.equal(true);
    await expect(el).shadowDom.to.be.accessible();
  });

  it('goes through a whole call on clicks: connecting, ringing, connected with a running timer, hang-up, one complete record', async () => {
    configure({ identity: async () => ({ userId: 'user-99' }) });
    const el = await button();
    const states: string[] = [];
    new MutationObserver(() => states.push(el.getAttribute('state')!)).observe(el, { attributes: true, attributeFilter: ['state'] });
    const starts = collect(el, 'call-start');
    const connects = collect<{ callSid: string }>(el, 'call-connect');
    const ends = collect<CallRecord>(el, 'call-end');

    part(el, 'call-button')!.click();
    await until(() => el.state === 'connected', 'connected');
    // The timer is one of the parts that download with the page's first call.
    await until(() => part(el, 'timer'), 'the timer');
    expect(part(el, 'timer')!.textContent!.trim()).to.match(/^00:0\d$/);
    expect(part(el, 'timer')!.getAttribute('role')).to.equal('timer');
    await until(() => part(el, 'timer')!.textContent!.trim() !== '00:00', 'the timer ticking');

    part(el, 'hangup-button')!.click();
    await until(() => ends.length === 1, 'call-end');
    await wait(50);

    expect(states).to.deep.equal(['connecting', 'ringing', 'connected', 'ended']);
    expect(starts).to.deep.equal([
      { provider: 'demo', direction: 'outbound', to: '+33123456789', displayName: 'Jean Dupont', agentId: 'agent-7', leadId: 'lead-42', requestId: 'req-123' },
    ]);
    expect(connects).to.have.length(1);
    expect(ends).to.have.length(1);
    const record = ends[0]!;
    expect(record).to.deep.include({
      schemaVersion: 1,
      provider: 'demo',
      direction: 'outbound',
      status: 'completed',
      to: '+33123456789',
      agentId: 'agent-7',
      leadId: 'lead-42',
      requestId: 'req-123',
      userId: 'user-99',
      displayName: 'Jean Dupont',
      endedBy: 'agent',
    });
    expect(record.callSid).to.equal(connects[0]!.callSid);
    expect(record.callSid).to.match(/^DM[0-9a-f]{32}$/);
    expect(record.id).to.equal(`demo:${record.callSid}`);
    expect(record.durationSec).to.be.at.least(1);
    expect(Date.parse(record.endedAt)).to.be.at.least(Date.parse(record.answeredAt!));
    expect(record.metrics.setupMs).to.be.a('number');
    expect(el.state).to.equal('ended');
    expect(part(el, 'status')!.textContent).to.equal('Call ended');
    expect(part(el, 'call-button') !== null, 'call button back').to.equal(true);
  });

  it('call() and hangup() do what the clicks do', async () => {
    const el = await button();
    const ends = collect<CallRecord>(el, 'call-end');
    el.call();
    expect(el.state).to.equal('connecting');
    await until(() => el.state === 'connected', 'connected');
    el.hangup();
    await until(() => ends.length === 1, 'call-end');
    expect(ends[0]!.endedBy).to.equal('agent');
    expect(ends[0]!.status).to.equal('completed');
  });

  it('records who hung up when the remote side does', async () => {
    configure({ providers: { demo: createDemoProvider({ connectAfterMs: 5, answerAfterMs: 5, hangupAfterMs: 20 }) } });
    const el = await button();
    const ended = oneEvent(el, 'call-end');
    el.call();
    const record = (await ended).detail;
    expect(record.endedBy).to.equal('remote');
    expect(record.status).to.equal('completed');
  });

  for (const outcome of ['busy', 'no-answer'] as const) {
    it(`ends a ${outcome} call with that status, never answered`, async () => {
      configure({ providers: { demo: createDemoProvider({ connectAfterMs: 5, answerAfterMs: 5, outcome }) } });
      const el = await button();
      const ended = oneEvent(el, 'call-end');
      el.call();
      const record = (await ended).detail;
      expect(record.status).to.equal(outcome);
      expect(record.answeredAt).to.equal(undefined);
      expect(record.durationSec).to.equal(0);
      expect(part(el, 'status')!.textContent).to.equal(outcome === 'busy' ? 'Line busy' : 'No answer');
    });
  }

  it('reports a provider failure as call-error (localised) and a failed record, without throwing', async () => {
    configure({ providers: { demo: createDemoProvider({ connectAfterMs: 5, answerAfterMs: 5, outcome: 'failed' }) } });
    const el = await button(html`<call-button lang="fr" number="+33123456789"></call-button>`);
    const errors = collect<CallErrorDetail>(el, 'call-error');
    const ended = oneEvent(el, 'call-end');
    el.call();
    const record = (await ended).detail;
    expect(el.state).to.equal('failed');
    expect(record).to.deep.include({ status: 'failed', endedBy: 'error' });
    expect(record.error!.code).to.equal('demo-failed');
    expect(errors).to.have.length(1);
    expect(errors[0]!.code).to.equal('demo-failed');
    expect(errors[0]!.message).to.contain('Le fournisseur de démonstration');
    expect(liveRegion(el)).to.match(/^Échec de l’appel : /);
  });

  it('shows why a call failed next to its status, in the element language, until the next call', async () => {
    const manual = createManualProvider();
    configure({ providers: { manual } });
    const el = await button(html`<call-button provider="manual" number="+33123456789" display-name="Jean"></call-button>`);
    expect(part(el, 'failure'), 'nothing before a call').to.equal(null);
    el.call();
    manual.emit({ type: 'failed', error: { code: 'token-failed', message: 'HTTP 404', params: { detail: 'HTTP 404' } } });
    await until(() => el.state === 'failed', 'failed');
    await el.updateComplete;
    expect(part(el, 'status')!.textContent!.trim()).to.equal('Call failed');
    expect(part(el, 'failure')!.textContent!.trim()).to.equal('Could not get a calling token from the server: HTTP 404');
    expect(part(el, 'call-button')!.getAttribute('aria-describedby')).to.equal('status failure');
    await expect(el).shadowDom.to.be.accessible();
    el.lang = 'fr';
    await until(() => part(el, 'failure')!.textContent!.includes('jeton'), 'French');
    expect(part(el, 'failure')!.textContent!.trim()).to.equal('Impossible d’obtenir un jeton d’appel auprès du serveur : HTTP 404');
    el.lang = 'en';
    el.call();
    await until(() => el.state === 'connecting', 'the next call');
    await el.updateComplete;
    expect(part(el, 'failure'), 'gone with the next call').to.equal(null);
    el.hangup();
  });

  it('announces an unanswered call by its outcome alone, with no duration ("Line busy.", not "… Duration 0 min 0 s.")', async () => {
    const manual = createManualProvider();
    configure({ providers: { manual } });
    const el = await button(html`<call-button provider="manual" number="+33123456789"></call-button>`);
    el.call();
    manual.emit({ type: 'ringing', callSid: 'CA-busy' });
    manual.emit({ type: 'ended', endedBy: 'remote', status: 'busy' });
    await until(() => el.state === 'ended', 'ended');
    await el.updateComplete;
    expect(liveRegion(el)).to.equal('Line busy.');
  });

  it('turns a provider that throws into a failed call instead of an exception in the page', async () => {
    const manual = createManualProvider();
    manual.failNextStart = new Error('socket closed');
    configure({ providers: { manual } });
    const el = await button(html`<call-button provider="manual" number="+33123456789"></call-button>`);
    const errors = collect<CallErrorDetail>(el, 'call-error');
    const ended = oneEvent(el, 'call-end');
    el.call();
    const record = (await ended).detail;
    expect(record.status).to.equal('failed');
    expect(record.callSid).to.match(/^LC[0-9a-f]{32}$/);
    expect(errors[0]).to.deep.include({ code: 'provider-failed', provider: 'manual' });
    expect(errors[0]!.message).to.contain('socket closed');
  });

  describe('numbers', () => {
    const cases: [string, string | undefined, string, RegExp][] = [
      ['missing', undefined, 'number-missing', /^No phone number to call\.$/],
      ['national', '0612345678', 'number-invalid', /^“0612345678” is not a valid phone number/],
      ['too long', '+1234567890123456', 'number-invalid', /is not a valid phone number/],
      ['letters', '+33 CALL ME', 'number-invalid', /is not a valid phone number/],
    ];
    for (const [name, number, code, message] of cases) {
      it(`disables the button for a ${name} number, says why, and call() reports ${code}`, async () => {
        const el = await fixture<CallButton>(html`<call-button .number=${number ?? ''} display-name="X"></call-button>`);
        const callButton = part(el, 'call-button') as HTMLButtonElement;
        expect(callButton.disabled).to.equal(true);
        const reason = part(el, 'reason')!;
        expect(reason.textContent).to.match(message);
        expect(callButton.getAttribute('aria-describedby')).to.equal(reason.id);
        const errors = collect<CallErrorDetail>(el, 'call-error');
        const starts = collect(el, 'call-start');
        el.call();
        expect(errors.map((e) => e.code)).to.deep.equal([code]);
        expect(starts).to.have.length(0);
        expect(el.state).to.equal('idle');
      });
    }

    it('enables the button when a valid number is set later', async () => {
      const el = await fixture<CallButton>(html`<call-button></call-button>`);
      expect((part(el, 'call-button') as HTMLButtonElement).disabled).to.equal(true);
      el.number = '+33123456789';
      await el.updateComplete;
      expect((part(el, 'call-button') as HTMLButtonElement).disabled).to.equal(false);
      expect(part(el, 'reason') === null, 'no reason shown').to.equal(true);
    });
  });

  it('`disabled` blocks new calls but never the hang-up', async () => {
    const el = await button();
    el.disabled = true;
    await el.updateComplete;
    expect((part(el, 'call-button') as HTMLButtonElement).disabled).to.equal(true);
    expect(part(el, 'reason')!.textContent).to.equal('Calling is turned off here.');
    const errors = collect<CallErrorDetail>(el, 'call-error');
    el.call();
    expect(errors.map((e) => e.code)).to.deep.equal(['call-disabled']);

    el.disabled = false;
    el.call();
    await until(() => el.state === 'ringing', 'ringing');
    el.disabled = true;
    await el.updateComplete;
    expect((part(el, 'hangup-button') as HTMLButtonElement).disabled).to.equal(false);
    const ended = oneEvent(el, 'call-end');
    part(el, 'hangup-button')!.click();
    expect((await ended).detail.status).to.equal('canceled');
  });

  it('allows one call at a time on the page: other buttons say why they are disabled', async () => {
    const first = await button();
    const second = await fixture<CallButton>(html`<call-button number="+14155550100"></call-button>`);
    first.call();
    await second.updateComplete;
    expect((part(second, 'call-button') as HTMLButtonElement).disabled).to.equal(true);
    expect(part(second, 'reason')!.textContent).to.equal('Another call is already in progress. End it before starting a new one.');
    const errors = collect<CallErrorDetail>(second, 'call-error');
    second.call();
    expect(errors.map((e) => e.code)).to.deep.equal(['call-in-progress']);
    first.hangup();
    await until(() => first.state === 'ended', 'first ended');
    await second.updateComplete;
    expect((part(second, 'call-button') as HTMLButtonElement).disabled).to.equal(false);
  });

  it('reports an unknown provider', async () => {
    const el = await button(html`<call-button provider="nope" number="+33123456789"></call-button>`);
    const errors = collect<CallErrorDetail>(el, 'call-error');
    el.call();
    expect(errors).to.deep.equal([
      { code: 'provider-unknown', message: 'No call provider named “nope” is configured.', provider: 'nope' },
    ]);
  });

  describe('one end, whatever reports it', () => {
    let manual: ManualProvider;
    beforeEach(() => {
      manual = createManualProvider();
      configure({ providers: { manual } });
    });

    async function connectedButton() {
      const el = await button(html`<call-button provider="manual" number="+33123456789" lead-id="lead-1"></call-button>`);
      el.call();
      await until(() => manual.requests.length === 1, 'start');
      manual.emit({ type: 'ringing', callSid: 'CA0001' });
      manual.emit({ type: 'connected' });
      expect(el.state).to.equal('connected');
      return el;
    }

    it('End click and provider disconnect in the same tick', async () => {
      const el = await connectedButton();
      const ends = collect<CallRecord>(el, 'call-end');
      part(el, 'hangup-button')!.click();
      manual.emit({ type: 'ended', endedBy: 'remote' });
      // The record is written to disk before call-end (strict durability: slower in some engines), then no second end.
      await until(() => ends.length > 0, 'call-end');
      await wait(50);
      expect(ends).to.have.length(1);
      expect(ends[0]!.endedBy).to.equal('agent');
      expect(ends[0]!.id).to.equal('manual:CA0001');
      expect(manual.hangups).to.equal(1);
    });

    it('provider disconnect first, then the End click, then an error, then unload', async () => {
      const el = await connectedButton();
      const ends = collect<CallRecord>(el, 'call-end');
      const errors = collect(el, 'call-error');
      manual.emit({ type: 'ended', endedBy: 'remote' });
      el.hangup();
      manual.emit({ type: 'failed', error: { code: 'late', message: 'late error' } });
      window.dispatchEvent(new PageTransitionEvent('pagehide'));
      await until(() => ends.length > 0, 'call-end');
      await wait(50);
      expect(ends.map((r) => r.endedBy)).to.deep.equal(['remote']);
      expect(errors).to.have.length(0);
      expect(manual.hangups).to.equal(0);
    });

    it('page unload ends the call as "system" and hangs up the provider', async () => {
      const el = await connectedButton();
      const ended = oneEvent(el, 'call-end');
      window.dispatchEvent(new PageTransitionEvent('pagehide'));
      const record = (await ended).detail;
      expect(record.endedBy).to.equal('system');
      expect(record.status).to.equal('completed');
      expect(manual.hangups).to.equal(1);
    });

    it('mute toggles are forwarded to the provider and counted in the record', async () => {
      const el = await connectedButton();
      await el.updateComplete;
      const mute = part(el, 'mute-button') as HTMLButtonElement;
      expect(mute.getAttribute('aria-pressed')).to.equal('false');
      mute.click();
      await el.updateComplete;
      expect(part(el, 'mute-button')!.getAttribute('aria-pressed')).to.equal('true');
      part(el, 'mute-button')!.click();
      const ended = oneEvent(el, 'call-end');
      el.hangup();
      const record = (await ended).detail;
      expect(manual.mutes).to.deep.equal([true, false]);
      expect(record.metrics.muteToggles).to.equal(2);
    });
  });

  it('is usable with the keyboard alone, and focus follows the call and hang-up controls', async () => {
    const el = await button();
    (part(el, 'call-button') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => el.state === 'connected', 'connected');
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement === part(el, 'hangup-button'), 'focus on hang-up').to.equal(true);
    const ended = oneEvent(el, 'call-end');
    await sendKeys({ press: ' ' }); // the space bar ("Space" is Chromium's name only)
    await ended;
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement === part(el, 'call-button'), 'focus back on call').to.equal(true);
  });

  it('announces progress politely to screen readers', async () => {
    const el = await button();
    const region = el.shadowRoot!.querySelector('[role="status"]')!;
    expect(region.getAttribute('aria-live')).to.equal('polite');
    el.call();
    await el.updateComplete;
    expect(liveRegion(el)).to.equal('Calling Jean Dupont…');
    await until(() => el.state === 'connected', 'connected');
    await el.updateComplete;
    expect(liveRegion(el)).to.equal('Connected to Jean Dupont.');
    const ended = oneEvent(el, 'call-end');
    el.hangup();
    await ended;
    await el.updateComplete;
    expect(liveRegion(el)).to.match(/^Call ended\. Duration 0 min \d+ s\.$/);
  });

  it('speaks French when the element, an ancestor or the document says so, and switches live', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="fr-FR"><call-button number="+33123456789" display-name="Jean"></call-button></div>`);
    const el = wrapper.querySelector('call-button')!;
    await el.updateComplete;
    expect(part(el, 'call-button')!.textContent!.trim()).to.equal('Appeler Jean');
    wrapper.setAttribute('lang', 'en');
    await until(() => part(el, 'call-button')!.textContent!.trim() === 'Call Jean', 'English');

    const plain = await fixture<CallButton>(html`<call-button number="+33123456789"></call-button>`);
    document.documentElement.lang = 'fr';
    await until(() => part(plain, 'call-button')!.textContent!.trim() === 'Appeler', 'document language');
    expect(part(plain, 'status')!.textContent).to.equal('Prêt à appeler');
  });

  describe('persistence', () => {
    it('fires call-stored once the storage confirmed the record, after call-end', async () => {
      const storage = createFlakyStorage();
      configure({ storage, outbox: isolatedOutbox() });
      const el = await button();
      const order: string[] = [];
      el.addEventListener('call-end', () => order.push('end'));
      el.addEventListener('call-stored', (event) => order.push(`stored:${event.detail.id}`));
      el.call();
      await until(() => el.state === 'connected', 'connected');
      el.hangup();
      await until(() => order.length === 2, 'stored');
      const [stored] = await storage.inner.listCalls();
      expect(order).to.deep.equal(['end', `stored:${stored!.id}`]);
      expect(stored).to.deep.include({ agentId: 'agent-7', leadId: 'lead-42', requestId: 'req-123' });
    });

    it('ends the call without waiting for a storage that hangs, and stores it when it answers', async () => {
      const storage = createFlakyStorage();
      storage.faults.push('hang');
      configure({ storage, outbox: isolatedOutbox() });
      const el = await button();
      const stored = collect(el, 'call-stored');
      const ended = oneEvent(el, 'call-end');
      el.call();
      await until(() => el.state === 'connected', 'connected');
      el.hangup();
      await ended;
      expect(el.state).to.equal('ended');
      await until(() => storage.attempts.length === 1, 'sending');
      expect(stored).to.have.length(0);
      storage.release();
      await until(() => stored.length === 1, 'stored');
    });

    it('takes the user id from the user-id attribute (HTML-only configuration)', async () => {
      const storage = createFlakyStorage();
      configure({ storage, outbox: isolatedOutbox(), identity: { userId: 'from-configure' } });
      const el = await button(html`<call-button number="+33123456789" user-id="from-html"></call-button>`);
      const ended = oneEvent(el, 'call-end');
      el.call();
      el.hangup();
      expect((await ended).detail.userId).to.equal('from-html');
    });

    it('reports a storage-url that is not a URL', async () => {
      const el = await fixture<CallButton>(html`<call-button number="+33123456789"></call-button>`);
      const errors = collect<CallErrorDetail>(el, 'call-error');
      el.storageUrl = 'ftp://nope';
      // The URL rule downloads with the first storage-url: the report follows it.
      await until(() => errors.length > 0, 'call-error');
      expect(errors.map((e) => e.code)).to.deep.equal(['invalid-options']);
      // A usable one is not reported (the engine starts once the checks under way are done).
      el.storageUrl = '/calls-api';
      await el.updateComplete;
      await pageRuntime().loadEngine();
      expect(errors).to.have.length(1);
    });
  });

  it('publishes the live call in $call for the other elements of the page', async () => {
    const el = await button();
    el.call();
    expect($call.get()).to.deep.include({ state: 'connecting', provider: 'demo', to: '+33123456789', displayName: 'Jean Dupont' });
    await until(() => $call.get()?.state === 'connected', '$call connected');
    expect($call.get()!.callSid).to.match(/^DM/);
  });
});
