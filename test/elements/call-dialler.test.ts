/**
 * <call-button dialler>: the agent types the number (checked as `number` is, the reason live), Enter
 * or the button places the call, with the same record, permissions and events as a preset number.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { configure } from '../../src/config.js';
import '../../src/elements/call-button/define.js';
import type { CallButton } from '../../src/elements/call-button/call-button.js';
import type { CallErrorDetail, CallStartDetail } from '../../src/events/events.js';
import { createDemoProvider } from '../../src/providers/demo/index.js';
import type { CallRecord } from '../../src/schema/call-record.js';
import { createMemoryStorage } from '../../src/storage/memory/index.js';
import { until } from '../helpers/manual-provider.js';
import { typeKeys } from '../helpers/type-keys.js';
import { isolatedOutbox, resetLibrary } from '../helpers/reset.js';

const part = <T extends HTMLElement = HTMLElement>(el: Element, name: string) => el.shadowRoot!.querySelector<T>(`[part~='${name}']`);
const focused = (el: Element) => (el.shadowRoot!.activeElement as HTMLElement | null)?.getAttribute('part');
const reason = (el: CallButton) => part(el, 'reason')?.textContent?.trim();
const liveRegion = (el: CallButton) => el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();


function collect<T>(el: EventTarget, type: string): T[] {
  const seen: T[] = [];
  el.addEventListener(type, (event) => seen.push((event as CustomEvent<T>).detail));
  return seen;
}

describe('<call-button dialler>', () => {
  let storage: ReturnType<typeof createMemoryStorage>;
  let saved: CallRecord[];

  beforeEach(async () => {
    await resetLibrary();
    const memory = createMemoryStorage();
    saved = [];
    storage = { ...memory, saveCall: (record: CallRecord) => (saved.push(record), memory.saveCall(record)) };
    configure({ providers: { demo: createDemoProvider({ connectAfterMs: 5, answerAfterMs: 10 }) }, storage, outbox: isolatedOutbox() });
  });
  afterEach(async () => {
    document.querySelectorAll('call-button').forEach((el) => el.hangup());
    await resetLibrary();
  });

  it('keyboard only: Tab into the field, type a number, Enter places a demo call stored once with the typed E.164', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <button id="before">before</button>
      <call-button dialler agent-id="agent-7"></call-button>
    </div>`);
    const el = wrapper.querySelector<CallButton>('call-button')!;
    // The dialler's field downloads with the element's on-demand parts: its update completes once they are in.
    await el.updateComplete;
    const starts = collect<CallStartDetail>(el, 'call-start');
    const stored = collect<{ id: string }>(el, 'call-stored');
    const input = part<HTMLInputElement>(el, 'dialler')!;
    expect(input.type).to.equal('tel');
    expect(input.getAttribute('autocomplete')).to.equal('tel');
    expect(input.getAttribute('inputmode')).to.equal('tel');
    expect(input.getAttribute('aria-label')).to.equal('Number to call');
    expect(reason(el), 'nothing typed yet').to.equal('No phone number to call.');
    expect((part<HTMLButtonElement>(el, 'call-button')!).disabled).to.equal(true);

    wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('dialler');
    await typeKeys('06 12');
    await until(() => reason(el)?.startsWith('“06 12” is not a valid phone number'), 'the reason, live');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.equal('reason');
    for (let i = 0; i < 5; i++) await sendKeys({ press: 'Backspace' });
    await typeKeys('+33 6 12 34 56 78');
    await until(() => reason(el) === undefined, 'a valid number');
    expect(input.getAttribute('aria-invalid')).to.equal('false');
    expect((part<HTMLButtonElement>(el, 'call-button')!).disabled).to.equal(false);

    await sendKeys({ press: 'Enter' });
    await until(() => el.state === 'connected' && focused(el) === 'hangup-button', 'connected, focus on Hang up');
    expect(input.readOnly, 'read-only during the call').to.equal(true);
    expect(starts).to.deep.equal([{ provider: 'demo', direction: 'outbound', to: '+33612345678', agentId: 'agent-7' }]);
    const ended = oneEvent(el, 'call-end');
    await sendKeys({ press: 'Enter' });
    const record = (await ended).detail;
    expect(record).to.deep.include({ direction: 'outbound', to: '+33612345678', agentId: 'agent-7', status: 'completed' });
    await until(() => stored.length === 1, 'call-stored');
    const calls = await storage.listCalls();
    expect(calls).to.have.length(1);
    expect(calls[0]).to.deep.include({ id: record.id, to: '+33612345678' });
    expect(new Set(saved.map((sent) => sent.id))).to.deep.equal(new Set([record.id]));
    expect(input.readOnly).to.equal(false);
  });

  it('refuses an invalid number on Enter with the reason (call-error, spoken), and places no call', async () => {
    const el = await fixture<CallButton>(html`<call-button dialler></call-button>`);
    const errors = collect<CallErrorDetail>(el, 'call-error');
    const starts = collect(el, 'call-start');
    part(el, 'dialler')!.focus();
    await typeKeys('12345');
    await sendKeys({ press: 'Enter' });
    await until(() => errors.length === 1, 'call-error');
    expect(errors[0]!.code).to.equal('number-invalid');
    expect(liveRegion(el)).to.equal(errors[0]!.message);
    expect(reason(el)).to.equal(errors[0]!.message);
    expect(starts).to.have.length(0);
    expect(el.state).to.equal('idle');
  });

  it('the same permissions: disabled refuses with its reason', async () => {
    const el = await fixture<CallButton>(html`<call-button dialler disabled number="+33123456789"></call-button>`);
    const errors = collect<CallErrorDetail>(el, 'call-error');
    expect(part<HTMLInputElement>(el, 'dialler')!.value, '`number` is the initial value').to.equal('+33123456789');
    part(el, 'dialler')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => errors.length === 1, 'call-error');
    expect(errors[0]!.code).to.equal('call-disabled');
    expect(reason(el)).to.equal('Calling is turned off here.');
    expect(el.state).to.equal('idle');
  });

  it('in French, and axe-clean empty, typed and during the call', async () => {
    const el = await fixture<CallButton>(html`<call-button dialler lang="fr"></call-button>`);
    expect(part(el, 'dialler')!.getAttribute('aria-label')).to.equal('Numéro à appeler');
    expect(reason(el)).to.equal('Aucun numéro de téléphone à appeler.');
    await expect(el).shadowDom.to.be.accessible();
    part(el, 'dialler')!.focus();
    await typeKeys('+33123456789');
    await until(() => reason(el) === undefined, 'valid');
    expect(part(el, 'call-button')!.textContent!.trim()).to.equal('Appeler');
    await expect(el).shadowDom.to.be.accessible();
    el.call();
    await until(() => el.state === 'connected', 'connected');
    await expect(el).shadowDom.to.be.accessible();
  });
});
