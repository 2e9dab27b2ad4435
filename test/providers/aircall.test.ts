import { expect } from '@open-wc/testing';
import { listenForCalls, placeCall } from '../../src/calls/engine-api.js';
import type { CallHandle as PlacedCall } from '../../src/calls/live-call.js';
import { configure, currentCall } from '../../src/config.js';
import { CallElementsError } from '../../src/internal/errors.js';
import { type AircallWorkspaceElement, createAircallProvider, type AircallProvider } from '../../src/providers/aircall/index.js';
import type { ReadableAtom } from 'nanostores';
import type { ProviderAvailability } from '../../src/providers/types.js';
import type { CallAction } from '../../src/schema/call-action.js';
import { createMemoryStorage } from '../../src/storage/memory/index.js';
import type { CallStorage } from '../../src/storage/types.js';
import { setAircallConfig } from '../../src/store/aircall.js';
import { $notifications } from '../../src/store/notifications.js';
import { $outbox } from '../../src/store/outbox.js';
import { $call } from '../../src/store/call.js';
import { cleanStores } from 'nanostores';
import { rejectionOf, thrownBy } from '../helpers/errors.js';
import { until, wait } from '../helpers/manual-provider.js';
import {
  NUMBER,
  PARAMS,
  SCOPE,
  aircallConfig,
  dialledNumbers,
  type ConfigOverrides,
  fakeWorkspace,
  resetAircall,
  useConfig,
  workspaceDialog,
  workspaceElement,
  workspaceFrame,
  workspaceUrl,
} from '../fixtures/aircall-workspace-helpers.js';

function useAircall(options: Parameters<typeof createAircallProvider>[0] = {}): AircallProvider {
  const provider = createAircallProvider({ workspaceUrl: workspaceUrl(), ...options });
  configure({ providers: { aircall: provider } });
  return provider;
}

function call(extra: Partial<Parameters<typeof placeCall>[0]> = {}): PlacedCall {
  return placeCall({
    provider: 'aircall',
    number: '+33 1 23 45 67 89',
    displayName: 'Jean Dupont',
    agentId: 'agent-7',
    leadId: 'lead-42',
    requestId: 'req-123',
    params: PARAMS,
    ...extra,
  });
}

/** The availability store's current value, read through a subscription (the store loads while mounted). */
function follow(store: ReadableAtom<ProviderAvailability>) {
  const seen: ProviderAvailability[] = [];
  const unsubscribe = store.subscribe((value) => seen.push(value));
  // Unmounted at once (not after nanostores' delay), so that it cannot load configurations during the next test.
  const stop = () => {
    unsubscribe();
    cleanStores(store);
  };
  return { seen, last: () => seen[seen.length - 1]!, stop };
}

/** A storage whose logAction fails as told, counting attempts (the memory storage keeps what succeeds). */
function storageWithActions(failures: CallElementsError[] = []) {
  const memory = createMemoryStorage();
  const attempts: CallAction[] = [];
  const storage: CallStorage & { attempts: CallAction[]; listActions(): Promise<CallAction[]> } = {
    ...memory,
    name: 'actions-double',
    attempts,
    async logAction(action) {
      attempts.push(action);
      const failure = failures.shift();
      if (failure) throw failure;
      await memory.logAction(action);
    },
    listActions: () => memory.listActions(),
  };
  return storage;
}

describe('createAircallProvider: options', () => {
  beforeEach(resetAircall);

  it('refuses unusable options with invalid-options', () => {
    for (const options of [
      { workspaceUrl: 'not a url' },
      { workspaceUrl: 'http://workspace.example.com' },
      { workspaceUrl: 'ftp://localhost/workspace' },
      { loadTimeoutMs: 0 },
      { loadTimeoutMs: Number.NaN },
      { actionRetryDelaysMs: [-1] },
      { sdk: 'aircall' as unknown as () => Promise<never> },
    ]) {
      const error = thrownBy(() => createAircallProvider(options)) as CallElementsError;
      expect(error, JSON.stringify(options)).to.be.instanceOf(CallElementsError);
      expect(error.code).to.equal('invalid-options');
    }
  });

  it('defaults to the real workspace and accepts http: only on localhost', () => {
    expect(() => createAircallProvider()).not.to.throw();
    expect(() => createAircallProvider({ workspaceUrl: 'http://localhost:9000/ws' })).not.to.throw();
    const provider = createAircallProvider();
    expect(provider.name).to.equal('aircall');
    expect([...provider.capabilities].sort()).to.deep.equal(['inbound', 'outbound', 'recording', 'transfer']);
  });
});

