/**
 * `configure({ lookupCaller })`: who an incoming call is from, asked while it rings. What it returns names
 * the caller on screen and goes into the record (the same id, once), whether it answers before the call
 * ends or after; a lookup that fails, answers nonsense or takes too long changes nothing but a call-error.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { configure } from '../../src/config.js';
import '../../src/elements/call-button/define.js';
import '../../src/elements/call-controls/define.js';
import type { CallButton } from '../../src/elements/call-button/call-button.js';
import type { CallControls } from '../../src/elements/call-controls/call-controls.js';
import { createDemoProvider } from '../../src/providers/demo/index.js';
import type { CallRecord } from '../../src/schema/call-record.js';
import { $call } from '../../src/store/call.js';
import { thrownBy } from '../helpers/errors.js';
import { createFlakyStorage, type FlakyStorage } from '../helpers/flaky-storage.js';
import { createManualProvider, until, type ManualProvider } from '../helpers/manual-provider.js';
import { isolatedOutbox, resetLibrary } from '../helpers/reset.js';

const part = (element: Element, name: string) => element.shadowRoot!.querySelector<HTMLElement>(`[part~='${name}']`);

function onDocument<T>(type: string): T[] {
  const seen: T[] = [];
  document.addEventListener(type, (event) => seen.push((event as CustomEvent<T>).detail));
  return seen;
}

describe('lookupCaller: who is calling', () => {
  let manual: ManualProvider;
  let storage: FlakyStorage;

  beforeEach(async () => {
    await resetLibrary();
    manual = createManualProvider('manual', ['outbound', 'inbound', 'mute']);
    storage = createFlakyStorage();
    configure({ providers: { manual }, storage, outbox: isolatedOutbox() });
  });
  afterEach(resetLibrary);

  async function ringing(from = '+33612345678') {
    const receiver = await fixture<CallButton>(html`<call-button provider="manual" accept-incoming></call-button>`);
    const controls = await fixture<CallControls>(html`<call-controls></call-controls>`);
    await until(() => manual.listeners === 1, 'listening');
    expect(manual.ring({ callSid: 'CA300', from })).to.equal(true);
    return { receiver, controls };
  }

  const stored = async () => {
    await until(async () => (await storage.inner.listCalls()).length === 1, 'the record stored');
    return (await storage.inner.listCalls())[0]!;
  };

  it('is asked with the number while the call rings; the ringing UI and the record carry what it found', async () => {
    const asked: unknown[][] = [];
    configure({
      lookupCaller: async (...args) => {
        asked.push(args);
        return { leadId: 'lead-42', requestId: 'req-7', displayName: 'Marie Curie' };
      },
    });
    const { receiver, controls } = await ringing();
    await until(() => $call.get()?.displayName === 'Marie Curie', 'the caller named');
    expect(asked).to.deep.equal([['+33612345678', { from: '+33612345678', provider: 'manual' }]]);
    await controls.updateComplete;
    await receiver.updateComplete;
    expect(part(controls, 'name')?.textContent).to.equal('Marie Curie');
    expect(part(controls, 'number')?.textContent).to.equal('+33612345678');
    expect(part(receiver, 'name')?.textContent).to.equal('Marie Curie');
    expect(part(receiver, 'answer-button')?.getAttribute('aria-label') ?? '').to.contain('Marie Curie');
    part(controls, 'answer-button')!.click();
    await until(() => $call.get()?.state === 'connected', 'answered');
    part(controls, 'hangup-button')!.click();
    const record = await stored();
    expect(record).to.include({ id: 'manual:CA300', direction: 'inbound', from: '+33612345678', leadId: 'lead-42', requestId: 'req-7', displayName: 'Marie Curie' });
  });

  it('answering after the call ended: the same record is captured again with it, and stored once with it', async () => {
    let answer!: (info: { leadId: string; displayName: string }) => void;
    configure({ lookupCaller: () => new Promise((resolve) => (answer = resolve)) });
    const { controls } = await ringing();
    part(controls, 'decline-button')!.click();
    const first = await stored();
    expect(first.leadId).to.equal(undefined);
    answer({ leadId: 'lead-late', displayName: 'Late Lookup' });
    await until(async () => (await storage.inner.listCalls())[0]?.leadId === 'lead-late', 'the record completed');
    const calls = await storage.inner.listCalls();
    expect(calls.map((record) => record.id)).to.deep.equal(['manual:CA300']);
    expect(calls[0]).to.include({ status: 'rejected', displayName: 'Late Lookup' });
  });

  it('a lookup that throws, answers nonsense or finds nothing: the call goes on, the record has none of it, the failure is a call-error', async () => {
    const cases: [() => unknown, number][] = [
      [
        () => {
          throw new Error('directory down');
        },
        1,
      ],
      [() => ({ leadId: 42 }), 1],
      [() => undefined, 0],
    ];
    for (const [lookupCaller, expected] of cases) {
      await resetLibrary();
      manual = createManualProvider('manual', ['outbound', 'inbound', 'mute']);
      storage = createFlakyStorage();
      configure({ providers: { manual }, storage, outbox: isolatedOutbox(), lookupCaller: lookupCaller as never });
      const errors = onDocument<{ code: string; message: string }>('call-error');
      const { controls } = await ringing();
      expect($call.get()?.state).to.equal('incoming');
      part(controls, 'decline-button')!.click();
      const record = await stored();
      expect(record.leadId).to.equal(undefined);
      expect(record.displayName).to.equal(undefined);
      await until(() => errors.length >= expected, 'the call-error');
      expect(errors.filter((error) => error.code === 'caller-lookup-failed').length).to.equal(expected);
    }
  });

  it('a lookup slower than lookupCallerTimeoutMs is left out', async () => {
    configure({ lookupCaller: () => new Promise(() => {}), lookupCallerTimeoutMs: 50 });
    const errors = onDocument<{ code: string; message: string }>('call-error');
    const { controls } = await ringing();
    part(controls, 'decline-button')!.click();
    const record = await stored();
    expect(record.displayName).to.equal(undefined);
    await until(() => errors.some((error) => error.code === 'caller-lookup-failed'), 'the time-out reported');
    expect(errors.find((error) => error.code === 'caller-lookup-failed')!.message).to.contain('50 ms');
  });

  it('configure() refuses a lookup that is not a function and a time limit out of range', () => {
    for (const bad of [{ lookupCaller: 'crm' }, { lookupCallerTimeoutMs: 0 }, { lookupCallerTimeoutMs: 120_000 }, { lookupCallerTimeoutMs: '5s' }]) {
      expect((thrownBy(() => configure(bad as never)) as { code?: string }).code, JSON.stringify(bad)).to.equal('invalid-options');
    }
  });

  it('in French, the failure says so in French', async () => {
    configure({ locale: 'fr', lookupCaller: () => Promise.reject(new Error('annuaire indisponible')) });
    const errors = onDocument<{ code: string; message: string }>('call-error');
    const { controls } = await ringing();
    part(controls, 'decline-button')!.click();
    await until(() => errors.some((error) => error.code === 'caller-lookup-failed'), 'the call-error');
    expect(errors.find((error) => error.code === 'caller-lookup-failed')!.message).to.equal('Impossible de savoir qui appelle : annuaire indisponible');
  });
});

describe('lookupCaller with the demo provider: an incoming demo call', () => {
  beforeEach(resetLibrary);
  afterEach(resetLibrary);

  it('a simulated caller is looked up, named while it rings, and stored once with the lead', async () => {
    const storage = createFlakyStorage();
    const demo = createDemoProvider({ incoming: true });
    configure({
      providers: { demo },
      storage,
      outbox: isolatedOutbox(),
      lookupCaller: (from) => (from === '+14155550123' ? { leadId: 'lead-demo', displayName: 'Ada Lovelace' } : undefined),
    });
    const receiver = await fixture<CallButton>(html`<call-button provider="demo" accept-incoming></call-button>`);
    await until(() => demo.simulateIncoming(), 'the page took the demo call');
    await until(() => part(receiver, 'name')?.textContent === 'Ada Lovelace', 'the caller named on the button');
    part(receiver, 'answer-button')!.click();
    await until(() => $call.get()?.state === 'connected', 'answered');
    part(receiver, 'hangup-button')!.click();
    await until(async () => (await storage.inner.listCalls()).length === 1, 'stored');
    const [record] = (await storage.inner.listCalls()) as CallRecord[];
    expect(record).to.include({ direction: 'inbound', from: '+14155550123', leadId: 'lead-demo', displayName: 'Ada Lovelace' });
  });
});
