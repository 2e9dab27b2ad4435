import { expect } from '@open-wc/testing';
import { $call, clearCall, isCallActive, setCall, type CallSnapshot } from '../../src/store/call.js';
import { $notifications, clearNotifications, dismissNotification } from '../../src/store/notifications.js';
import { MAX_TRANSIENT_NOTIFICATIONS, pushNotification } from '../../src/store/push-notification.js';
import { $outbox, resetOutbox, updateOutbox } from '../../src/store/outbox.js';
import { configure } from '../../src/config.js';
import { $settings } from '../../src/store/config.js';
import { CallElementsError } from '../../src/internal/errors.js';
import { resetLibrary } from '../helpers/reset.js';

const snapshot = (sessionId: string, state: CallSnapshot['state']): CallSnapshot => ({
  sessionId,
  provider: 'demo',
  direction: 'outbound',
  state,
  muted: false,
  warnings: [],
});

describe('stores', () => {
  afterEach(async () => {
    await resetLibrary();
    resetOutbox();
  });

  it('$call: set, cleared only by its own session, active states', () => {
    setCall(snapshot('a', 'connected'));
    clearCall('b');
    expect($call.get()!.sessionId).to.equal('a');
    expect(isCallActive($call.get())).to.equal(true);
    setCall(snapshot('a', 'ended'));
    expect(isCallActive($call.get())).to.equal(false);
    clearCall('a');
    expect($call.get()).to.equal(null);
    expect(isCallActive(null)).to.equal(false);
  });

  it('$notifications: push, replace by key, dismiss, clear', () => {
    const saving = pushNotification({ kind: 'info', messageKey: 'state.connecting', key: 'call:1' });
    pushNotification({ kind: 'error', messageKey: 'error.unknown', params: { detail: 'x' }, code: 'unknown' });
    expect($notifications.get().map((n) => n.kind)).to.deep.equal(['info', 'error']);
    const saved = pushNotification({ kind: 'success', messageKey: 'state.ended', key: 'call:1' });
    expect($notifications.get().map((n) => n.kind)).to.deep.equal(['error', 'success']);
    expect(saved).to.not.equal(saving);
    dismissNotification(saved);
    expect($notifications.get().map((n) => n.kind)).to.deep.equal(['error']);
    const before = $notifications.get();
    dismissNotification('missing');
    expect($notifications.get()).to.equal(before);
    clearNotifications();
    expect($notifications.get()).to.deep.equal([]);
  });

  it('$notifications: keeps the newest info/success ones, and every error', () => {
    pushNotification({ kind: 'error', messageKey: 'error.unknown', code: 'unknown' });
    for (let i = 0; i < MAX_TRANSIENT_NOTIFICATIONS + 5; i++) pushNotification({ kind: 'info', messageKey: 'notify.saving', callId: `c${i}` });
    const list = $notifications.get();
    expect(list.filter((n) => n.kind === 'error')).to.have.length(1);
    expect(list.filter((n) => n.kind === 'info').map((n) => n.callId)[0]).to.equal('c5');
    expect(list).to.have.length(MAX_TRANSIENT_NOTIFICATIONS + 1);
  });

  it('$outbox: partial updates keep the rest', () => {
    updateOutbox({ pending: 3 });
    updateOutbox({ durable: false });
    expect($outbox.get()).to.deep.include({ pending: 3, durable: false, inFlight: 0, flusher: false });
    expect($outbox.get().deadLetters).to.deep.equal([]);
  });

  it('configure() sets page settings and rejects values it cannot use', () => {
    configure({ notify: 'all', locale: 'fr' });
    expect($settings.get()).to.deep.equal({ notify: 'all', locale: 'fr' });
    expect(() => configure({ notify: 'loud' as 'all' })).to.throw(CallElementsError, /notify must be one of all, errors, none/);
    expect(() => configure({ identity: { userId: '' } })).to.throw(CallElementsError, /identity must be/);
    expect(() => configure({ providers: { broken: {} as never } })).to.throw(CallElementsError, /must implement start\(\), hangup\(\)/);
  });
});
