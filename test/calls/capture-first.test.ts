/**
 * Capture first: between a call's end and its durable write nothing downloads and nothing waits on the
 * network or the host. The pages are real host pages in iframes (test/fixtures/agent-page.ts) on a
 * backend of the dev server; "offline" makes every module not loaded yet fail to download, and the
 * backend answers 503, as when the network drops at hang-up.
 */
import { expect } from '@open-wc/testing';
import type { CallRecord } from '../../src/schema/call-record.js';
import { until, wait } from '../helpers/manual-provider.js';
import { backendOutage, backendState, closePage, modulesOffline, openAgentPage, pageSetup, queueEntries, type AgentPage } from '../helpers/pages.js';

function button(page: AgentPage) {
  return page.document.querySelector('call-button')!;
}

function shadowPart(element: Element, part: string): HTMLButtonElement {
  return element.shadowRoot!.querySelector<HTMLButtonElement>(`[part~='${part}']`)!;
}

describe('capture first: a call that ends while the network is gone', function () {
  this.timeout(30_000);
  afterEach(() => modulesOffline(false));

  it('is captured at hang-up with nothing downloaded, then sent once by the next page', async () => {
    const { space, names, query } = pageSetup({ user: 'agent-user' });
    const first = await openAgentPage(query);
    button(first).call();
    await until(() => button(first).state === 'connected', 'connected');
    expect(first.window.agentPage.engineLoaded(), 'the engine came with the call').to.equal(true);

    modulesOffline(true);
    await backendOutage(space, true);
    // Hang up where the page shows the live call: <call-controls>.
    shadowPart(first.document.querySelector('call-controls')!, 'hangup-button').click();
    const ended = await until(() => first.window.agentPage.events.find((e) => e.type === 'call-end'), 'call-end');
    const record = ended.detail as CallRecord;
    expect(record).to.include({ provider: 'demo', status: 'completed', endedBy: 'agent', leadId: 'lead-42', userId: 'agent-user' });

    const queued = await queueEntries(names.dbName);
    expect(queued.map((entry) => [entry.key, entry.state])).to.deep.equal([[`call:${record.id}`, 'pending']]);
    await wait(200);
    expect((await backendState(space)).puts).to.deep.equal({});
    closePage(first);

    modulesOffline(false);
    await backendOutage(space, false);
    const next = await openAgentPage({ ...query, view: 'notifications' });
    await until(async () => (await backendState(space)).puts[`calls:${record.id}`] === 1, 'the record stored by the next page', 15_000);
    await wait(300);
    const state = await backendState(space);
    expect(state.puts).to.deep.equal({ [`calls:${record.id}`]: 1 });
    expect(state.calls[record.id]).to.include({ id: record.id, userId: 'agent-user', status: 'completed' });
    await until(async () => (await queueEntries(names.dbName)).length === 0, 'the queue emptied');
    closePage(next);
  });

  it('logCallAction() with the backend down: safe at once, sent once after a reload, with its id', async () => {
    const { space, query } = pageSetup({ user: 'agent-user' });
    const first = await openAgentPage({ ...query, view: 'notifications' });
    const api = await first.window.agentPage.api();
    await backendOutage(space, true);
    const action = await api.logCallAction({ requestId: 'req-9', phoneNumber: '+33123456789', userDisplayName: 'Jean Dupont', notes: 'Rappeler lundi' });
    expect(action).to.include({ type: 'note', requestId: 'req-9', userId: 'agent-user' });
    expect(action.id).to.match(/^note:[0-9a-f]{16}$/);
    closePage(first);

    await backendOutage(space, false);
    const next = await openAgentPage({ ...query, view: 'notifications' });
    await until(async () => (await backendState(space)).puts[`actions:${action.id}`] === 1, 'the action stored', 15_000);
    await wait(300);
    const state = await backendState(space);
    expect(state.puts).to.deep.equal({ [`actions:${action.id}`]: 1 });
    expect(state.actions[action.id]).to.include({ notes: 'Rappeler lundi', phoneNumber: '+33123456789' });
    closePage(next);
  });

  it('a page with only configure() and <call-notification> sends what an earlier page left', async () => {
    const { space, query } = pageSetup();
    const first = await openAgentPage(query);
    await backendOutage(space, true);
    button(first).call();
    await until(() => button(first).state === 'connected', 'connected');
    button(first).hangup();
    const ended = await until(() => first.window.agentPage.events.find((e) => e.type === 'call-end'), 'call-end');
    const id = (ended.detail as CallRecord).id;
    closePage(first);
    await backendOutage(space, false);

    const next = await openAgentPage({ ...query, view: 'notifications' });
    expect(next.document.querySelector('call-button'), 'no call button on this page').to.equal(null);
    await until(async () => (await backendState(space)).puts[`calls:${id}`] === 1, 'stored', 15_000);
    closePage(next);
  });
});