describe('Aircall availability', () => {
  beforeEach(resetAircall);

  it('needs the organisation and country of the button', () => {
    const provider = useAircall();
    const incomplete: Record<string, string>[] = [{}, { organizationId: 'org-1' }, { countryCode: 'FR' }, { organizationId: ' ', countryCode: 'FR' }];
    for (const params of incomplete) {
      const value = provider.availability(params).get();
      expect(value.problem?.code).to.equal('scope-missing');
      expect(value.hidden).to.not.equal(true);
    }
  });

  it('is loading while the configuration loads from the storage, then follows it', async () => {
    let answer!: (config: ReturnType<typeof aircallConfig> | undefined) => void;
    const memory = createMemoryStorage();
    configure({ storage: { ...memory, name: 'slow', getConfig: () => new Promise((resolve) => (answer = resolve)) } });
    const availability = follow(useAircall().availability(PARAMS));
    expect(availability.last()).to.deep.equal({ loading: true });
    await until(() => answer, 'the storage to be asked');
    answer(aircallConfig());
    await until(() => !availability.last().loading, 'the configuration');
    expect(availability.last().problem).to.equal(undefined);
    expect([...availability.last().capabilities!]).to.deep.equal(['outbound']);
    availability.stop();
  });

  it('hides the button when Aircall is not configured or turned off (the seed shows it only when configured and on)', async () => {
    const provider = useAircall();
    const missing = follow(provider.availability(PARAMS));
    await until(() => missing.last().problem, 'the answer of the empty storage');
    expect(missing.last().problem!.code).to.equal('config-missing');
    expect(missing.last().problem!.params).to.deep.equal(SCOPE);
    expect(missing.last().hidden).to.equal(true);

    useConfig({ enabled: false });
    expect(missing.last().problem!.code).to.equal('aircall-disabled');
    expect(missing.last().hidden).to.equal(true);
    missing.stop();
  });

  it('disables (without hiding) when outbound calls are not allowed, and narrows capabilities to the permissions', () => {
    const provider = useAircall();
    useConfig({ permissions: { canMakeOutboundCalls: false, canReceiveInboundCalls: true } });
    const value = provider.availability(PARAMS).get();
    expect(value.problem?.code).to.equal('outbound-not-allowed');
    expect(value.hidden).to.not.equal(true);
    expect([...value.capabilities!]).to.deep.equal(['inbound']);

    useConfig({ permissions: { canTransferCalls: true, canRecordCalls: true } });
    const all = provider.availability(PARAMS).get();
    expect(all.problem).to.equal(undefined);
    expect([...all.capabilities!].sort()).to.deep.equal(['outbound', 'recording', 'transfer']);
  });

  it('follows a save in <aircall-settings> at once (setAircallConfig)', () => {
    const provider = useAircall();
    useConfig();
    const availability = follow(provider.availability(PARAMS));
    expect(availability.last().problem).to.equal(undefined);
    setAircallConfig(SCOPE, aircallConfig({ enabled: false }));
    expect(availability.last().hidden).to.equal(true);
    setAircallConfig(SCOPE, aircallConfig({ permissions: { canMakeOutboundCalls: false } }));
    expect(availability.last().problem?.code).to.equal('outbound-not-allowed');
    setAircallConfig(SCOPE, aircallConfig());
    expect(availability.last()).to.deep.equal({ problem: undefined, capabilities: new Set(['outbound']) });
    // Another organisation's configuration changes nothing here.
    setAircallConfig({ organizationId: 'org-2', countryCode: 'FR' }, null);
    expect(availability.last().problem).to.equal(undefined);
    availability.stop();
  });

  it('reports a storage that cannot be read', async () => {
    const memory = createMemoryStorage();
    configure({
      storage: { ...memory, name: 'forbidden', getConfig: () => Promise.reject(new CallElementsError('permission-denied', { permanent: true })) },
    });
    const availability = follow(useAircall().availability(PARAMS));
    await until(() => availability.last().problem, 'the failure');
    expect(availability.last().problem!.code).to.equal('permission-denied');
    availability.stop();
  });
});

