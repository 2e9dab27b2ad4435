/**
 * The layout of <call-button> and <call-controls>: fixed slots, so that the primary button (Call, then
 * Hang up or Answer) keeps its place and the element its height from one state to the next, at a
 * desktop and a phone width; the dial pad opens over the page; `size` scales the element.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { configure } from '../../src/config.js';
import '../../src/elements/call-button/define.js';
import '../../src/elements/call-controls/define.js';
import type { CallButton } from '../../src/elements/call-button/call-button.js';
import type { CallControls } from '../../src/elements/call-controls/call-controls.js';
import { createManualProvider, until, type ManualProvider } from '../helpers/manual-provider.js';
import { createFlakyStorage } from '../helpers/flaky-storage.js';
import { isolatedOutbox, resetLibrary } from '../helpers/reset.js';

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~='${name}']`);
const round = (n: number) => Math.round(n * 10) / 10;

/** The element's height, and where its primary button (if any) is relative to it, in px. */
function geometry(el: HTMLElement) {
  const host = el.getBoundingClientRect();
  const button = el.shadowRoot!.querySelector<HTMLElement>('.primary > button');
  const primary = button?.getBoundingClientRect();
  return {
    height: round(host.height),
    primary: primary && { left: round(primary.left - host.left), top: round(primary.top - host.top), width: round(primary.width), height: round(primary.height) },
  };
}

