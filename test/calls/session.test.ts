import { expect } from '@open-wc/testing';
import { CallSession } from '../../src/calls/session.js';
import { DEBUG_KEY } from '../../src/internal/debug.js';
import type { ProviderEvent } from '../../src/providers/types.js';
import type { CallState } from '../../src/store/call.js';

function clock(start = Date.parse('2026-01-01T10:00:00.000Z')) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const outbound = (now?: () => number) => new CallSession({ provider: 'demo', direction: 'outbound', to: '+33123456789', now });
const inbound = (now?: () => number) => new CallSession({ provider: 'demo', direction: 'inbound', now });

/** Drives a fresh session into `state` through legal events. */
function sessionIn(state: CallState): CallSession {
  if (state === 'incoming') {
    const s = inbound();
    s.dispatch({ type: 'incoming', callSid: 'CA1', from: '+33999999999' });
    return s;
  }
  const s = outbound();
  const path: Record<CallState, ProviderEvent[]> = {
    idle: [],
    connecting: [{ type: 'connecting' }],
    ringing: [{ type: 'connecting' }, { type: 'ringing', callSid: 'CA1' }],
    connected: [{ type: 'connecting' }, { type: 'ringing', callSid: 'CA1' }, { type: 'connected' }],
    reconnecting: [{ type: 'connecting' }, { type: 'connected', callSid: 'CA1' }, { type: 'reconnecting' }],
    ended: [{ type: 'connecting' }, { type: 'ended', endedBy: 'agent' }],
    failed: [{ type: 'connecting' }, { type: 'failed', error: { code: 'x', message: 'y' } }],
    incoming: [],
  };
  path[state].forEach((event) => expect(s.dispatch(event), `${event.type} on the way to ${state}`).to.equal(true));
  expect(s.state).to.equal(state);
  return s;
}

const EVENTS: ProviderEvent[] = [
  { type: 'connecting' },
  { type: 'ringing', callSid: 'CA2' },
  { type: 'incoming', callSid: 'CA3', from: '+33111111111' },
  { type: 'connected', callSid: 'CA2' },
  { type: 'reconnecting' },
  { type: 'reconnected' },
  { type: 'ended', endedBy: 'remote' },
  { type: 'failed', error: { code: 'boom', message: 'Boom' } },
];

/** The complete transition table of DESIGN.md §3. Every pair not listed must be ignored. */
const LEGAL: Record<CallState, Partial<Record<ProviderEvent['type'], CallState>>> = {
  idle: { connecting: 'connecting', incoming: 'incoming' },
  connecting: { ringing: 'ringing', connected: 'connected', ended: 'ended', failed: 'failed' },
  ringing: { connected: 'connected', ended: 'ended', failed: 'failed' },
  incoming: { connected: 'connected', ended: 'ended', failed: 'failed' },
  connected: { reconnecting: 'reconnecting', ended: 'ended', failed: 'failed' },
  reconnecting: { reconnected: 'connected', ended: 'ended', failed: 'failed' },
  ended: {},
  failed: {},
};

