/**
 * The wrap-up of <call-button wrap-up> and <call-controls wrap-up>: after a call ends, an outcome and a
 * note saved into the same record (same id) through the queue, and the note as a `note` action; Skip
 * and Escape write nothing; keyboard, French, axe. And `wrapUpCall()` for hosts with their own form.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { wrapUpCall } from '../../src/calls/api.js';
import { configure } from '../../src/config.js';
import '../../src/elements/call-button/define.js';
import '../../src/elements/call-controls/define.js';
import type { CallButton } from '../../src/elements/call-button/call-button.js';
import type { CallControls } from '../../src/elements/call-controls/call-controls.js';
import type { CallErrorDetail, CallWrapUpDetail } from '../../src/events/events.js';
import { CallElementsError } from '../../src/internal/errors.js';
import { createDemoProvider } from '../../src/providers/demo/index.js';
import type { CallRecord } from '../../src/schema/call-record.js';
import { createMemoryStorage } from '../../src/storage/memory/index.js';
import { until } from '../helpers/manual-provider.js';
import { typeKeys } from '../helpers/type-keys.js';
import { isolatedOutbox, resetLibrary } from '../helpers/reset.js';

const part = <T extends HTMLElement = HTMLElement>(el: Element, name: string) => el.shadowRoot!.querySelector<T>(`[part~='${name}']`);
const focused = (el: Element) => (el.shadowRoot!.activeElement as HTMLElement | null)?.getAttribute('part');


function collect<T>(el: EventTarget, type: string): T[] {
  const seen: T[] = [];
  el.addEventListener(type, (event) => seen.push((event as CustomEvent<T>).detail));
  return seen;
}

/** A memory storage that also keeps every record it was sent. */
function spiedStorage() {
  const memory = createMemoryStorage();
  const sent: CallRecord[] = [];
  return { ...memory, sent, saveCall: (record: CallRecord) => (sent.push(record), memory.saveCall(record)) };
}

const DISPOSITIONS = '[{"value":"interested","label":"Interested"},{"value":"call-back","label":"Call back"}]';

async function wrapUpButton(lang = 'en') {
  return fixture<CallButton>(html`<call-button
    lang=${lang}
    number="+33123456789"
    display-name="Jean Dupont"
    lead-id="lead-42"
    request-id="req-123"
    agent-id="agent-7"
    wrap-up
    dispositions=${DISPOSITIONS}
  ></call-button>`);
}

/** Places a demo call and hangs up; resolves with the finished record once the wrap-up is open. */
async function callAndHangUp(el: CallButton): Promise<CallRecord> {
  const ended = oneEvent(el, 'call-end');
  el.call();
  await until(() => el.state === 'connected', 'connected');
  el.hangup();
  const record = (await ended).detail;
  await until(() => part(el, 'wrap-up'), 'the wrap-up open');
  return record;
}

