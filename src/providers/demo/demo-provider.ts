import { CallElementsError } from '../../internal/errors.js';
import { debug } from '../../internal/debug.js';
import type { CallProvider, CallRequest, ProviderCapability, ProviderSink } from '../types.js';

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
  if (options.outcome !== undefined && !DEMO_OUTCOMES.includes(options.outcome)) {
    throw new CallElementsError('invalid-options', {
      params: { detail: `outcome must be one of ${DEMO_OUTCOMES.join(', ')} (got ${String(options.outcome)})` },
      permanent: true,
    });
  }
  if (options.recordingUrl !== undefined) {
    let protocol = '';
    try {
      protocol = new URL(options.recordingUrl).protocol;
    } catch {
      // handled below: an unparsable URL has no allowed protocol
    }
    if (protocol !== 'https:' && protocol !== 'http:') {
      throw new CallElementsError('invalid-options', {
        params: { detail: 'recordingUrl must be an http: or https: URL' },
        permanent: true,
      });
    }
  }
}

/**
 * A provider that simulates calls, for development, demos and tests: connecting → ringing (with a
 * `DM…` call id) → the chosen outcome, optionally a remote hang-up. Like a real SDK it reports the
 * disconnect of an agent hang-up asynchronously.
 */
export function createDemoProvider(options: DemoProviderOptions = {}): CallProvider {
  checkOptions(options);
  const connectAfterMs = options.connectAfterMs ?? 400;
  const answerAfterMs = options.answerAfterMs ?? 1500;
  const outcome = options.outcome ?? 'completed';
  const capabilities: ReadonlySet<ProviderCapability> = new Set(['outbound', 'mute', 'dtmf']);

  let sink: ProviderSink | undefined;
  let answered = false;
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
            if (options.hangupAfterMs !== undefined) {
              later(options.hangupAfterMs, () => {
                report({ type: 'ended', endedBy: 'remote', status: 'completed', recordingUrl: options.recordingUrl });
                finish();
              });
            }
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
    dispose() {
      finish();
    },
  };
}
