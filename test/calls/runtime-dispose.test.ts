/**
 * Disposing the page's runtime (sign-out, a test's reset) while a call is ending: the call is still recorded,
 * and nothing of the old runtime (a "Call logged" toast, a call-stored event) reaches the page afterwards.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { configure } from '../../src/config.js';
import '../../src/elements/call-button/define.js';
import type { CallButton } from '../../src/elements/call-button/call-button.js';
import { createMemoryStorage } from '../../src/storage/memory/index.js';
import { $notifications } from '../../src/store/notifications.js';
import { createManualProvider, until } from '../helpers/manual-provider.js';
import { isolatedOutbox, resetLibrary } from '../helpers/reset.js';

describe('disposing the runtime as a call ends', () => {
  afterEach(resetLibrary);

  it('records the call, and leaves no notification or event of the old runtime to the new one', async () => {
    await resetLibrary();
    const storage = createMemoryStorage();
    const manual = createManualProvider('manual', ['outbound', 'inbound']);
    configure({ providers: { manual }, storage, outbox: isolatedOutbox(), notify: 'all' });
    const el = await fixture<CallButton>(html`<call-button provider="manual" accept-incoming></call-button>`);
    const stored: unknown[] = [];
    el.addEventListener('call-stored', (event) => stored.push(event));
    await until(() => manual.listeners === 1, 'listening');
    manual.ring({ callSid: 'CA-late', from: '+14155550100' });
    await until(() => el.state === 'incoming', 'incoming');
    el.hangup();
    await resetLibrary();
    // The record is captured once the runtime is gone, and sent all the same.
    const [record] = await until(async () => {
      const calls = await storage.listCalls();
      return calls.length === 1 ? calls : undefined;
    }, 'the record stored');
    expect(record!.id).to.equal('manual:CA-late');
    expect($notifications.get().map((n) => n.messageKey), 'no toast of the old runtime').to.deep.equal([]);
    expect(stored, 'no call-stored from the old runtime').to.deep.equal([]);
  });
});
