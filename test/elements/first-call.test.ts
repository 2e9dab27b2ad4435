// A page's first call, as a page built from the npm package has it: the call pipeline (session, record,
// queue, storage adapters) is not loaded with the elements but downloaded on the first click. This file
// must not import test/helpers/reset.ts, nor anything else that imports src/calls/engine.ts.
import { expect, fixture, html } from '@open-wc/testing';
import { configure } from '../../src/config.js';
import { pageRuntime } from '../../src/calls/page-runtime.js';
import '../../src/elements/call-button/define.js';
import '../../src/elements/call-notification/define.js';
import type { CallButton } from '../../src/elements/call-button/call-button.js';
import { createDemoProvider } from '../../src/providers/demo/index.js';
import type { CallRecord } from '../../src/schema/call-record.js';
import { createMemoryStorage } from '../../src/storage/memory/index.js';
import { until, wait } from '../helpers/manual-provider.js';
import { isolatedOutbox } from '../helpers/outbox-names.js';

const loadedModule = (name: string) => performance.getEntriesByType('resource').some((entry) => entry.name.includes(name));
const part = (el: CallButton, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~='${name}']`);
const outbox = isolatedOutbox();
const storage = createMemoryStorage();

describe('<call-button>: the first call of a page', () => {
  before(() => {
    configure({
      storage,
      outbox,
      providers: { demo: createDemoProvider({ connectAfterMs: 10, answerAfterMs: 30 }) },
    });
  });

  it('does not load the call pipeline, nor create the queue’s database, while nothing was queued', async () => {
    const notifications = await fixture(html`<call-notification notify="all"></call-notification>`);
    const el = await fixture<CallButton>(html`<call-button number="+33123456789" display-name="Ana"></call-button>`);
    // The queue check runs one task after the element connects; give it time to finish.
    await wait(200);
    expect(pageRuntime().engine() === undefined, 'engine not loaded').to.equal(true);
    const databases = (await indexedDB.databases()).map((db) => db.name);
    expect(databases.includes(outbox.dbName), `no database ${outbox.dbName}`).to.equal(false);
    expect((part(el, 'call-button') as HTMLButtonElement).disabled).to.equal(false);
    // The notifications' live regions are there from the start; the toasts' code waits for a toast.
    expect(!!notifications.shadowRoot!.querySelector('[role="status"][aria-live="polite"]'), 'polite region').to.equal(true);
    expect(!!notifications.shadowRoot!.querySelector('[role="alert"]'), 'alert region').to.equal(true);
    expect(loadedModule('/calls/engine.'), 'engine.ts not requested').to.equal(false);
    expect(loadedModule('/notification-view.'), 'notification-view.ts not requested').to.equal(false);
  });

  it('downloads it on the first click, shows that the call is starting, ignores a second click, then calls and stores the record', async () => {
    const notifications = await fixture(html`<call-notification notify="all"></call-notification>`);
    const el = await fixture<CallButton>(html`<call-button number="+33123456789" display-name="Ana" lead-id="lead-1"></call-button>`);
    const starts: unknown[] = [];
    const errors: unknown[] = [];
    el.addEventListener('call-start', (event) => starts.push((event as CustomEvent).detail));
    el.addEventListener('call-error', (event) => errors.push((event as CustomEvent).detail));
    const ended = new Promise<CallRecord>((resolve) => el.addEventListener('call-end', (event) => resolve((event as CustomEvent<CallRecord>).detail)));
    const stored = new Promise<string>((resolve) => el.addEventListener('call-stored', (event) => resolve((event as CustomEvent<{ id: string }>).detail.id)));

    part(el, 'call-button')!.click();
    expect(pageRuntime().engine() === undefined, 'still downloading').to.equal(true);
    await el.updateComplete;
    const callButton = part(el, 'call-button') as HTMLButtonElement;
    expect(callButton.getAttribute('aria-disabled')).to.equal('true');
    expect(part(el, 'status')!.textContent).to.equal('Connecting…');
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('Calling Ana…');
    callButton.click();
    el.call();

    await until(() => el.state === 'connected', 'connected');
    expect(pageRuntime().engine() !== undefined, 'engine loaded').to.equal(true);
    expect(starts).to.have.length(1);
    expect(errors).to.deep.equal([]);
    el.hangup();
    const record = await ended;
    expect(record).to.deep.include({ to: '+33123456789', leadId: 'lead-1', status: 'completed', endedBy: 'agent' });
    expect(await stored).to.equal(record.id);
    expect((await storage.listCalls()).map((r) => r.id)).to.deep.equal([record.id]);
    expect(loadedModule('/calls/engine.'), 'engine.ts requested').to.equal(true);
    // The record's "logged" notification brought the toasts.
    await until(() => notifications.shadowRoot!.querySelector('[part~="toast"] [part~="message"]')?.textContent === 'Call logged', 'the "Call logged" toast');
    expect(loadedModule('/notification-view.'), 'notification-view.ts requested').to.equal(true);
  });

  it('places later calls at once, without waiting', async () => {
    const el = await fixture<CallButton>(html`<call-button number="+33123456789"></call-button>`);
    el.call();
    expect(el.state).to.equal('connecting');
    el.hangup();
    await until(() => el.state === 'ended', 'ended');
  });
});