describe('Aircall calls through the real aircall-everywhere and a fake workspace', function () {
  this.timeout(15_000);
  beforeEach(resetAircall);

  it('signs in, dials the E.164 number, and turns the workspace events into the call and its record', async () => {
    useConfig();
    useAircall({ workspaceUrl: workspaceUrl('aircall-workspace.html', '?login=manual') });
    const placed = call();
    const fake = await fakeWorkspace();
    await until(() => workspaceDialog()?.open, 'the workspace dialog');
    await wait(50);
    expect(dialledNumbers(fake), 'nothing is dialled before the sign-in').to.deep.equal([]);
    expect(placed.session.state).to.equal('connecting');

    fake.login();
    await until(() => dialledNumbers(fake).length, 'the dial');
    expect(dialledNumbers(fake)).to.deep.equal([NUMBER]);
    expect(fake.received.find((m) => m.name === 'apm_app_dial_number')!.origin).to.equal(location.origin);

    fake.emit('outgoing_call', { from: '+33198765432', to: NUMBER, call_id: 4242 });
    await until(() => placed.session.state === 'ringing', 'ringing');
    expect(placed.session.callSid).to.equal('4242');

    fake.emit('outgoing_answered', { call_id: 4242 });
    await until(() => placed.session.state === 'connected', 'connected');
    fake.emit('comment_saved', { comment: 'Rappeler lundi', call_id: 4242 });
    fake.emit('call_ended', { duration: 37, call_id: 4242 });

    const record = await placed.record;
    expect(record.id).to.equal('aircall:4242');
    expect(record.callSid).to.equal('4242');
    expect(record.provider).to.equal('aircall');
    expect(record.direction).to.equal('outbound');
    expect(record.status).to.equal('completed');
    expect(record.to).to.equal(NUMBER);
    expect(record.from, 'the agent’s Aircall number, as the workspace gave it').to.equal('+33198765432');
    expect(record.details).to.deep.equal({ durationSec: 37 });
    expect(record.notes).to.equal('Rappeler lundi');
    expect(record.requestId).to.equal('req-123');
    expect(record.leadId).to.equal('lead-42');
    expect(record.answeredAt).to.be.a('string');
    // The dialog stays open after the call (the agent may be writing a comment in Aircall).
    expect(workspaceDialog()!.open).to.equal(true);
  });

  it('reuses the signed-in workspace for the next call, without a second iframe', async () => {
    useConfig();
    useAircall();
    const first = call();
    const fake = await fakeWorkspace();
    await until(() => dialledNumbers(fake).length === 1, 'the first dial');
    const frame = workspaceFrame();
    fake.emit('outgoing_call', { to: NUMBER, call_id: 1 });
    fake.emit('call_ended', { duration: 0, call_id: 1 });
    expect((await first.record).status).to.equal('no-answer');

    const second = call({ number: '+33999999999' });
    await until(() => dialledNumbers(fake).length === 2, 'the second dial');
    expect(dialledNumbers(fake)).to.deep.equal([NUMBER, '+33999999999']);
    expect(workspaceFrame() === frame).to.equal(true);
    expect(document.querySelectorAll('call-aircall-workspace').length).to.equal(1);
    fake.emit('outgoing_call', { to: '+33999999999', call_id: 2 });
    await until(() => second.session.callSid === '2', 'the second call id');
  });

  it('ignores an outgoing call to another number (dialled by hand in the workspace)', async () => {
    useConfig();
    useAircall();
    const placed = call();
    const fake = await fakeWorkspace();
    await until(() => dialledNumbers(fake).length, 'the dial');
    fake.emit('outgoing_call', { to: '+33777777777', call_id: 9 });
    fake.emit('outgoing_call', { to: NUMBER, call_id: 10 });
    await until(() => placed.session.callSid, 'the call id');
    expect(placed.session.callSid).to.equal('10');
  });

  for (const [reply, code] of [
    ['not_ready', 'aircall-not-ready'],
    ['in_call', 'aircall-in-call'],
  ] as const) {
    it(`maps the workspace's ${reply} answer to ${code}`, async () => {
      useConfig();
      useAircall({ workspaceUrl: workspaceUrl('aircall-workspace.html', `?dial=${reply}`) });
      const record = await call().record;
      expect(record.status).to.equal('failed');
      expect(record.error?.code).to.equal(code);
    });
  }

  it('maps a workspace that never answers the dial (the SDK gives up after 2 s) to aircall-no-answer', async () => {
    useConfig();
    useAircall({ workspaceUrl: workspaceUrl('aircall-workspace.html', '?dial=none') });
    const record = await call().record;
    expect(record.error?.code).to.equal('aircall-no-answer');
    expect(workspaceDialog()!.open, 'the dialog closes on a failure').to.equal(false);
  });

  it('fails with workspace-timeout when the workspace page does not load in time, then loads it afresh', async () => {
    useConfig();
    useAircall({ workspaceUrl: workspaceUrl('aircall-workspace-stalled.html'), loadTimeoutMs: 300 });
    const record = await call().record;
    expect(record.error?.code).to.equal('workspace-timeout');
    expect(record.error?.message).to.contain('0.3 s');
    expect(workspaceFrame(), 'the stalled frame is dropped').to.equal(null);
  });

  it('counts the workspace as there only on its handshake: a sign-in past the time limit fails the call, keeps the workspace, and the next call goes through', async () => {
    useConfig();
    useAircall({ workspaceUrl: workspaceUrl('aircall-workspace.html', '?login=manual'), loadTimeoutMs: 300 });
    const first = call();
    const fake = await fakeWorkspace();
    await until(() => workspaceElement()!.shadowRoot!.querySelector('[part=status]')?.textContent?.includes('Sign in'), 'the sign-in prompt');
    const record = await first.record;
    expect(record.status).to.equal('failed');
    expect(record.error?.code).to.equal('workspace-timeout');
    expect(record.error?.message).to.contain('sign in');
    expect(workspaceDialog()!.open, 'the workspace stays in view, for the sign-in').to.equal(true);
    const frame = workspaceFrame();
    fake.login();
    await until(() => (workspaceElement() as AircallWorkspaceElement).status === 'ready', 'the handshake');
    const second = call();
    await until(() => dialledNumbers(fake).length, 'the dial');
    expect(workspaceFrame() === frame, 'the signed-in workspace is kept').to.equal(true);
    second.hangup();
  });

  it('does not take a workspace that cannot load (its frame shows an error page) for a loaded one', async () => {
    useConfig();
    // The frame loads a page — the server's 404 — as it would a browser error page for a blocked domain.
    useAircall({ workspaceUrl: workspaceUrl('aircall-workspace-missing.html'), loadTimeoutMs: 400 });
    const placed = call();
    await until(() => workspaceFrame(), 'the frame');
    const record = await placed.record;
    expect(record.status).to.equal('failed');
    expect(record.error?.code).to.equal('workspace-timeout');
    const frame = workspaceFrame();
    const next = call();
    await until(() => workspaceFrame() && workspaceFrame() !== frame, 'a fresh frame for the next call');
    next.hangup();
  });

  it('fails with aircall-not-ready when the person closes the workspace before signing in', async () => {
    useConfig();
    useAircall({ workspaceUrl: workspaceUrl('aircall-workspace.html', '?login=manual') });
    const placed = call();
    const fake = await fakeWorkspace();
    await until(() => workspaceDialog()?.open, 'the dialog');
    workspaceElement()!.shadowRoot!.querySelector<HTMLButtonElement>('[part=close-button]')!.click();
    const record = await placed.record;
    expect(record.error?.code).to.equal('aircall-not-ready');
    fake.login();
    await wait(50);
    expect(dialledNumbers(fake)).to.deep.equal([]);
  });

  it('hanging up before the dial cancels it; after the dial it shows the workspace, where Aircall ends the call', async () => {
    useConfig();
    useAircall({ workspaceUrl: workspaceUrl('aircall-workspace.html', '?login=manual') });
    const early = call();
    const fake = await fakeWorkspace();
    early.hangup();
    const canceled = await early.record;
    expect(canceled.status).to.equal('canceled');
    expect(workspaceDialog()!.open).to.equal(false);
    fake.login();
    await wait(50);
    expect(dialledNumbers(fake), 'a canceled call is never dialled').to.deep.equal([]);

    const live = call();
    await until(() => dialledNumbers(fake).length, 'the dial');
    fake.emit('outgoing_call', { to: NUMBER, call_id: 55 });
    fake.emit('outgoing_answered', { call_id: 55 });
    await until(() => live.session.state === 'connected', 'connected');
    workspaceElement()!.shadowRoot!.querySelector<HTMLButtonElement>('[part=close-button]')!.click();
    expect(live.session.state, 'closing the dialog keeps the call').to.equal('connected');
    live.hangup();
    const record = await live.record;
    expect(record.endedBy).to.equal('agent');
    expect(record.callSid).to.equal('55');
    await until(() => workspaceDialog()!.open, 'the workspace shown to end the call there');
  });

  it('a call_ended after our Hang up completes the same record (Aircall’s duration, a late comment), never a second one', async () => {
    useConfig();
    const storage = createMemoryStorage();
    configure({ storage });
    useAircall();
    const placed = call();
    const fake = await fakeWorkspace();
    await until(() => dialledNumbers(fake).length, 'the dial');
    fake.emit('outgoing_call', { from: '+33198765432', to: NUMBER, call_id: 91 });
    fake.emit('outgoing_answered', { call_id: 91 });
    await until(() => placed.session.state === 'connected', 'connected');
    placed.hangup();
    const record = await placed.record;
    expect(record).to.include({ id: 'aircall:91', endedBy: 'agent', from: '+33198765432' });
    await until(async () => (await storage.listCalls()).length === 1, 'the record stored');

    // The agent ends the call in the workspace a while later, and writes a comment.
    fake.emit('call_ended', { duration: 73, call_id: 91 });
    fake.emit('comment_saved', { comment: 'Devis envoyé', call_id: 91 });
    await until(async () => (await storage.listCalls())[0]?.notes === 'Devis envoyé', 'the record completed');
    const stored = await storage.listCalls();
    expect(stored).to.have.length(1);
    expect(stored[0]).to.include({ id: 'aircall:91', durationSec: 73, endedBy: 'agent', from: '+33198765432' });
    expect(stored[0]!.details).to.deep.equal({ durationSec: 73 });
  });

  it('keeps a call the workspace reported even when the answer to the dial was lost', async () => {
    useConfig();
    useAircall({ workspaceUrl: workspaceUrl('aircall-workspace.html', '?dial=none') });
    const placed = call();
    const fake = await fakeWorkspace();
    await until(() => dialledNumbers(fake).length, 'the dial');
    fake.emit('outgoing_call', { to: NUMBER, call_id: 64 });
    await until(() => placed.session.state === 'ringing', 'ringing');
    await wait(2200); // past the SDK's 2 s wait for the answer
    expect(placed.session.state).to.equal('ringing');
    fake.emit('outgoing_answered', { call_id: 64 });
    fake.emit('call_ended', { duration: 4, call_id: 64 });
    expect((await placed.record).status).to.equal('completed');
  });

  it('ends the live call when the agent signs out of the workspace', async () => {
    useConfig();
    useAircall();
    const placed = call();
    const fake = await fakeWorkspace();
    await until(() => dialledNumbers(fake).length, 'the dial');
    fake.emit('outgoing_call', { to: NUMBER, call_id: 65 });
    fake.emit('outgoing_answered', { call_id: 65 });
    await until(() => placed.session.state === 'connected', 'connected');
    fake.logout();
    const record = await placed.record;
    expect(record.endedBy).to.equal('system');
    expect(record.status).to.equal('completed');
  });

  it('shows the workspace without a call when the organisation has Aircall on, even without outbound calls', async () => {
    const provider = useAircall();
    expect(((await rejectionOf(provider.showWorkspace(PARAMS))) as CallElementsError).code).to.equal('config-missing');
    useConfig({ enabled: false });
    expect(((await rejectionOf(provider.showWorkspace(PARAMS))) as CallElementsError).code).to.equal('aircall-disabled');
    expect(((await rejectionOf(provider.showWorkspace({}))) as CallElementsError).code).to.equal('scope-missing');
    useConfig({ permissions: { canMakeOutboundCalls: false, canReceiveInboundCalls: true } });
    await provider.showWorkspace(PARAMS);
    expect(workspaceDialog()!.open).to.equal(true);
    await fakeWorkspace();
  });

  it('checks the configuration again when a call starts', async () => {
    useAircall();
    const cases: [Record<string, string>, (() => void) | undefined, string][] = [
      [{}, undefined, 'scope-missing'],
      [PARAMS, undefined, 'config-missing'],
      [PARAMS, () => useConfig({ enabled: false }), 'aircall-disabled'],
      [PARAMS, () => useConfig({ permissions: { canMakeOutboundCalls: false } }), 'outbound-not-allowed'],
    ];
    for (const [params, setup, code] of cases) {
      setup?.();
      const record = await call({ params }).record;
      expect(record.error?.code, code).to.equal(code);
    }
    expect(workspaceElement(), 'no workspace is loaded for a call that cannot be placed').to.equal(null);
  });

  it('reports an SDK that cannot be loaded as sdk-load-failed', async () => {
    useConfig();
    useAircall({ sdk: () => Promise.reject(new Error('offline')) });
    const record = await call().record;
    expect(record.error?.code).to.equal('sdk-load-failed');
    expect(record.error?.message).to.contain('offline');
  });

  it('refuses a second call while one is in progress', async () => {
    useConfig();
    const provider = useAircall();
    call();
    const error = await rejectionOf(Promise.resolve(provider.start({ to: NUMBER, params: PARAMS }, () => {})));
    expect((error as CallElementsError).code).to.equal('call-in-progress');
  });

  it('passes incoming calls to the listening page when the organisation allows them', async () => {
    useConfig({ permissions: { canReceiveInboundCalls: true } });
    const provider = useAircall();
    listenForCalls('aircall', { incomingContext: () => ({ agentId: 'agent-7' }) });
    // Every call the page takes, as `currentCall()` gives it.
    const taken: PlacedCall[] = [];
    const stopWatching = $call.listen(() => {
      const live = currentCall();
      if (live && !taken.includes(live)) taken.push(live);
    });
    await provider.showWorkspace(PARAMS);
    const fake = await fakeWorkspace();
    await until(() => fake.received.some((m) => m.name === 'apm_app_isready'), 'the handshake');

    fake.emit('incoming_call', { from: '+33612345678', to: '+33198765432', call_id: 77 });
    const incoming = (await until(() => taken[0], 'the incoming call')).session;
    expect(incoming.state).to.equal('incoming');
    expect(incoming.from).to.equal('+33612345678');
    expect(incoming.callSid).to.equal('77');
    fake.emit('call_end_ringtone', { answer_status: 'answered', call_id: 77 });
    await until(() => incoming.state === 'connected', 'answered');
    fake.emit('call_ended', { duration: 12, call_id: 77 });
    const answered = await taken[0]!.record;
    expect(answered).to.include({ id: 'aircall:77', direction: 'inbound', status: 'completed', from: '+33612345678', agentId: 'agent-7' });
    expect(answered.details).to.deep.equal({ durationSec: 12 });

    fake.emit('incoming_call', { from: '+33612345678', call_id: 78 });
    await until(() => taken[1], 'the second incoming call');
    fake.emit('call_end_ringtone', { answer_status: 'disconnected', call_id: 78 });
    expect((await taken[1]!.record).status).to.equal('missed');

    fake.emit('incoming_call', { from: '+33612345678', call_id: 79 });
    await until(() => taken[2], 'the third incoming call');
    fake.emit('call_end_ringtone', { answer_status: 'refused', call_id: 79 });
    expect((await taken[2]!.record).status).to.equal('rejected');

    // A hidden caller cannot be recorded (an inbound record needs the caller's number): the workspace keeps it.
    fake.emit('incoming_call', { from: 'anonymous', call_id: 80 });
    fake.emit('incoming_call', { from: '+33612345679', call_id: 81 });
    await until(() => taken[3], 'the fifth incoming call');
    expect(taken[3]!.session.callSid).to.equal('81');
    expect(taken.length).to.equal(4);
    stopWatching();
  });

  it('leaves incoming calls to the workspace when the organisation does not allow them', async () => {
    useConfig({ permissions: { canReceiveInboundCalls: false } });
    const provider = useAircall();
    let offered = 0;
    provider.listen(() => {
      offered += 1;
      return undefined;
    });
    await provider.showWorkspace(PARAMS);
    const fake = await fakeWorkspace();
    fake.emit('incoming_call', { from: '+33612345678', call_id: 80 });
    // A round trip through the SDK proves the incoming call was handled before we look.
    const placed = call();
    await until(() => dialledNumbers(fake).length, 'the dial');
    expect(offered).to.equal(0);
    expect(placed.session.state).to.equal('connecting');
  });

  it('dispose ends a live call, removes the dialog and stops listening to messages', async () => {
    useConfig();
    const provider = useAircall();
    const added: EventListenerOrEventListenerObject[] = [];
    const removed: EventListenerOrEventListenerObject[] = [];
    const { addEventListener, removeEventListener } = window;
    window.addEventListener = function (this: Window, type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions) {
      if (type === 'message') added.push(listener);
      return addEventListener.call(this, type, listener, options);
    } as typeof window.addEventListener;
    window.removeEventListener = function (this: Window, type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions) {
      if (type === 'message') removed.push(listener);
      return removeEventListener.call(this, type, listener, options);
    } as typeof window.removeEventListener;
    try {
      const placed = call();
      const fake = await fakeWorkspace();
      await until(() => dialledNumbers(fake).length, 'the dial');
      fake.emit('outgoing_call', { to: NUMBER, call_id: 5 });
      await until(() => placed.session.state === 'ringing', 'ringing');
      provider.dispose();
      const record = await placed.record;
      expect(record.endedBy).to.equal('system');
      expect(workspaceElement()).to.equal(null);
      expect(added.length).to.be.greaterThan(0);
      expect(added.every((listener) => removed.includes(listener))).to.equal(true);
    } finally {
      window.addEventListener = addEventListener;
      window.removeEventListener = removeEventListener;
    }
  });
});

