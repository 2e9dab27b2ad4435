import { CallElementsError } from '../../internal/errors.js';
import type { CallCheckOptions, CallCheckQuality, CallCheckReport, CallCheckStat, CallCheckWarning } from '../types.js';
import { classifyTwilioError, describeTwilioError, type TwilioErrorLike } from './twilio-errors.js';
import '../../locales/on-demand-errors.js';

// The parts of the SDK's PreflightTest (node_modules/@twilio/voice-sdk/es5/twilio/preflight/preflight.d.ts,
// timing.d.ts) this provider reads, written structurally so that a test can inject a fake.

export interface TwilioPreflightTest {
  on(event: 'connected' | 'completed' | 'failed' | 'warning', listener: (...args: any[]) => void): unknown;
  removeListener(event: string, listener: (...args: any[]) => void): unknown;
  stop(): void;
}

/** The PreflightTest.Options this provider passes. */
export interface TwilioPreflightOptions {
  edge?: string;
  codecPreferences?: ('opus' | 'pcmu')[];
}

/** `Device.runPreflight(token, options)`. */
export type TwilioRunPreflight = (token: string, options?: TwilioPreflightOptions) => TwilioPreflightTest;

interface TimeMeasurement {
  duration?: number;
}

/** PreflightTest.Report, the fields read here. */
export interface TwilioPreflightReport {
  callQuality?: string;
  callSid?: string;
  edge?: string;
  isTurnRequired?: boolean;
  networkTiming?: { signaling?: TimeMeasurement; ice?: TimeMeasurement; dtls?: TimeMeasurement; peerConnection?: TimeMeasurement };
  stats?: { rtt?: Partial<CallCheckStat>; jitter?: Partial<CallCheckStat>; mos?: Partial<CallCheckStat> };
  testTiming?: TimeMeasurement;
  warnings?: { name?: unknown; description?: unknown }[];
}

const QUALITIES: readonly CallCheckQuality[] = ['excellent', 'great', 'good', 'fair', 'degraded'];

/** No answer after this long means the check is stuck: it is stopped (the SDK's test call lasts about 15 s). */
export const CALL_CHECK_TIMEOUT_MS = 60_000;

const duration = (measure: TimeMeasurement | undefined) =>
  typeof measure?.duration === 'number' && Number.isFinite(measure.duration) ? Math.round(measure.duration) : undefined;

function stat(value: Partial<CallCheckStat> | undefined): CallCheckStat | undefined {
  const { average, min, max } = value ?? {};
  return [average, min, max].every((n) => typeof n === 'number' && Number.isFinite(n)) ? { average: average!, min: min!, max: max! } : undefined;
}

function warning(value: { name?: unknown; description?: unknown } | undefined, data?: { description?: unknown }): CallCheckWarning {
  return { name: String(value?.name ?? 'unknown'), description: String(data?.description ?? value?.description ?? '') };
}

const defined = <T extends object>(value: T) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/** The SDK's report as the library's CallCheckReport. */
export function toCallCheckReport(report: TwilioPreflightReport): CallCheckReport {
  const timing = report.networkTiming ?? {};
  const stats = defined({ rtt: stat(report.stats?.rtt), jitter: stat(report.stats?.jitter), mos: stat(report.stats?.mos) });
  return defined({
    provider: 'twilio',
    callSid: typeof report.callSid === 'string' ? report.callSid : undefined,
    edge: typeof report.edge === 'string' ? report.edge : undefined,
    networkTiming: defined({
      signaling: duration(timing.signaling),
      ice: duration(timing.ice),
      dtls: duration(timing.dtls),
      peerConnection: duration(timing.peerConnection),
    }),
    quality: QUALITIES.find((quality) => quality === report.callQuality),
    stats: Object.keys(stats).length ? stats : undefined,
    turnRequired: typeof report.isTurnRequired === 'boolean' ? report.isTurnRequired : undefined,
    warnings: (report.warnings ?? []).map((item) => warning(item)),
    durationMs: duration(report.testTiming),
  });
}

/** Why the check failed: a refused token or microphone keeps its own code, anything else is call-check-failed. */
export function callCheckError(error: unknown): CallElementsError {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'NotAllowedError') return new CallElementsError('microphone-denied', { cause: error });
  const outcome = classifyTwilioError(error as TwilioErrorLike);
  if (outcome.kind === 'failed' && outcome.error.code !== 'connection-failed') return outcome.error;
  return new CallElementsError('call-check-failed', { params: { detail: describeTwilioError(error as TwilioErrorLike) }, cause: error });
}

/** Runs the SDK's preflight test and settles once with its report, or rejects with a CallElementsError. */
export function runPreflight(
  run: TwilioRunPreflight,
  token: string,
  preflightOptions: Parameters<TwilioRunPreflight>[1],
  options: CallCheckOptions = {},
): Promise<CallCheckReport> {
  return new Promise<CallCheckReport>((resolve, reject) => {
    let test: TwilioPreflightTest;
    try {
      test = run(token, preflightOptions);
    } catch (error) {
      reject(callCheckError(error));
      return;
    }
    const progress = (event: Parameters<NonNullable<CallCheckOptions['onProgress']>>[0]) => {
      try {
        options.onProgress?.(event);
      } catch (error) {
        console.error('[call-elements] a call check onProgress callback failed', error);
      }
    };
    const handlers = {
      connected: () => progress({ type: 'connected' }),
      // preflight.js emits one { name, description } object (the typings' example shows two arguments).
      warning: (first: unknown, data?: { description?: unknown }) =>
        progress({ type: 'warning', warning: typeof first === 'object' && first !== null ? warning(first) : warning({ name: first }, data) }),
      completed: (report: TwilioPreflightReport) => settle(() => resolve(toCallCheckReport(report ?? {}))),
      failed: (error: unknown) => settle(() => reject(callCheckError(error))),
    };
    const timer = setTimeout(() => {
      settle(() => reject(new CallElementsError('call-check-failed', { params: { detail: `no result within ${CALL_CHECK_TIMEOUT_MS / 1000} s` } })));
      try {
        test.stop();
      } catch {
        // Stopping a finished test throws nothing worth reporting.
      }
    }, CALL_CHECK_TIMEOUT_MS);
    let settled = false;
    function settle(done: () => void): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      for (const [event, handler] of Object.entries(handlers)) test.removeListener(event, handler);
      done();
    }
    for (const [event, handler] of Object.entries(handlers)) test.on(event as 'connected', handler);
  });
}