describe('call layout: fixed slots', () => {
  let manual: ManualProvider;

  beforeEach(async () => {
    await resetLibrary();
    manual = createManualProvider('manual', ['outbound', 'inbound', 'mute', 'dtmf']);
    configure({ providers: { manual }, storage: createFlakyStorage(), outbox: isolatedOutbox() });
  });
  afterEach(async () => {
    document.querySelectorAll('call-button').forEach((el) => el.hangup());
    await resetLibrary();
  });

  for (const width of [1280, 390]) {
    it(`<call-button> at ${width} px: the primary button and the height stay put through idle, connecting, ringing, connected, ended and failed`, async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div style="width: ${width}px">
        <call-button provider="manual" number="+33123456789" display-name="Jean Dupont"></call-button>
        <call-controls></call-controls>
      </div>`);
      const el = wrapper.querySelector<CallButton>('call-button')!;
      const controls = wrapper.querySelector<CallControls>('call-controls')!;
      await el.updateComplete;
      const idle = geometry(el);
      expect(idle.primary!.width, 'a visible call button').to.be.above(40);
      const seen: Record<string, ReturnType<typeof geometry>> = {};
      const controlsSeen: Record<string, ReturnType<typeof geometry>> = {};
      const settle = async (state: string) => {
        await until(() => el.state === state, state);
        await el.updateComplete;
        await controls.updateComplete;
        seen[state] = geometry(el);
        controlsSeen[state] = geometry(controls);
      };

      el.call();
      await settle('connecting');
      await until(() => manual.requests.length === 1, 'dialled');
      manual.emit({ type: 'ringing', callSid: 'CA1' });
      await settle('ringing');
      manual.emit({ type: 'connected' });
      await settle('connected');
      expect(part(el, 'mute-button'), 'Mute shown').to.not.equal(null);
      expect(part(el, 'keypad-button'), 'Keypad shown').to.not.equal(null);
      expect(part(el, 'timer'), 'the timer while connected').to.not.equal(null);
      // Mute and Keypad on the same row: one line of buttons, not two.
      expect(part(el, 'mute-button')!.getBoundingClientRect().top).to.equal(part(el, 'keypad-button')!.getBoundingClientRect().top);
      part(el, 'hangup-button')!.click();
      await settle('ended');
      el.call();
      await until(() => manual.requests.length === 2, 'dialled again');
      manual.emit({ type: 'failed', error: { code: 'provider-failed', message: 'socket closed' } });
      await settle('failed');
      expect(part(el, 'failure'), 'the reason on screen').to.not.equal(null);

      for (const [state, geo] of Object.entries(seen)) expect(geo, `<call-button> ${state} vs idle`).to.deep.equal(idle);
      // <call-controls> has Hang up while the call is live, and no button once it is over: the same height throughout.
      const reference = controlsSeen.connecting!;
      expect(reference.primary, 'Hang up in <call-controls>').to.not.equal(undefined);
      for (const state of ['ringing', 'connected']) expect(controlsSeen[state], `<call-controls> ${state} vs connecting`).to.deep.equal(reference);
      for (const state of ['ended', 'failed']) expect(controlsSeen[state]!.height, `<call-controls> ${state} vs connecting`).to.equal(reference.height);
    });

    it(`<call-controls> and a receiving <call-button> at ${width} px: Answer takes the place Hang up has, at the same height`, async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div style="width: ${width}px">
        <call-button provider="manual" accept-incoming></call-button>
        <call-controls></call-controls>
      </div>`);
      const el = wrapper.querySelector<CallButton>('call-button')!;
      const controls = wrapper.querySelector<CallControls>('call-controls')!;
      await until(() => manual.listeners === 1, 'listening');
      const idleHeight = el.getBoundingClientRect().height;
      manual.ring({ callSid: 'CA2', from: '+33612345678' });
      await until(() => part(controls, 'answer-button') && part(el, 'answer-button'), 'ringing in');
      const incoming = [geometry(el), geometry(controls)];
      expect(incoming[0]!.height, 'receiving button: same height idle and ringing').to.equal(round(idleHeight));
      part(controls, 'answer-button')!.click();
      await until(() => part(controls, 'hangup-button') && part(el, 'hangup-button'), 'answered');
      expect([geometry(el), geometry(controls)]).to.deep.equal(incoming);
    });
  }

  for (const width of [1280, 390]) {
    it(`<call-button dialler wrap-up> at ${width} px: the number field keeps the rows' height, the wrap-up opens over the page, nothing moves`, async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div style="width: ${width}px">
        <call-button provider="manual" dialler wrap-up dispositions="interested, call back"></call-button>
        <p id="after">After the button</p>
      </div>`);
      const el = wrapper.querySelector<CallButton>('call-button')!;
      const after = wrapper.querySelector<HTMLElement>('#after')!;
      await el.updateComplete;
      const input = part(el, 'dialler') as HTMLInputElement;
      input.value = '+33123456789';
      input.dispatchEvent(new Event('input'));
      await until(() => !part(el, 'reason'), 'a valid number');
      const idle = geometry(el);
      const afterTop = after.getBoundingClientRect().top;
      el.call();
      await until(() => manual.requests.length === 1, 'dialled');
      manual.emit({ type: 'ringing', callSid: 'CA9' });
      manual.emit({ type: 'connected' });
      await until(() => el.state === 'connected', 'connected');
      await el.updateComplete;
      expect(geometry(el), 'connected vs idle').to.deep.equal(idle);
      el.hangup();
      const form = await until(() => part(el, 'wrap-up'), 'the wrap-up');
      await el.updateComplete;
      expect(geometry(el), 'wrap-up open vs idle').to.deep.equal(idle);
      expect(after.getBoundingClientRect().top, 'the page below does not move').to.equal(afterTop);
      if ('showPopover' in form) expect(form.matches(':popover-open'), 'a popover').to.equal(true);
      expect(form.getBoundingClientRect().width, 'no wider than the viewport').to.be.at.most(window.innerWidth);
    });
  }

  it('a button that cannot call shows its reason alone, without the timer of a call it does not own', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <call-button provider="manual" number="+33123456789"></call-button>
      <call-button provider="manual" number="+33999999999"></call-button>
    </div>`);
    const [first, other] = [...wrapper.querySelectorAll('call-button')] as CallButton[];
    await other!.updateComplete;
    const height = other!.getBoundingClientRect().height;
    first!.call();
    await until(() => manual.requests.length === 1, 'dialled');
    manual.emit({ type: 'ringing', callSid: 'CA3' });
    manual.emit({ type: 'connected' });
    await until(() => part(other!, 'reason'), 'the other button says why');
    expect(part(other!, 'reason')!.textContent).to.contain('Another call is already in progress');
    expect(part(other!, 'timer'), 'no timer for a call it does not own').to.equal(null);
    expect(part(other!, 'status'), 'the reason replaces the status').to.equal(null);
    expect(other!.getBoundingClientRect().height).to.equal(height);
    expect(part(first!, 'timer')).to.not.equal(null);
  });

  describe('the dial pad', () => {
    async function connectedWithPad() {
      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <call-button provider="manual" number="+33123456789" display-name="Jean Dupont"></call-button>
        <p id="after">After the button</p>
      </div>`);
      const el = wrapper.querySelector<CallButton>('call-button')!;
      el.call();
      await until(() => manual.requests.length === 1, 'dialled');
      manual.emit({ type: 'ringing', callSid: 'CA4' });
      manual.emit({ type: 'connected' });
      await until(() => part(el, 'keypad-button'), 'connected');
      return { el, after: wrapper.querySelector<HTMLElement>('#after')! };
    }

    it('opens over the page (a popover anchored to its toggle), pushing nothing, as a 3 × 4 phone layout', async () => {
      const { el, after } = await connectedWithPad();
      const height = el.getBoundingClientRect().height;
      const afterTop = after.getBoundingClientRect().top;
      part(el, 'keypad-button')!.click();
      await el.updateComplete;
      const pad = part(el, 'keypad')!;
      expect(pad.matches(':popover-open'), 'in the top layer').to.equal(true);
      expect(part(el, 'keypad-button')!.getAttribute('aria-expanded')).to.equal('true');
      expect(el.getBoundingClientRect().height, 'the element keeps its height').to.equal(height);
      expect(after.getBoundingClientRect().top, 'what follows does not move').to.equal(afterTop);
      const toggle = part(el, 'keypad-button')!.getBoundingClientRect();
      const box = pad.getBoundingClientRect();
      if (CSS.supports('anchor-name: --a')) {
        expect(Math.round(box.top), 'just below its toggle').to.equal(Math.round(toggle.bottom + 4));
        expect(Math.round(box.right), 'aligned with its toggle').to.equal(Math.round(toggle.right));
      } else {
        // Engines without CSS anchor positioning (Firefox ESR 140) get the popover's own placement: centred.
        expect(Math.round((box.left + box.right) / 2), 'centred across the window').to.be.closeTo(Math.round(innerWidth / 2), 1);
        expect(Math.round((box.top + box.bottom) / 2), 'centred down the window').to.be.closeTo(Math.round(innerHeight / 2), 1);
      }

      const keys = [...pad.querySelectorAll<HTMLElement>("[part~='key']")];
      expect(keys.map((key) => key.textContent!.trim())).to.deep.equal(['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#']);
      const rows = [...new Set(keys.map((key) => Math.round(key.getBoundingClientRect().top)))];
      const columns = [...new Set(keys.map((key) => Math.round(key.getBoundingClientRect().left)))];
      expect(rows, 'four rows, top to bottom').to.have.length(4);
      expect(columns, 'three columns').to.have.length(3);
      expect(rows).to.deep.equal([...rows].sort((a, b) => a - b));
      keys.forEach((key, index) => {
        expect(Math.round(key.getBoundingClientRect().top), `row of ${key.textContent!.trim()}`).to.equal(rows[Math.floor(index / 3)]);
        expect(Math.round(key.getBoundingClientRect().left), `column of ${key.textContent!.trim()}`).to.equal(columns[index % 3]);
      });
      const display = part(el, 'keypad-display')!.getBoundingClientRect();
      expect(display.bottom, 'the digits above the keys').to.be.at.most(rows[0]! + 0.5);
      await expect(el).shadowDom.to.be.accessible();
    });

    it('closes with Escape and with its close button, focus back on the toggle both times', async () => {
      const { el } = await connectedWithPad();
      part(el, 'keypad-button')!.focus();
      part(el, 'keypad-button')!.click();
      await el.updateComplete;
      part(el, 'key')!.focus();
      await sendKeys({ press: 'Escape' });
      await until(() => part(el, 'keypad') === null, 'closed by Escape');
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement).to.equal(part(el, 'keypad-button'));
      expect(part(el, 'keypad-button')!.getAttribute('aria-expanded')).to.equal('false');

      part(el, 'keypad-button')!.click();
      await el.updateComplete;
      const close = part(el, 'keypad-close')!;
      expect(close.getAttribute('aria-label')).to.equal('Close the dial pad');
      close.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => part(el, 'keypad') === null, 'closed by its button');
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement).to.equal(part(el, 'keypad-button'));
    });
  });

  it('size="small|medium|large" scales type and spacing; medium by default, reflected', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <call-button provider="manual" number="+33123456789" size="small"></call-button>
      <call-button provider="manual" number="+33123456789"></call-button>
      <call-button provider="manual" number="+33123456789" size="large"></call-button>
    </div>`);
    const [small, medium, large] = [...wrapper.querySelectorAll('call-button')] as CallButton[];
    await large!.updateComplete;
    expect(medium!.getAttribute('size')).to.equal('medium');
    const measure = (el: CallButton) => ({
      height: el.getBoundingClientRect().height,
      font: parseFloat(getComputedStyle(part(el, 'call-button')!).fontSize),
      gap: parseFloat(getComputedStyle(part(el, 'base')!).columnGap),
    });
    const [s, m, l] = [small!, medium!, large!].map(measure);
    expect(s!.font).to.be.below(m!.font);
    expect(m!.font).to.be.below(l!.font);
    expect(s!.gap).to.be.below(m!.gap);
    expect(m!.gap).to.be.below(l!.gap);
    expect(s!.height).to.be.below(m!.height);
    expect(m!.height).to.be.below(l!.height);
    large!.size = 'small';
    await large!.updateComplete;
    expect(large!.getAttribute('size')).to.equal('small');
  });

  it('every button has a hover, a pressed and a disabled look', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <call-button provider="manual" number="+33123456789"></call-button>
      <call-button provider="manual" number="+33123456789" disabled></call-button>
    </div>`);
    const [el, disabled] = [...wrapper.querySelectorAll('call-button')] as CallButton[];
    await disabled!.updateComplete;
    const call = part(el!, 'call-button')!;
    const rest = getComputedStyle(call).backgroundColor;
    const box = call.getBoundingClientRect();
    const centre: [number, number] = [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)];
    await sendMouse({ type: 'move', position: centre });
    await until(() => call.matches(':hover'), 'hovered');
    const hovered = getComputedStyle(call).backgroundColor;
    expect(hovered, 'hover').to.not.equal(rest);
    await sendMouse({ type: 'down' });
    await until(() => call.matches(':active'), 'pressed');
    expect(getComputedStyle(call).backgroundColor, 'active').to.not.equal(hovered);
    // Released away from the button: no click, no call.
    await sendMouse({ type: 'move', position: [0, 0] });
    await sendMouse({ type: 'up' });
    expect(el!.state).to.equal('idle');

    const off = part(disabled!, 'call-button')! as HTMLButtonElement;
    expect(off.disabled).to.equal(true);
    const style = getComputedStyle(off);
    expect(Number(style.opacity)).to.be.below(1);
    expect(style.cursor).to.equal('not-allowed');
    expect(style.backgroundColor, 'no hover look on a disabled button').to.equal(rest);
  });
});
