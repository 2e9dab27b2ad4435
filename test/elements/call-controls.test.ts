/**
 * The call belongs to the page, not to an element: removing, re-creating or moving elements never
 * ends, duplicates or orphans a call; <call-controls> and currentCall() reach it wherever it started.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { configure, currentCall } from '../../src/config.js';
import '../../src/elements/call-button/define.js';
import '../../src/elements/call-controls/define.js';
import type { CallButton } from '../../src/elements/call-button/call-button.js';
import type { CallControls } from '../../src/elements/call-controls/call-controls.js';
import type { CallRecord } from '../../src/schema/call-record.js';
import { $call } from '../../src/store/call.js';
import { createFlakyStorage, type FlakyStorage } from '../helpers/flaky-storage.js';
import { createManualProvider, until, wait, type ManualProvider } from '../helpers/manual-provider.js';
import { isolatedOutbox, resetLibrary } from '../helpers/reset.js';

function part(element: Element, name: string): HTMLElement | null {
  return element.shadowRoot!.querySelector<HTMLElement>(`[part~='${name}']`);
}

function onDocument<T>(type: string): { seen: T[]; stop(): void } {
  const seen: T[] = [];
  const listener = (event: Event) => seen.push((event as CustomEvent<T>).detail);
  document.addEventListener(type, listener);
  return { seen, stop: () => document.removeEventListener(type, listener) };
}

describe('<call-controls> and currentCall(): the call belongs to the page', () => {
  let manual: ManualProvider;
  let storage: FlakyStorage;

  beforeEach(async () => {
    await resetLibrary();
    manual = createManualProvider('manual', ['outbound', 'inbound', 'mute', 'dtmf']);
    storage = createFlakyStorage();
    configure({ providers: { manual }, storage, outbox: isolatedOutbox() });
  });
  afterEach(resetLibrary);

  async function connected(template = html`<call-button provider="manual" number="+33123456789" display-name="Jean Dupont"></call-button>`) {
    const el = await fixture<CallButton>(template);
    el.call();
    await until(() => manual.requests.length === 1, 'dialled');
    manual.emit({ type: 'ringing', callSid: 'CA100' });
    manual.emit({ type: 'connected' });
    return el;
  }

  it('renders nothing while there is no call', async () => {
    const controls = await fixture<CallControls>(html`<call-controls></call-controls>`);
    expect(part(controls, 'base')).to.equal(null);
    expect(currentCall()).to.equal(undefined);
  });

  it('shows why the call failed, as <call-button> does', async () => {
    const controls = await fixture<CallControls>(html`<call-controls></call-controls>`);
    const el = await fixture<CallButton>(html`<call-button provider="manual" number="+33123456789"></call-button>`);
    el.call();
    await until(() => manual.requests.length === 1, 'dialled');
    manual.emit({ type: 'failed', error: { code: 'provider-failed', message: 'socket closed' } });
    await until(() => part(controls, 'failure') !== null, 'the reason on screen');
    expect(part(controls, 'status')!.textContent!.trim()).to.equal('Call failed');
    expect(part(controls, 'failure')!.textContent!.trim()).to.equal('The call provider reported an error: socket closed');
  });

  it('a <call-button> removed mid-call (a route change): the call goes on, <call-controls> ends it, stored once, events to the page', async () => {
    const controls = await fixture<CallControls>(html`<call-controls></call-controls>`);
    const button = await connected();
    const ends = onDocument<CallRecord>('call-end');
    const stored = onDocument<{ id: string }>('call-stored');
    button.remove();
    await wait(20);
    expect(currentCall()?.snapshot.state, 'still connected').to.equal('connected');
    expect(manual.hangups).to.equal(0);

    await controls.updateComplete;
    expect(part(controls, 'name')!.textContent).to.equal('Jean Dupont');
    expect(part(controls, 'number')!.textContent).to.equal('+33123456789');
    expect(part(controls, 'status')!.textContent).to.equal('Connected');
    expect(part(controls, 'timer')).to.not.equal(null);
    part(controls, 'hangup-button')!.click();

    await until(() => stored.seen.length === 1, 'call-stored on the page');
    ends.stop();
    stored.stop();
    expect(ends.seen.map((record) => [record.id, record.endedBy])).to.deep.equal([['manual:CA100', 'agent']]);
    expect(stored.seen).to.deep.equal([{ id: 'manual:CA100' }]);
    expect(manual.hangups).to.equal(1);
    expect(storage.attempts.map((record) => record.id)).to.deep.equal(['manual:CA100']);
    await controls.updateComplete;
    expect(part(controls, 'hangup-button'), 'no control once the call ended').to.equal(null);
    expect(part(controls, 'status')!.textContent).to.equal('Call ended');
    expect(currentCall()).to.equal(undefined);
  });

  it('currentCall() ends a call whose element is gone', async () => {
    const button = await connected();
    const ends = onDocument<CallRecord>('call-end');
    button.remove();
    const call = currentCall()!;
    expect(call.snapshot).to.include({ provider: 'manual', to: '+33123456789', state: 'connected', callSid: 'CA100' });
    call.mute(true);
    expect(manual.mutes).to.deep.equal([true]);
    call.sendDigits('12#');
    expect(manual.digits).to.deep.equal(['12#']);
    call.hangup();
    await until(() => ends.seen.length === 1, 'call-end on the page');
    ends.stop();
    expect(ends.seen[0]!.metrics.muteToggles).to.equal(1);
    expect(currentCall()).to.equal(undefined);
  });

  it('a <call-button> created again for the same number and provider shows the live call; the others say another call is in progress', async () => {
    const button = await connected();
    button.remove();
    const again = await fixture<CallButton>(html`<div>
      <call-button provider="manual" number="+33 1 23 45 67 89" display-name="Jean Dupont"></call-button>
      <call-button provider="manual" number="+33999999999"></call-button>
    </div>`);
    const [same, other] = [...again.querySelectorAll('call-button')] as CallButton[];
    await same!.updateComplete;
    await other!.updateComplete;
    expect(same!.state).to.equal('connected');
    expect(part(same!, 'hangup-button')).to.not.equal(null);
    expect(part(other!, 'call-button')!.hasAttribute('disabled')).to.equal(true);
    expect(part(other!, 'reason')!.textContent).to.contain('Another call is already in progress');
    const ends = onDocument<CallRecord>('call-end');
    part(same!, 'hangup-button')!.click();
    await until(() => ends.seen.length === 1, 'call-end');
    ends.stop();
    expect(manual.hangups).to.equal(1);
    await other!.updateComplete;
    expect(part(other!, 'call-button')!.hasAttribute('disabled')).to.equal(false);
  });

  it('moving a <call-button> during a call changes nothing for the call', async () => {
    const button = await connected();
    const ends: CallRecord[] = [];
    button.addEventListener('call-end', (event) => ends.push(event.detail));
    const elsewhere = await fixture(html`<section></section>`);
    elsewhere.append(button);
    await button.updateComplete;
    expect(button.state).to.equal('connected');
    expect(part(button, 'hangup-button')).to.not.equal(null);
    part(button, 'hangup-button')!.click();
    await until(() => ends.length === 1, 'call-end on the moved button');
    expect(ends[0]!.id).to.equal('manual:CA100');
    expect(manual.hangups).to.equal(1);
  });

  it('shows an incoming call with Answer and Decline, whoever took it, and its controls once answered', async () => {
    const receiver = await fixture<CallButton>(html`<call-button provider="manual" accept-incoming></call-button>`);
    const controls = await fixture<CallControls>(html`<call-controls></call-controls>`);
    await until(() => manual.listeners === 1, 'listening');
    expect(manual.ring({ callSid: 'CA200', from: '+33612345678' })).to.equal(true);
    await controls.updateComplete;
    expect(part(controls, 'number')!.textContent).to.equal('+33612345678');
    expect(part(controls, 'answer-button')).to.not.equal(null);
    expect(part(controls, 'decline-button')).to.not.equal(null);
    // The button that took the call is removed while it rings: the call goes on.
    receiver.remove();
    await wait(10);
    expect($call.get()?.state).to.equal('incoming');
    part(controls, 'answer-button')!.click();
    await until(() => $call.get()?.state === 'connected', 'answered');
    expect(manual.accepts).to.equal(1);
    await controls.updateComplete;
    expect(part(controls, 'mute-button')).to.not.equal(null);
    part(controls, 'keypad-button')!.click();
    await controls.updateComplete;
    part(controls, 'keypad')!.querySelector<HTMLButtonElement>('[part~="key"]')!.click();
    expect(manual.digits).to.deep.equal(['1']);
    const ends = onDocument<CallRecord>('call-end');
    part(controls, 'hangup-button')!.click();
    await until(() => ends.seen.length === 1, 'call-end');
    ends.stop();
    expect(ends.seen[0]).to.include({ id: 'manual:CA200', direction: 'inbound', status: 'completed' });
  });
});