describe('wrap-up', () => {
  let storage: ReturnType<typeof spiedStorage>;

  beforeEach(async () => {
    await resetLibrary();
    storage = spiedStorage();
    configure({ providers: { demo: createDemoProvider({ connectAfterMs: 5, answerAfterMs: 10 }) }, storage, outbox: isolatedOutbox() });
  });
  afterEach(async () => {
    document.querySelectorAll('call-button').forEach((el) => el.hangup());
    await resetLibrary();
  });

  it('saves the outcome and the note into the same record (one record, same id) and logs the note once', async () => {
    const el = await wrapUpButton();
    const wrapUps = collect<CallWrapUpDetail>(el, 'call-wrap-up');
    const record = await callAndHangUp(el);
    const form = part(el, 'wrap-up')!;
    expect(form.getAttribute('aria-label')).to.equal('Wrap-up of the call with Jean Dupont');
    const options = [...part<HTMLSelectElement>(el, 'wrap-up-outcome')!.options].map((o) => [o.value, o.textContent!.trim()]);
    expect(options).to.deep.equal([
      ['', 'No outcome'],
      ['interested', 'Interested'],
      ['call-back', 'Call back'],
    ]);
    part<HTMLSelectElement>(el, 'wrap-up-outcome')!.value = 'call-back';
    part<HTMLTextAreaElement>(el, 'wrap-up-notes')!.value = '  Call back Monday, after 10.  ';
    part(el, 'wrap-up-save')!.click();
    await until(() => wrapUps.length === 1, 'call-wrap-up');
    expect(wrapUps[0]).to.deep.equal({ id: record.id, disposition: 'call-back', notes: 'Call back Monday, after 10.' });
    expect(part(el, 'wrap-up'), 'the form closed').to.equal(null);
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim()).to.equal('Wrap-up saved.');

    const stored = await until(async () => {
      const calls = await storage.listCalls();
      return calls[0]?.disposition ? calls : undefined;
    }, 'the wrapped-up record stored');
    expect(stored).to.have.length(1);
    expect(stored[0]).to.deep.include({ id: record.id, disposition: 'call-back', notes: 'Call back Monday, after 10.', leadId: 'lead-42', status: 'completed' });
    expect(stored[0]!.startedAt).to.equal(record.startedAt);
    const notes = await until(async () => {
      const actions = await storage.listActions();
      return actions.length ? actions : undefined;
    }, 'the note action');
    expect(notes).to.have.length(1);
    expect(notes[0]).to.deep.include({ type: 'note', callId: record.id, leadId: 'lead-42', requestId: 'req-123', agentId: 'agent-7', notes: 'Call back Monday, after 10.' });
    expect(new Set(storage.sent.map((sent) => sent.id))).to.deep.equal(new Set([record.id]));
  });

  it('an outcome alone is saved without a note action; Save with neither is a Skip', async () => {
    const el = await wrapUpButton();
    const wrapUps = collect<CallWrapUpDetail>(el, 'call-wrap-up');
    const first = await callAndHangUp(el);
    part<HTMLSelectElement>(el, 'wrap-up-outcome')!.value = 'interested';
    part(el, 'wrap-up-save')!.click();
    await until(() => wrapUps.length === 1, 'call-wrap-up');
    expect(wrapUps[0]).to.deep.equal({ id: first.id, disposition: 'interested' });
    await until(async () => (await storage.listCalls())[0]?.disposition === 'interested', 'stored with the outcome');
    expect((await storage.listCalls())[0]!.notes).to.equal(undefined);

    const second = await callAndHangUp(el);
    part(el, 'wrap-up-save')!.click();
    await until(() => !part(el, 'wrap-up'), 'closed');
    await until(async () => (await storage.listCalls()).length === 2, 'the second call stored');
    expect(wrapUps).to.have.length(1);
    expect(storage.sent.filter((sent) => sent.id === second.id).every((sent) => sent.disposition === undefined && sent.notes === undefined)).to.equal(true);
    expect(await storage.listActions()).to.deep.equal([]);
  });

  it('Skip writes nothing', async () => {
    const el = await wrapUpButton();
    const stored = collect(el, 'call-stored');
    const record = await callAndHangUp(el);
    part<HTMLSelectElement>(el, 'wrap-up-outcome')!.value = 'interested';
    part<HTMLTextAreaElement>(el, 'wrap-up-notes')!.value = 'not to be kept';
    part(el, 'wrap-up-skip')!.click();
    await el.updateComplete;
    expect(part(el, 'wrap-up')).to.equal(null);
    await until(() => stored.length === 1, 'the call stored');
    expect(storage.sent.every((sent) => sent.id === record.id && sent.disposition === undefined && sent.notes === undefined)).to.equal(true);
    expect(await storage.listActions()).to.deep.equal([]);
  });

  it('keyboard: focus goes into the form, Tab goes outcome, note, Save, Skip; Enter in the outcome saves; Escape skips', async () => {
    const el = await wrapUpButton();
    const wrapUps = collect<CallWrapUpDetail>(el, 'call-wrap-up');
    part(el, 'call-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => el.state === 'connected' && focused(el) === 'hangup-button', 'connected, focus on Hang up');
    await sendKeys({ press: 'Enter' });
    await until(() => focused(el) === 'wrap-up-outcome', 'focus in the outcome');
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('wrap-up-notes');
    await typeKeys('Sent the brochure');
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('wrap-up-save');
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('wrap-up-skip');
    // Back to the outcome (WebKit's driver has no Shift+Tab), and the choice itself (arrow keys in a closed
    // select differ between engines): Enter in it is the keyboard's part under test.
    part(el, 'wrap-up-outcome')!.focus();
    part<HTMLSelectElement>(el, 'wrap-up-outcome')!.value = 'interested';
    await sendKeys({ press: 'Enter' });
    await until(() => wrapUps.length === 1, 'saved with Enter');
    expect(wrapUps[0]).to.deep.include({ disposition: 'interested', notes: 'Sent the brochure' });
    await until(() => focused(el) === 'call-button', 'focus back on the call button');

    await sendKeys({ press: 'Enter' });
    await until(() => el.state === 'connected' && focused(el) === 'hangup-button', 'second call connected');
    await sendKeys({ press: 'Enter' });
    await until(() => focused(el) === 'wrap-up-outcome', 'the second wrap-up');
    await sendKeys({ press: 'Tab' });
    await typeKeys('to drop');
    await sendKeys({ press: 'Escape' });
    await until(() => !part(el, 'wrap-up'), 'Escape closed it');
    await until(() => focused(el) === 'call-button', 'focus back on the call button');
    expect(wrapUps).to.have.length(1);
    expect((await storage.listActions()).map((action) => action.notes)).to.deep.equal(['Sent the brochure']);
  });

  it('a new call closes a wrap-up left open, saving nothing, and opens its own at its end', async () => {
    const el = await wrapUpButton();
    const first = await callAndHangUp(el);
    part<HTMLTextAreaElement>(el, 'wrap-up-notes')!.value = 'left behind';
    part(el, 'wrap-up-notes')!.focus();
    el.call();
    await el.updateComplete;
    expect(part(el, 'wrap-up'), 'closed by the new call').to.equal(null);
    expect(focused(el), 'focus on the new call, not lost to the page').to.equal('hangup-button');
    await until(() => el.state === 'connected', 'connected');
    el.hangup();
    await until(() => part(el, 'wrap-up'), 'the second wrap-up');
    expect(part<HTMLTextAreaElement>(el, 'wrap-up-notes')!.value).to.equal('');
    expect(storage.sent.filter((sent) => sent.id === first.id).every((sent) => sent.notes === undefined)).to.equal(true);
  });

  it('in French, and axe-clean with the form open', async () => {
    const el = await wrapUpButton('fr');
    await callAndHangUp(el);
    expect(part(el, 'wrap-up')!.getAttribute('aria-label')).to.equal('Compte rendu de l’appel avec Jean Dupont');
    const labels = [...el.shadowRoot!.querySelectorAll('.wrap-up label')].map((label) => label.querySelector('span')!.textContent!.trim());
    expect(labels).to.deep.equal(['Résultat', 'Note']);
    expect(part<HTMLSelectElement>(el, 'wrap-up-outcome')!.options[0]!.textContent!.trim()).to.equal('Aucun résultat');
    expect(part(el, 'wrap-up-save')!.textContent!.trim()).to.equal('Enregistrer');
    expect(part(el, 'wrap-up-skip')!.textContent!.trim()).to.equal('Passer');
    await expect(el).shadowDom.to.be.accessible();
  });

  it('without dispositions asks for a note only; a comma list works as the attribute; odd values are reported', async () => {
    const plain = await fixture<CallButton>(html`<call-button number="+33123456789" wrap-up></call-button>`);
    await callAndHangUp(plain);
    expect(part(plain, 'wrap-up-outcome')).to.equal(null);
    expect(focused(plain) ?? part(plain, 'wrap-up-notes')).to.not.equal(null);
    part(plain, 'wrap-up-skip')!.click();

    const listed = await fixture<CallButton>(html`<call-button number="+33123456789" wrap-up dispositions="interested, call back,,"></call-button>`);
    const errors = collect<CallErrorDetail>(listed, 'call-error');
    await callAndHangUp(listed);
    expect([...part<HTMLSelectElement>(listed, 'wrap-up-outcome')!.options].map((o) => o.value)).to.deep.equal(['', 'interested', 'call back']);
    listed.dispositions = ['ok', 'x'.repeat(101)];
    await listed.updateComplete;
    expect(errors.map((e) => e.code)).to.deep.equal(['invalid-options']);
    expect([...part<HTMLSelectElement>(listed, 'wrap-up-outcome')!.options].map((o) => o.value)).to.deep.equal(['', 'ok']);
  });

  it('<call-controls wrap-up> wraps up the call another element placed', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <call-button number="+33123456789" lead-id="lead-9"></call-button>
      <call-controls wrap-up dispositions="interested"></call-controls>
    </div>`);
    const el = wrapper.querySelector<CallButton>('call-button')!;
    const controls = wrapper.querySelector<CallControls>('call-controls')!;
    const wrapUps = collect<CallWrapUpDetail>(controls, 'call-wrap-up');
    const ended = oneEvent(el, 'call-end');
    el.call();
    await until(() => el.state === 'connected', 'connected');
    el.hangup();
    const record = (await ended).detail;
    await until(() => part(controls, 'wrap-up'), 'the wrap-up in <call-controls>');
    expect(part(el, 'wrap-up'), 'not in the button without wrap-up').to.equal(null);
    part<HTMLSelectElement>(controls, 'wrap-up-outcome')!.value = 'interested';
    part<HTMLTextAreaElement>(controls, 'wrap-up-notes')!.value = 'From the toolbar';
    part(controls, 'wrap-up-save')!.click();
    await until(() => wrapUps.length === 1, 'call-wrap-up');
    const stored = await until(async () => {
      const calls = await storage.listCalls();
      return calls[0]?.notes ? calls : undefined;
    }, 'stored');
    expect(stored.map((call) => [call.id, call.disposition, call.notes])).to.deep.equal([[record.id, 'interested', 'From the toolbar']]);
    await until(async () => (await storage.listActions()).length === 1, 'the note action');
    await expect(controls).shadowDom.to.be.accessible();
  });

  it('rate-call: a one-to-five rating and the sound problem, kept in the same record with the outcome (en, fr), axe-clean', async () => {
    const el = await fixture<CallButton>(html`<call-button number="+33123456789" wrap-up rate-call dispositions=${DISPOSITIONS}></call-button>`);
    const record = await callAndHangUp(el);
    const rating = part(el, 'wrap-up-rating')!;
    expect(rating.querySelector('legend')!.textContent).to.equal('Call quality');
    const scores = [...rating.querySelectorAll<HTMLInputElement>('input[name="score"]')];
    expect(scores.map((input) => input.value)).to.deep.equal(['1', '2', '3', '4', '5']);
    // Each score has a name that says what it means, not only its digit.
    expect(scores[1]!.closest('label')!.textContent).to.contain('2 out of 5, poor');
    await expect(el).shadowDom.to.be.accessible();
    scores[1]!.click();
    part<HTMLSelectElement>(el, 'wrap-up-issue')!.value = 'echo';
    part<HTMLSelectElement>(el, 'wrap-up-outcome')!.value = 'call-back';
    part(el, 'wrap-up-save')!.click();
    await until(async () => (await storage.listCalls()).find((r) => r.id === record.id)?.metrics.feedbackScore === 2, 'the rating stored');
    const calls = await storage.listCalls();
    expect(calls.filter((r) => r.id === record.id)).to.have.length(1);
    expect(calls[0]).to.include({ disposition: 'call-back' });
    expect(calls[0]!.metrics).to.include({ feedbackScore: 2, feedbackIssue: 'echo' });
    // A rating alone is something to save; French.
    el.lang = 'fr';
    const second = await callAndHangUp(el);
    expect(part(el, 'wrap-up-rating')!.querySelector('legend')!.textContent).to.equal('Qualité de l’appel');
    expect(part(el, 'wrap-up-rating')!.textContent).to.contain('5 sur 5, excellente');
    part(el, 'wrap-up-rating')!.querySelectorAll<HTMLInputElement>('input[name="score"]')[4]!.click();
    part(el, 'wrap-up-save')!.click();
    await until(async () => (await storage.listCalls()).find((r) => r.id === second.id)?.metrics.feedbackScore === 5, 'the second rating stored');
    expect((await storage.listCalls()).find((r) => r.id === second.id)!.metrics.feedbackIssue).to.equal(undefined);
  });

  it('without rate-call, no rating is asked', async () => {
    const el = await wrapUpButton();
    await callAndHangUp(el);
    expect(part(el, 'wrap-up-rating')).to.equal(null);
  });

  describe('wrapUpCall()', () => {
    it('saves into the record of a call of this page; refuses an unknown id and values the record cannot hold', async () => {
      const el = await fixture<CallButton>(html`<call-button number="+33123456789"></call-button>`);
      const ended = oneEvent(el, 'call-end');
      el.call();
      el.hangup();
      const record = (await ended).detail;
      const refusal = async (run: Promise<unknown>) => run.then(() => undefined, (error: unknown) => error);
      for (const [id, wrapUp] of [
        ['demo:nope', { notes: 'x' }],
        [record.id, { disposition: 'x'.repeat(101) }],
        [record.id, { notes: 42 }],
        [record.id, { outcome: 'interested' }],
        [record.id, null],
      ] as const) {
        const error = await refusal(wrapUpCall(id, wrapUp as never));
        expect(error, JSON.stringify(wrapUp)).to.be.instanceOf(CallElementsError);
        expect((error as CallElementsError).code).to.equal('invalid-options');
      }
      expect(await wrapUpCall(record.id, { disposition: ' ', notes: '' })).to.deep.equal({});
      expect(await wrapUpCall(record.id, { disposition: 'interested', notes: 'By script' })).to.deep.equal({ disposition: 'interested', notes: 'By script' });
      await until(async () => (await storage.listCalls())[0]?.notes === 'By script', 'stored');
      expect(await storage.listCalls()).to.have.length(1);
      await until(async () => (await storage.listActions()).length === 1, 'the note action');
    });
  });
});