describe('Aircall call actions (the seed’s logAircallAction)', function () {
  this.timeout(15_000);
  beforeEach(resetAircall);

  async function runCall(options: { events?: ConfigOverrides['events']; storage: CallStorage }) {
    useConfig({ events: options.events });
    configure({ storage: options.storage, identity: { userId: 'user-9', displayName: 'Ada Agent' } });
    useAircall({ workspaceUrl: workspaceUrl('aircall-workspace.html', '?login=manual') });
    const placed = call();
    const fake = await fakeWorkspace();
    fake.login();
    await until(() => dialledNumbers(fake).length, 'the dial');
    fake.emit('outgoing_call', { to: NUMBER, call_id: 31 });
    fake.emit('outgoing_answered', { call_id: 31 });
    fake.emit('comment_saved', { comment: 'Pièces reçues', call_id: 31 });
    fake.emit('call_ended', { duration: 8, call_id: 31 });
    await placed.record;
    return fake;
  }

  it('logs the enabled events with their context, each once, and none of the disabled ones', async () => {
    const storage = storageWithActions();
    const fake = await runCall({ storage, events: { onCallAnswer: false, onLogout: false } });
    fake.emit('comment_saved', { comment: 'Rappel prévu', call_id: 31 });
    fake.logout();
    await until(async () => (await storage.listActions()).length === 4, 'four actions');
    await wait(50);
    // The queue sends several at once: the order in which they arrive is not the order they happened in.
    const order = ['login', 'call-started', 'call-ended', 'note'];
    const actions = (await storage.listActions()).sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
    expect(actions.map((a) => a.type)).to.deep.equal(order);
    const [login, started, ended, note] = actions as [CallAction, CallAction, CallAction, CallAction];
    expect(login).to.include({ requestId: 'req-123', leadId: 'lead-42', agentId: 'agent-7', userId: 'user-9' });
    expect(login.phoneNumber).to.equal(undefined);
    expect(started).to.deep.include({
      id: 'aircall:31:call-started',
      callId: 'aircall:31',
      phoneNumber: NUMBER,
      requestId: 'req-123',
      leadId: 'lead-42',
      agentId: 'agent-7',
      userId: 'user-9',
      userDisplayName: 'Jean Dupont',
    });
    expect(Number.isNaN(Date.parse(started.at))).to.equal(false);
    expect(ended).to.include({ id: 'aircall:31:call-ended', notes: 'Pièces reçues' });
    expect(note).to.include({ type: 'note', callId: 'aircall:31', notes: 'Rappel prévu', requestId: 'req-123' });
    expect(new Set(actions.map((a) => a.id)).size).to.equal(4);
  });

  it('logs nothing when the organisation traces no event', async () => {
    const storage = storageWithActions();
    const fake = await runCall({ storage, events: { onLogin: false, onLogout: false, onCallStart: false, onCallAnswer: false, onCallEnd: false } });
    fake.logout();
    await wait(100);
    expect(storage.attempts).to.deep.equal([]);
  });

  it('retries a transient failure with the same action id', async () => {
    const transient = () => new CallElementsError('storage-failed', { params: { detail: 'HTTP 503' } });
    const storage = storageWithActions([transient(), transient()]);
    await runCall({ storage, events: { onLogin: false, onCallStart: false, onCallAnswer: false } });
    await until(async () => (await storage.listActions()).length === 1, 'the stored action');
    expect(storage.attempts.map((a) => a.id)).to.deep.equal(['aircall:31:call-ended', 'aircall:31:call-ended', 'aircall:31:call-ended']);
    expect($notifications.get().filter((n) => n.kind === 'error')).to.deep.equal([]);
  });

  it('keeps an action the storage refuses as a dead letter, with an error notification and Retry', async () => {
    const refused = new CallElementsError('storage-rejected', { params: { detail: 'HTTP 422' }, permanent: true });
    const storage = storageWithActions([refused]);
    await runCall({ storage, events: { onLogin: false, onCallStart: false, onCallAnswer: false } });
    const notification = await until(() => $notifications.get().find((n) => n.messageKey === 'notify.actionDead'), 'the notification');
    expect(notification.kind).to.equal('error');
    expect(notification.code).to.equal('storage-rejected');
    expect(notification.action?.labelKey).to.equal('notify.retry');
    expect(storage.attempts.length, 'a permanent refusal is not retried').to.equal(1);
    await until(() => $outbox.get().deadLetters.some((letter) => letter.kind === 'action' && letter.id === 'aircall:31:call-ended'), 'the dead letter');
  });
});