describe('CallSession state machine', () => {
  for (const [from, moves] of Object.entries(LEGAL) as [CallState, Partial<Record<ProviderEvent['type'], CallState>>][]) {
    for (const event of EVENTS) {
      const to = moves[event.type];
      if (to) {
        it(`${from} --${event.type}--> ${to}`, () => {
          const session = sessionIn(from);
          expect(session.dispatch(event)).to.equal(true);
          expect(session.state).to.equal(to);
        });
      } else {
        it(`${from} ignores ${event.type}`, () => {
          const session = sessionIn(from);
          const before = session.snapshot();
          expect(session.dispatch(event)).to.equal(false);
          expect(session.state).to.equal(from);
          expect(session.snapshot()).to.deep.equal(before);
        });
      }
    }
  }

  it('records start, answer and end times and the duration from the answer', () => {
    const c = clock();
    const session = outbound(c.now);
    session.dispatch({ type: 'connecting' });
    c.advance(2000);
    session.dispatch({ type: 'ringing', callSid: 'CA9' });
    c.advance(3000);
    session.dispatch({ type: 'connected' });
    c.advance(65_400);
    session.dispatch({ type: 'ended', endedBy: 'agent' });
    expect(session.startedAt).to.equal(Date.parse('2026-01-01T10:00:00.000Z'));
    expect(session.answeredAt).to.equal(Date.parse('2026-01-01T10:00:05.000Z'));
    expect(session.endedAt).to.equal(Date.parse('2026-01-01T10:01:10.400Z'));
    expect(session.durationSec).to.equal(65);
    expect(session.metrics.setupMs).to.equal(5000);
    expect(session.callSid).to.equal('CA9');
    expect(session.end).to.deep.equal({ state: 'ended', endedBy: 'agent', status: 'completed' });
  });

  it('an unanswered call lasts 0 s and gets its status from who ended it', () => {
    const cases: [CallSession, ProviderEvent, string][] = [
      [sessionIn('ringing'), { type: 'ended', endedBy: 'agent' }, 'canceled'],
      [sessionIn('ringing'), { type: 'ended', endedBy: 'remote' }, 'no-answer'],
      [sessionIn('ringing'), { type: 'ended', endedBy: 'system' }, 'canceled'],
      [sessionIn('ringing'), { type: 'ended', endedBy: 'remote', status: 'busy' }, 'busy'],
      [sessionIn('incoming'), { type: 'ended', endedBy: 'remote' }, 'missed'],
      [sessionIn('incoming'), { type: 'ended', endedBy: 'agent' }, 'rejected'],
      [sessionIn('connecting'), { type: 'failed', error: { code: 'e', message: 'm' } }, 'failed'],
    ];
    for (const [session, event, status] of cases) {
      session.dispatch(event);
      expect(session.end?.status, `${event.type} ${'endedBy' in event ? event.endedBy : ''}`).to.equal(status);
      expect(session.durationSec).to.equal(0);
    }
  });

  it('counts reconnects, distinct quality warnings and real mute toggles while live, not after', () => {
    const session = sessionIn('connected');
    session.dispatch({ type: 'warning', name: 'high-rtt' });
    session.dispatch({ type: 'warning', name: 'high-rtt' });
    session.dispatch({ type: 'warning', name: 'low-mos' });
    session.dispatch({ type: 'warning-cleared', name: 'high-rtt' });
    expect([...session.warnings]).to.deep.equal(['low-mos']);
    session.dispatch({ type: 'muted', muted: true });
    session.dispatch({ type: 'muted', muted: true });
    session.dispatch({ type: 'muted', muted: false });
    session.dispatch({ type: 'reconnecting' });
    session.dispatch({ type: 'reconnected' });
    session.dispatch({ type: 'reconnecting' });
    session.dispatch({ type: 'reconnected' });
    session.dispatch({ type: 'ended', endedBy: 'remote' });
    expect(session.dispatch({ type: 'muted', muted: true })).to.equal(false);
    expect(session.dispatch({ type: 'warning', name: 'late' })).to.equal(false);
    expect(session.metrics).to.deep.include({ muteToggles: 2, reconnects: 2, qualityWarnings: 2 });
    expect(session.warnings.size).to.equal(0);
  });

  describe('ends exactly once, whoever reports it', () => {
    const reporters: Record<string, ProviderEvent> = {
      agent: { type: 'ended', endedBy: 'agent' },
      provider: { type: 'ended', endedBy: 'remote' },
      error: { type: 'failed', error: { code: 'net', message: 'network lost' } },
      unload: { type: 'ended', endedBy: 'system' },
    };
    const orders = [
      ['agent', 'provider', 'error', 'unload'],
      ['provider', 'agent', 'unload', 'error'],
      ['error', 'agent', 'provider', 'unload'],
      ['unload', 'error', 'provider', 'agent'],
    ];
    for (const order of orders) {
      it(`keeps the first of ${order.join(' → ')} in the same tick`, async () => {
        const session = sessionIn('connected');
        let ends = 0;
        session.subscribe((s, _e, previous) => {
          if (s.isOver && previous !== s.state) ends += 1;
        });
        const results = order.map((name) => session.dispatch(reporters[name]!));
        expect(results).to.deep.equal([true, false, false, false]);
        expect(ends).to.equal(1);
        const end = await session.ended;
        const first = reporters[order[0]!]!;
        expect(end.endedBy).to.equal(first.type === 'failed' ? 'error' : (first as { endedBy: string }).endedBy);
      });
    }

    it('keeps the first end when the second comes 2 s later, and the timings do not move', async () => {
      const c = clock();
      const session = outbound(c.now);
      session.dispatch({ type: 'connecting' });
      session.dispatch({ type: 'connected', callSid: 'CA1' });
      c.advance(10_000);
      session.dispatch({ type: 'ended', endedBy: 'agent' });
      const endedAt = session.endedAt;
      c.advance(2000);
      expect(session.dispatch({ type: 'ended', endedBy: 'remote' })).to.equal(false);
      expect(session.endedAt).to.equal(endedAt);
      expect(session.durationSec).to.equal(10);
      expect((await session.ended).endedBy).to.equal('agent');
    });

    it('resolves `ended` once even for ends reported from many microtasks at once', async () => {
      const session = sessionIn('ringing');
      await Promise.all([
        Promise.resolve().then(() => session.dispatch({ type: 'ended', endedBy: 'agent' })),
        Promise.resolve().then(() => session.dispatch({ type: 'ended', endedBy: 'remote' })),
        Promise.resolve().then(() => session.dispatch({ type: 'failed', error: { code: 'a', message: 'b' } })),
      ]);
      const end = await session.ended;
      expect(end.endedBy).to.equal('agent');
      expect(session.state).to.equal('ended');
    });
  });

  it('keeps running the others when a listener throws', () => {
    const session = outbound();
    const seen: string[] = [];
    const originalError = console.error;
    const logged: unknown[] = [];
    console.error = (...args: unknown[]) => logged.push(args);
    try {
      session.subscribe(() => {
        throw new Error('listener bug');
      });
      session.subscribe((s) => seen.push(s.state));
      expect(session.dispatch({ type: 'connecting' })).to.equal(true);
    } finally {
      console.error = originalError;
    }
    expect(seen).to.deep.equal(['connecting']);
    expect(logged).to.have.length(1);
  });

  it('gives a call that never got a provider id a local "LC" id, stable once given', () => {
    const session = sessionIn('connecting');
    session.dispatch({ type: 'failed', error: { code: 'x', message: 'y' } });
    const id = session.ensureCallSid();
    expect(id).to.match(/^LC[0-9a-f]{32}$/);
    expect(session.ensureCallSid()).to.equal(id);
  });

  describe('debug mode', () => {
    let logs: unknown[][];
    const originalInfo = console.info;
    beforeEach(() => {
      logs = [];
      console.info = (...args: unknown[]) => logs.push(args);
    });
    afterEach(() => {
      console.info = originalInfo;
      localStorage.removeItem(DEBUG_KEY);
    });

    it('logs transitions and ignored events as structured entries when switched on', () => {
      localStorage.setItem(DEBUG_KEY, 'true');
      const session = outbound();
      session.dispatch({ type: 'connecting' });
      session.dispatch({ type: 'reconnected' });
      const entries = logs.map((args) => args[1] as Record<string, unknown>);
      expect(logs.every((args) => args[0] === '[call-elements]')).to.equal(true);
      expect(entries[0]).to.include({ scope: 'session', event: 'transition', from: 'idle', to: 'connecting' });
      expect(entries[1]).to.include({ scope: 'session', event: 'ignored', state: 'connecting' });
      expect(entries[1]!.at).to.be.a('string');
    });

    it('logs nothing by default', () => {
      const session = outbound();
      session.dispatch({ type: 'connecting' });
      session.dispatch({ type: 'reconnected' });
      expect(logs).to.deep.equal([]);
    });
  });
});
