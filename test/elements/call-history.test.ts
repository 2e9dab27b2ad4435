import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { logCallAction, storeCall } from '../../src/calls/api.js';
import { configure } from '../../src/config.js';
import '../../src/elements/call-history/define.js';
import type { CallHistory } from '../../src/elements/call-history/call-history.js';
import type { CallErrorDetail } from '../../src/events/events.js';
import { CallElementsError } from '../../src/internal/errors.js';
import type { CallAction } from '../../src/schema/call-action.js';
import type { CallRecord } from '../../src/schema/call-record.js';
import { createMemoryStorage, type MemoryStorage } from '../../src/storage/memory/index.js';
import type { CallStorage } from '../../src/storage/types.js';
import { until } from '../helpers/manual-provider.js';
import { sampleRecord } from '../helpers/records.js';
import { resetLibrary } from '../helpers/reset.js';

type El = CallHistory;

const root = (el: El) => el.shadowRoot!;
const all = (el: El, selector: string) => [...root(el).querySelectorAll<HTMLElement>(selector)];
const part = (el: El, name: string) => root(el).querySelector<HTMLElement>(`[part~='${name}']`);
const parts = (el: El, name: string) => all(el, `[part~='${name}']`);
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const headings = (el: El) => parts(el, 'call-heading').map(text);
const enDate = (iso: string) => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
const liveText = (el: El) => text(root(el).querySelector('[role="status"]'));

/** A call of lead-42 at the given minute of 2 Jan 2026, answered 5 s in, `durationSec` long. */
function call(minute: number, overrides: Partial<CallRecord> = {}): CallRecord {
  const at = (seconds: number) => new Date(Date.UTC(2026, 0, 2, 9, minute, seconds)).toISOString();
  return sampleRecord({ startedAt: at(0), answeredAt: at(5), endedAt: at(5 + 65), durationSec: 65, ...overrides });
}

function action(overrides: Partial<CallAction> = {}): CallAction {
  return { id: `act-${Math.random().toString(36).slice(2)}`, type: 'note', leadId: 'lead-42', at: '2026-01-02T09:00:30.000Z', ...overrides };
}

async function memory(): Promise<MemoryStorage> {
  const storage = createMemoryStorage();
  configure({ storage });
  return storage;
}

async function ready(el: El): Promise<El> {
  await el.updateComplete;
  await until(() => !el.shadowRoot?.querySelector('[aria-busy="true"]') && el.shadowRoot?.querySelector('[part~="base"]'), 'the history to load');
  await el.updateComplete;
  return el;
}

async function history(attributes: { lead?: string; request?: string; agent?: string; lang?: string; limit?: number } = { lead: 'lead-42' }): Promise<El> {
  const el = await fixture<El>(html`<call-history
    lead-id=${attributes.lead ?? ''}
    request-id=${attributes.request ?? ''}
    agent-id=${attributes.agent ?? ''}
    limit=${attributes.limit ?? 20}
    lang=${attributes.lang ?? 'en'}
  ></call-history>`);
  return ready(el);
}

