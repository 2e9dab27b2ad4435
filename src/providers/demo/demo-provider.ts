import { CallElementsError } from '../../internal/errors.js';
import { debug } from '../../internal/debug.js';
import { isHttpUrl } from '../../internal/url.js';
import { isE164 } from '../../schema/phone.js';
import type { CallProvider, CallRequest, IncomingHandler, ProviderCapability, ProviderSink } from '../types.js';
import '../../locales/engine-messages.js';

export const DEMO_OUTCOMES = ['completed', 'busy', 'no-answer', 'failed'] as const;
export type DemoOutcome = (typeof DEMO_OUTCOMES)[number];

export interface DemoProviderOptions {
  /** Time from dialling to the first ring (ms). Default 400. */
  connectAfterMs?: number;
  /** How long it rings before the outcome happens (ms). Default 1500. */
  answerAfterMs?: number;
  /** If set, the remote party hangs up this long after answering (ms). Default: never. */
  hangupAfterMs?: number;
  /** What the remote side does. Default "completed" (answers). */
  outcome?: DemoOutcome;
  /** Given to the record of an answered call, as a recording would be. Must be http(s). */
  recordingUrl?: string;
  /** Receive calls too: adds `listen()`, `accept()`, `reject()`, and `simulateIncoming()` to ring the page. */
  incoming?: boolean;
  /** How long a simulated incoming call rings before the caller gives up (a missed call), in ms. Default 15000. */
  missAfterMs?: number;
}

/** The demo provider; with `incoming: true`, `simulateIncoming()` rings the page as a caller would. */
export interface DemoProvider extends CallProvider {
  /**
   * A caller rings (default number +14155550123). Returns whether the page took the call: false when
   * nothing listens (no `<call-button accept-incoming>`), a call is live, or `incoming` is off.
   */
  simulateIncoming(options?: { from?: string }): boolean;
}

export const DEMO_DIGITS = /^[0-9*#w]+$/;

function randomCallSid(): string {
  const hex = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  return `DM${hex}`;
}

function checkDelay(name: string, value: number | undefined): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new CallElementsError('invalid-options', {
      params: { detail: `${name} must be a number of milliseconds ≥ 0 (got ${String(value)})` },
      permanent: true,
    });
  }
}

function checkOptions(options: DemoProviderOptions): void {
  checkDelay('connectAfterMs', options.connectAfterMs);
  checkDelay('answerAfterMs', options.answerAfterMs);
  checkDelay('hangupAfterMs', options.hangupAfterMs);
  checkDelay('missAfterMs', options.missAfterMs);
  if (options.outcome !== undefined && !DEMO_OUTCOMES.includes(options.outcome)) {
    throw new CallElementsError('invalid-options', {
      params: { detail: `outcome must be one of ${DEMO_OUTCOMES.join(', ')} (got ${String(options.outcome)})` },
      permanent: true,
    });
  }
  if (options.recordingUrl !== undefined && !isHttpUrl(options.recordingUrl)) {
    throw new CallElementsError('invalid-options', {
      params: { detail: 'recordingUrl must be an http: or https: URL' },
      permanent: true,
    });
  }
}

/**
 * A provider that simulates calls, for development, demos and tests: connecting → ringing (with a
 * `DM…` call id) → the chosen outcome, optionally a remote hang-up. Like a real SDK it reports the
 * disconnect of an agent hang-up asynchronously. With `incoming: true` it also rings the page on
 * `simulateIncoming()`.
 */
export function createDemoProvider(options: DemoProviderOptions = {}): DemoProvider {
  checkOptions(options);
  const connectAfterMs = options.connectAfterMs ?? 400;
  const answerAfterMs = options.answerAfterMs ?? 1500;
  const missAfterMs = options.missAfterMs ?? 15_000;
  const outcome = options.outcome ?? 'completed';
  const capabilities: ReadonlySet<ProviderCapability> = new Set(
    options.incoming ? ['outbound', 'inbound', 'mute', 'dtmf'] : ['outbound', 'mute', 'dtmf'],
  );

  let sink: ProviderSink | undefined;
  let answered = false;
  /** An incoming call rings and nobody answered yet. */
  let ringing = false;
  const handlers = new Set<IncomingHandler>();
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  const stopTimers = () => {
    timers.forEach(clearTimeout);
    timers.clear();
  };
  const report: ProviderSink = (event) => {
    debug('provider:demo', event.type, { input: event });
    sink?.(event);
  };
  const finish = () => {
    stopTimers();
    sink = undefined;
    answered = false;
    ringing = false;
  };
  const remoteHangupLater = () => {
    if (options.hangupAfterMs === undefined) return;
    later(options.hangupAfterMs, () => {
      report({ type: 'ended', endedBy: 'remote', status: 'completed', recordingUrl: options.recordingUrl });
      finish();
    });
  };

  return {
    name: 'demo',
    capabilities,
    start(request: CallRequest, callSink: ProviderSink) {
      if (sink) throw new CallElementsError('call-in-progress');
      sink = callSink;
      const callSid = randomCallSid();
      debug('provider:demo', 'start', { to: request.to, outcome });
      report({ type: 'connecting' });
      later(connectAfterMs, () => report({ type: 'ringing', callSid }));
      later(connectAfterMs + answerAfterMs, () => {
        switch (outcome) {
          case 'completed':
            answered = true;
            report({ type: 'connected', callSid });
            remoteHangupLater();
            return;
          case 'failed':
            report({ type: 'failed', error: { code: 'demo-failed', message: 'The demo provider failed this call on purpose.' } });
            finish();
            return;
          default:
            report({ type: 'ended', endedBy: 'remote', status: outcome });
            finish();
        }
      });
    },
    hangup() {
      if (!sink) return;
      const callSink = sink;
      const recordingUrl = answered ? options.recordingUrl : undefined;
      finish();
      // Real SDKs confirm a local hang-up with a disconnect event a moment later.
      setTimeout(() => callSink({ type: 'ended', endedBy: 'agent', recordingUrl }), 0);
    },
    mute(on: boolean) {
      if (answered) report({ type: 'muted', muted: on });
    },
    sendDigits(digits: string) {
      if (!DEMO_DIGITS.test(digits)) throw new CallElementsError('invalid-digits', { permanent: true });
      debug('provider:demo', 'digits', { count: digits.length });
    },
    ...(options.incoming && {
      listen(handler: IncomingHandler) {
        handlers.add(handler);
        return () => handlers.delete(handler);
      },
      accept() {
        if (!ringing) return;
        ringing = false;
        stopTimers();
        answered = true;
        report({ type: 'connected' });
        remoteHangupLater();
      },
      reject() {
        // The library records the refusal itself; the caller just hears it end.
        if (ringing) finish();
      },
    }),
    simulateIncoming({ from = '+14155550123' } = {}) {
      if (!options.incoming || sink) return false;
      if (!isE164(from)) {
        throw new CallElementsError('number-invalid', { params: { number: from }, permanent: true });
      }
      const callSid = randomCallSid();
      for (const handler of [...handlers]) {
        const taken = handler({ callSid, from });
        if (!taken) continue;
        sink = taken;
        ringing = true;
        debug('provider:demo', 'incoming', { callSid });
        later(missAfterMs, () => {
          report({ type: 'ended', endedBy: 'remote' });
          finish();
        });
        return true;
      }
      return false;
    },
    dispose() {
      finish();
      handlers.clear();
    },
  };
}
