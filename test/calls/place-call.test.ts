import { expect } from '@open-wc/testing';
import { configure } from '../../src/config.js';
import { parsePhoneNumber } from '../../src/calls/phone-number.js';
import { placeCall, receiveCall } from '../../src/calls/engine-api.js';
import { buildCallRecord } from '../../src/calls/record.js';
import { CallSession } from '../../src/calls/session.js';
import { CallElementsError } from '../../src/internal/errors.js';
import { $call } from '../../src/store/call.js';
import { createMemoryStorage } from '../../src/storage/memory/index.js';
import { createManualProvider, until, type ManualProvider } from '../helpers/manual-provider.js';
import { thrownBy } from '../helpers/errors.js';
import { isolatedOutbox, resetLibrary } from '../helpers/reset.js';

const caught = (fn: () => unknown) => thrownBy(fn) as CallElementsError;

describe('placeCall', () => {
  let manual: ManualProvider;
  beforeEach(async () => {
    await resetLibrary();
    manual = createManualProvider();
    configure({ providers: { manual } });
  });
  afterEach(resetLibrary);

  it('normalises what people type into E.164 and explains what is wrong otherwise', () => {
    expect(parsePhoneNumber(' +33 1.23-45 (67) 89 ')).to.equal('+33123456789');
    expect(parsePhoneNumber('+1 415 555 0100')).to.equal('+14155550100');
    expect(caught(() => parsePhoneNumber('')).code).to.equal('number-missing');
    expect(caught(() => parsePhoneNumber(null)).code).to.equal('number-missing');
    const invalid = caught(() => parsePhoneNumber('06 12'));
    expect(invalid.code).to.equal('number-invalid');
    expect(invalid.permanent).to.equal(true);
    expect(invalid.message).to.contain('“06 12” is not a valid phone number');
  });

  it('checks the metadata before dialling, so that the record cannot be refused later', () => {
    const error = caught(() => placeCall({ provider: 'manual', number: '+33123456789', leadId: 'x'.repeat(201) }));
    expect(error.code).to.equal('invalid-record');
    expect(error.message).to.contain('leadId: must be 200 characters or fewer');
    expect(manual.requests).to.have.length(0);
  });

  it('puts the user id from an async identity into the record', async () => {
    configure({ identity: async () => ({ userId: 'u-async' }) });
    const call = placeCall({ provider: 'manual', number: '+33123456789', agentId: 'a1' });
    manual.emit({ type: 'ringing', callSid: 'CA1' });
    call.hangup();
    const record = await call.record;
    expect(record.userId).to.equal('u-async');
    expect(record.agentId).to.equal('a1');
    expect(call.warnings).to.have.length(0);
  });

  it('takes an identity object too, and leaves userId out when the host configured none', async () => {
    configure({ identity: { userId: 'u-object' } });
    const first = placeCall({ provider: 'manual', number: '+33123456789' });
    first.hangup();
    expect((await first.record).userId).to.equal('u-object');
    await resetLibrary();
    configure({ providers: { manual } });
    const second = placeCall({ provider: 'manual', number: '+33123456789' });
    second.hangup();
    expect((await second.record).userId).to.equal(undefined);
  });

  it('stores the call even when the identity function fails, and says so', async () => {
    configure({ identity: () => Promise.reject(new Error('session expired')) });
    const call = placeCall({ provider: 'manual', number: '+33123456789' });
    call.hangup();
    const record = await call.record;
    expect(record.userId).to.equal(undefined);
    expect(call.warnings.map((w) => w.code)).to.deep.equal(['identity-failed']);
    expect(call.warnings[0]!.message).to.contain('session expired');
  });

  it('bounds the wait for an identity function that never answers', async () => {
    configure({ identity: () => new Promise(() => undefined) });
    const call = placeCall({ provider: 'manual', number: '+33123456789', identityTimeoutMs: 20 });
    call.hangup();
    const record = await call.record;
    expect(record.userId).to.equal(undefined);
    expect(call.warnings.map((w) => w.message)).to.deep.equal(['Could not find out who the current user is: no answer after 20 ms']);
  });

  it('refuses a second call while one is live, and an unknown provider', () => {
    placeCall({ provider: 'manual', number: '+33123456789' });
    expect(caught(() => placeCall({ provider: 'manual', number: '+33123456780' })).code).to.equal('call-in-progress');
    $call.set(null);
    expect(caught(() => placeCall({ provider: 'ghost', number: '+33123456789' })).code).to.equal('provider-unknown');
  });

  it('stops listening to pagehide once the call is over', async () => {
    const call = placeCall({ provider: 'manual', number: '+33123456789' });
    call.hangup();
    await call.record;
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(manual.hangups).to.equal(1);
    expect(call.session.end!.endedBy).to.equal('agent');
  });

  it('mirrors every state into $call', () => {
    const seen: string[] = [];
    const unsubscribe = $call.listen((value) => seen.push(value!.state));
    const call = placeCall({ provider: 'manual', number: '+33123456789' });
    manual.emit({ type: 'ringing', callSid: 'CA7' });
    manual.emit({ type: 'connected' });
    manual.emit({ type: 'reconnecting' });
    manual.emit({ type: 'reconnected' });
    call.hangup();
    unsubscribe();
    expect(seen).to.deep.equal(['connecting', 'ringing', 'connected', 'reconnecting', 'connected', 'ended']);
  });
});