describe('<call-history>', () => {
  beforeEach(resetLibrary);
  afterEach(resetLibrary);

  it('lists the stored calls of its lead newest first: direction, contact, start, outcome, duration, recording, notes, timeline', async () => {
    const storage = await memory();
    const first = call(0, { recordingUrl: 'https://recordings.example/first.mp3', notes: 'Rappeler lundi\nà 10 h' });
    const second = call(30, { direction: 'inbound', from: '+33198765432', to: '+33123456789', displayName: undefined, status: 'missed', answeredAt: undefined, endedAt: '2026-01-02T09:30:20.000Z', durationSec: 0 });
    await storage.saveCall(first);
    await storage.saveCall(second);
    await storage.logAction(action({ id: 'a-ended', type: 'call-ended', callId: first.id, at: '2026-01-02T09:01:10.000Z' }));
    await storage.logAction(action({ id: 'a-started', type: 'call-started', callId: first.id, at: '2026-01-02T09:00:00.000Z', userDisplayName: 'Awa Diallo' }));
    await storage.logAction(action({ id: 'a-note', notes: 'Dossier complet', at: '2026-01-02T10:00:00.000Z' }));

    const el = await history();
    expect(text(part(el, 'heading'))).to.equal('Call history');
    expect(part(el, 'heading')!.getAttribute('aria-level')).to.equal('2');
    expect(part(el, 'list')!.localName).to.equal('ol');
    expect(headings(el)).to.deep.equal([`Incoming call from +33198765432, ${enDate(second.startedAt)}`, `Outgoing call to Jean Dupont (+33123456789), ${enDate(first.startedAt)}`]);
    const [missed, answered] = parts(el, 'call');
    expect(text(missed!.querySelector('[part~="outcome"]'))).to.equal('Missed call');
    expect(missed!.querySelector('[part~="duration"]'), 'an unanswered call has no duration').to.equal(null);
    expect(missed!.querySelector('[part~="timeline"]')).to.equal(null);
    expect(text(answered!.querySelector('[part~="outcome"]'))).to.equal('Call ended');
    expect(text(answered!.querySelector('[part~="duration"]'))).to.equal('1 min 5 s');
    const link = answered!.querySelector<HTMLAnchorElement>('[part~="recording-link"]')!;
    expect(link.href).to.equal('https://recordings.example/first.mp3');
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.equal('noopener noreferrer');
    expect(text(link)).to.equal('Listen to the recording of this call (opens in a new tab)');
    expect(answered!.querySelector('[part~="notes"]')!.textContent).to.equal('Rappeler lundi\nà 10 h');
    const timeline = [...answered!.querySelectorAll('[part~="action-type"]')].map(text);
    expect(timeline, 'the call’s actions, oldest first').to.deep.equal(['Call started', 'Call ended']);
    expect(text(answered!.querySelector('[part~="timeline"] [part~="action"]'))).to.contain('by Awa Diallo');
    expect(text(part(el, 'others'))).to.contain('Other notes and actions').and.contain('Note').and.contain('Dossier complet');
    expect(liveText(el)).to.equal('2 calls');
    await expect(el).to.be.accessible();
  });

  it('shows only the calls of its scope: lead, request, agent, all of them together, and the limit', async () => {
    const storage = await memory();
    const a = call(1, { leadId: 'lead-a', requestId: 'req-1', agentId: 'agent-1', to: '+33100000001', displayName: undefined });
    const b = call(2, { leadId: 'lead-a', requestId: 'req-2', agentId: 'agent-2', to: '+33100000002', displayName: undefined });
    const c = call(3, { leadId: 'lead-b', requestId: 'req-1', agentId: 'agent-1', to: '+33100000003', displayName: undefined });
    for (const record of [a, b, c]) await storage.saveCall(record);
    const numbers = (el: El) => headings(el).map((heading) => heading.match(/\+\d+/)![0]);

    expect(numbers(await history({ lead: 'lead-a' }))).to.deep.equal(['+33100000002', '+33100000001']);
    expect(numbers(await history({ request: 'req-1' }))).to.deep.equal(['+33100000003', '+33100000001']);
    expect(numbers(await history({ agent: 'agent-2' }))).to.deep.equal(['+33100000002']);
    expect(numbers(await history({ lead: 'lead-a', agent: 'agent-1' }))).to.deep.equal(['+33100000001']);
    expect(numbers(await history({ request: 'req-1', limit: 1 }))).to.deep.equal(['+33100000003']);

    const el = await history({ lead: 'lead-a' });
    el.leadId = 'lead-b';
    await ready(el);
    expect(numbers(el)).to.deep.equal(['+33100000003']);
    expect(liveText(el), 'a new scope is a new load, announced').to.equal('1 call');
  });

  it('an agent’s calls get their timelines call by call (actions have no agent filter)', async () => {
    const storage = await memory();
    const mine = call(5, { agentId: 'agent-9', leadId: 'lead-x' });
    await storage.saveCall(mine);
    await storage.logAction(action({ id: 'mine-answered', type: 'call-answered', callId: mine.id, leadId: 'lead-x', at: mine.answeredAt! }));
    await storage.logAction(action({ id: 'lead-note', leadId: 'lead-x' }));
    const el = await history({ agent: 'agent-9' });
    expect([...parts(el, 'call')[0]!.querySelectorAll('[part~="action-type"]')].map(text)).to.deep.equal(['Call answered']);
    expect(part(el, 'others'), 'an agent scope has no notes outside its calls').to.equal(null);
  });

  it('shows a new call of its scope as soon as the queue stores it, without announcing again; calls of other leads do not appear', async () => {
    const storage = await memory();
    await storage.saveCall(call(0));
    const el = await history();
    expect(parts(el, 'call')).to.have.length(1);
    expect(liveText(el)).to.equal('1 call');

    const reads: string[] = [];
    const listCalls = storage.listCalls.bind(storage);
    storage.listCalls = (query) => {
      reads.push(JSON.stringify(query));
      return listCalls(query);
    };
    await storeCall(call(40, { leadId: 'lead-other', to: '+33100000099' }));
    await until(() => reads.length >= 1, 'a read after the other lead’s call was stored');
    const newer = call(45, { to: '+33111111111', displayName: undefined });
    await storeCall(newer);
    await until(() => parts(el, 'call').length === 2, 'the new call listed');
    expect(headings(el)[0]).to.contain('+33111111111');
    expect(headings(el).join(' ')).to.not.contain('+33100000099');
    expect(liveText(el), 'live updates are silent: the count was announced once, after the load').to.equal('1 call');

    await logCallAction({ leadId: 'lead-42', callId: newer.id, notes: 'Envoyer le devis' });
    await until(() => text(parts(el, 'call')[0]!.querySelector('[part~="timeline"]')).includes('Envoyer le devis'), 'the note in the call’s timeline');
  });

  it('says so when the lead has no calls, and asks for a scope when it has none', async () => {
    await memory();
    const empty = await history({ lead: 'lead-nobody' });
    expect(text(part(empty, 'status'))).to.equal('No calls yet.');
    expect(part(empty, 'list')).to.equal(null);
    expect(liveText(empty)).to.equal('No calls yet.');
    await expect(empty).to.be.accessible();

    const unscoped = await history({});
    expect(text(part(unscoped, 'status'))).to.contain('lead-id, request-id or agent-id');
    expect(liveText(unscoped)).to.equal('');
  });

  it('shows a read error in words with a retry button, sends call-error, and lists the calls after a retry', async () => {
    const memoryStorage = await memory();
    await memoryStorage.saveCall(call(0));
    let failures = 1;
    const storage: CallStorage = {
      ...memoryStorage,
      async listCalls(query) {
        if (failures-- > 0) throw new CallElementsError('storage-failed', { params: { detail: 'HTTP 503' } });
        return memoryStorage.listCalls(query);
      },
    };
    configure({ storage });
    const errors: CallErrorDetail[] = [];
    document.addEventListener('call-error', (event) => errors.push(event.detail), { once: true });
    const el = await history();
    const error = part(el, 'error')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(text(error)).to.contain('The call history could not be loaded.').and.contain('Could not reach the call storage: HTTP 503');
    expect(errors).to.deep.equal([{ code: 'storage-failed', message: 'Could not reach the call storage: HTTP 503' }]);
    expect(liveText(el)).to.equal('');
    await expect(el).to.be.accessible();

    part(el, 'retry-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => parts(el, 'call').length === 1, 'the calls after the retry');
    await el.updateComplete;
    expect(part(el, 'error')).to.equal(null);
    expect(liveText(el)).to.equal('1 call');
    expect(root(el).activeElement, 'focus is not lost when the retry button goes').to.equal(part(el, 'heading'));
  });

  it('focus goes back to the retry button when the retry fails too', async () => {
    const storage: CallStorage = {
      name: 'down',
      saveCall: async () => {},
      listCalls: async () => {
        throw new CallElementsError('storage-failed', { params: { detail: 'offline' } });
      },
    };
    configure({ storage });
    const el = await history();
    part(el, 'retry-button')!.click();
    await el.updateComplete;
    await ready(el);
    await until(() => part(el, 'retry-button'), 'the error again');
    await el.updateComplete;
    expect(root(el).activeElement).to.equal(part(el, 'retry-button'));
  });

  it('links a recording only when its URL is an http(s) URL without credentials, and renders stored text as text', async () => {
    const unsafe = ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'https://user:pass@recordings.example/1.mp3', '//recordings.example/1.mp3', 'https:\\\\evil.example'];
    const records = unsafe.map((recordingUrl, index) => ({ ...call(index, { displayName: '<img src=x onerror=alert(1)>' }), recordingUrl }));
    // A storage may hand back anything: these records never went through the schemas.
    const storage: CallStorage = { name: 'raw', saveCall: async () => {}, listCalls: async () => [...records].reverse() };
    configure({ storage });
    const el = await history();
    expect(parts(el, 'call')).to.have.length(unsafe.length);
    expect(parts(el, 'recording-link')).to.have.length(0);
    expect(all(el, 'a')).to.have.length(0);
    expect(all(el, 'img')).to.have.length(0);
    expect(headings(el)[0]).to.contain('<img src=x onerror=alert(1)>');
  });

  it('speaks French with lang="fr": texts, outcome, duration and dates', async () => {
    const storage = await memory();
    await storage.saveCall(call(0, { status: 'completed' }));
    await storage.saveCall(call(20, { status: 'busy', answeredAt: undefined, durationSec: 0, endedAt: '2026-01-02T09:20:10.000Z' }));
    const el = await history({ lead: 'lead-42', lang: 'fr' });
    expect(text(part(el, 'heading'))).to.equal('Historique des appels');
    const date = new Intl.DateTimeFormat('fr', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(call(0).startedAt));
    expect(headings(el)[1]).to.equal(`Appel sortant vers Jean Dupont (+33123456789), ${date}`);
    expect(parts(el, 'outcome').map(text)).to.deep.equal(['Ligne occupée', 'Appel terminé']);
    expect(text(part(el, 'duration'))).to.equal('1 min 5 s');
    expect(liveText(el)).to.equal('2 appels');
    await expect(el).to.be.accessible();

    const empty = await history({ lead: 'lead-nobody', lang: 'fr' });
    expect(text(part(empty, 'status'))).to.equal('Aucun appel pour l’instant.');
  });

  it('is reachable with the keyboard: Tab goes from one recording link to the next, in the list’s order', async () => {
    const storage = await memory();
    await storage.saveCall(call(0, { recordingUrl: 'https://recordings.example/old.mp3' }));
    await storage.saveCall(call(10, { recordingUrl: 'https://recordings.example/new.mp3' }));
    const before = document.createElement('button');
    before.textContent = 'before';
    const el = await history();
    el.before(before);
    before.focus();
    await sendKeys({ press: 'Tab' });
    expect((root(el).activeElement as HTMLAnchorElement | null)?.href).to.equal('https://recordings.example/new.mp3');
    await sendKeys({ press: 'Tab' });
    expect((root(el).activeElement as HTMLAnchorElement | null)?.href).to.equal('https://recordings.example/old.mp3');
    before.remove();
  });

  it('keeps a focused link on its call when a newer call arrives', async () => {
    const storage = await memory();
    await storage.saveCall(call(0, { recordingUrl: 'https://recordings.example/kept.mp3' }));
    const el = await history();
    const link = part(el, 'recording-link') as HTMLAnchorElement;
    link.focus();
    await storeCall(call(50, { to: '+33122222222', displayName: undefined }));
    await until(() => parts(el, 'call').length === 2, 'the new call listed');
    expect(root(el).activeElement).to.equal(link);
    expect(link.href).to.equal('https://recordings.example/kept.mp3');
  });

  it('shows calls without timelines when the storage cannot list actions', async () => {
    const memoryStorage = await memory();
    const record = call(0);
    await memoryStorage.saveCall(record);
    await memoryStorage.logAction(action({ type: 'call-ended', callId: record.id }));
    const { listActions: _none, ...withoutActions } = memoryStorage;
    configure({ storage: withoutActions });
    const el = await history();
    expect(parts(el, 'call')).to.have.length(1);
    expect(part(el, 'timeline')).to.equal(null);
    expect(part(el, 'others')).to.equal(null);
  });
});
