import { expect } from '@open-wc/testing';
import { configure } from '../../src/config.js';
import { parsePhoneNumber } from '../../src/calls/phone-number.js';
import { placeCall } from '../../src/calls/public-api.js';
import { buildCallRecord } from '../../src/calls/record.js';
import { CallSession } from '../../src/calls/session.js';
import { CallElementsError } from '../../src/internal/errors.js';
import { $call } from '../../src/store/call.js';
import { createManualProvider, type ManualProvider } from '../helpers/manual-provider.js';
import { thrownBy } from '../helpers/errors.js';
import { resetLibrary } from '../helpers/reset.js';

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