describe('buildCallRecord', () => {
  it('refuses a session that has not ended', () => {
    const session = new CallSession({ provider: 'demo', direction: 'outbound', to: '+33123456789' });
    session.dispatch({ type: 'connecting' });
    expect(caught(() => buildCallRecord(session)).code).to.equal('invalid-record');
  });

  it('fills every field it knows and drops empty ones', () => {
    let now = Date.parse('2026-03-01T08:00:00.000Z');
    const session = new CallSession({ provider: 'demo', direction: 'outbound', to: '+33123456789', now: () => now });
    session.dispatch({ type: 'connecting' });
    now += 1500;
    session.dispatch({ type: 'ringing', callSid: 'DMabc' });
    now += 2500;
    session.dispatch({ type: 'connected' });
    session.dispatch({ type: 'warning', name: 'high-jitter' });
    now += 42_000;
    session.dispatch({ type: 'ended', endedBy: 'remote', recordingUrl: 'https://rec.example/a.mp3', details: { codec: 'opus' } });
    const record = buildCallRecord(session, { agentId: 'a', leadId: '', requestId: 'r', userId: 'u', notes: 'Rappeler lundi' });
    expect(record).to.deep.equal({
      schemaVersion: 1,
      id: 'demo:DMabc',
      provider: 'demo',
      callSid: 'DMabc',
      direction: 'outbound',
      status: 'completed',
      to: '+33123456789',
      agentId: 'a',
      requestId: 'r',
      userId: 'u',
      startedAt: '2026-03-01T08:00:00.000Z',
      answeredAt: '2026-03-01T08:00:04.000Z',
      endedAt: '2026-03-01T08:00:46.000Z',
      durationSec: 42,
      endedBy: 'remote',
      recordingUrl: 'https://rec.example/a.mp3',
      metrics: { muteToggles: 0, reconnects: 0, qualityWarnings: 1, setupMs: 4000 },
      details: { codec: 'opus' },
      notes: 'Rappeler lundi',
    });
  });
});

describe('placeCall() and receiveCall() from JavaScript, with no element on the page', () => {
  let manual: ManualProvider;
  let storage: ReturnType<typeof createMemoryStorage>;
  const heard: { type: string; detail: unknown }[] = [];
  const types = ['call-start', 'call-connect', 'call-end', 'call-error', 'call-stored'];
  const listener = (event: Event) => heard.push({ type: event.type, detail: (event as CustomEvent).detail });

  beforeEach(async () => {
    await resetLibrary();
    manual = createManualProvider('manual', ['outbound', 'inbound']);
    storage = createMemoryStorage();
    configure({ providers: { manual }, storage, outbox: isolatedOutbox(), identity: { userId: 'js-user' } });
    heard.length = 0;
    for (const type of types) document.addEventListener(type, listener);
  });
  afterEach(async () => {
    for (const type of types) document.removeEventListener(type, listener);
    await resetLibrary();
  });

  it('placeCall(): the record is captured and stored once, and the events reach the document', async () => {
    const call = placeCall({ provider: 'manual', number: '+33123456789', leadId: 'lead-js' });
    manual.emit({ type: 'ringing', callSid: 'CAJS' });
    manual.emit({ type: 'connected' });
    call.hangup();
    await until(() => heard.some((event) => event.type === 'call-stored'), 'call-stored');
    expect(heard.map((event) => event.type)).to.deep.equal(['call-start', 'call-connect', 'call-end', 'call-stored']);
    expect(heard[2]!.detail).to.include({ id: 'manual:CAJS', leadId: 'lead-js', userId: 'js-user', endedBy: 'agent' });
    const stored = await storage.listCalls();
    expect(stored.map((record) => record.id)).to.deep.equal(['manual:CAJS']);
  });

  it('a storage configured during a call gets its record (the queue changed under the call)', async () => {
    const call = placeCall({ provider: 'manual', number: '+33123456789' });
    manual.emit({ type: 'ringing', callSid: 'CASWAP' });
    const later = createMemoryStorage();
    configure({ storage: later });
    call.hangup();
    await until(async () => (await later.listCalls()).length === 1, 'stored in the new storage');
    expect((await later.listCalls())[0]!.id).to.equal('manual:CASWAP');
    expect(await storage.listCalls()).to.deep.equal([]);
  });

  it('receiveCall(): an incoming call of a provider of your own has the same guarantees', async () => {
    const received = receiveCall(manual, { callSid: 'CAIN', from: '+33612345678' }, { agentId: 'agent-js' })!;
    expect(received.call.snapshot.state).to.equal('incoming');
    received.sink({ type: 'connected' });
    received.sink({ type: 'ended', endedBy: 'remote' });
    await until(() => heard.some((event) => event.type === 'call-stored'), 'call-stored');
    expect(heard.map((event) => event.type)).to.deep.equal(['call-start', 'call-connect', 'call-end', 'call-stored']);
    expect((await storage.listCalls())[0]).to.include({ id: 'manual:CAIN', direction: 'inbound', from: '+33612345678', agentId: 'agent-js', status: 'completed' });
  });

  it('a failed call is reported as call-error on the document, and its record stored', async () => {
    manual.failNextStart = new Error('no route');
    placeCall({ provider: 'manual', number: '+33123456789' });
    await until(() => heard.some((event) => event.type === 'call-stored'), 'call-stored');
    expect(heard.find((event) => event.type === 'call-error')!.detail).to.deep.include({ code: 'provider-failed', provider: 'manual' });
    expect((await storage.listCalls())[0]).to.include({ status: 'failed', endedBy: 'error' });
  });

  it('configure({ traceActions }) logs the call’s actions through the queue, each once', async () => {
    configure({ traceActions: ['call-started', 'call-answered', 'call-ended'] });
    const call = placeCall({ provider: 'manual', number: '+33123456789', leadId: 'lead-t', requestId: 'req-t', displayName: 'Jean Dupont' });
    manual.emit({ type: 'ringing', callSid: 'CATR' });
    manual.emit({ type: 'connected' });
    call.hangup();
    await until(async () => (await storage.listActions()).length === 3, 'three actions');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const actions = await storage.listActions();
    expect(actions.map((action) => action.id).sort()).to.deep.equal(['manual:CATR:call-answered', 'manual:CATR:call-ended', 'manual:CATR:call-started']);
    for (const action of actions) {
      expect(action).to.include({ callId: 'manual:CATR', leadId: 'lead-t', requestId: 'req-t', phoneNumber: '+33123456789', userDisplayName: 'Jean Dupont', userId: 'js-user' });
    }
  });
});
