import type {
  CallProvider,
  CallRequest,
  IncomingCallInfo,
  IncomingHandler,
  ProviderCapability,
  ProviderEvent,
  ProviderSink,
} from '../../src/providers/types.js';

/** A provider driven by the test: it records what it is asked and reports what the test tells it to. */
export interface ManualProvider extends CallProvider {
  requests: CallRequest[];
  hangups: number;
  mutes: boolean[];
  digits: string[];
  accepts: number;
  rejects: number;
  /** How many listen() subscriptions are open (only with the "inbound" capability). */
  listeners: number;
  emit(event: ProviderEvent): void;
  /** A call comes in: returns whether the page took it (a handler returned a sink). */
  ring(call: IncomingCallInfo): boolean;
  failNextStart?: Error;
}

export function createManualProvider(name = 'manual', capabilities: ProviderCapability[] = ['outbound', 'mute']): ManualProvider {
  let sink: ProviderSink | undefined;
  const handlers = new Set<IncomingHandler>();
  const provider: ManualProvider = {
    name,
    capabilities: new Set(capabilities),
    requests: [],
    hangups: 0,
    mutes: [],
    digits: [],
    accepts: 0,
    rejects: 0,
    listeners: 0,
    start(request, callSink) {
      if (provider.failNextStart) {
        const error = provider.failNextStart;
        provider.failNextStart = undefined;
        return Promise.reject(error);
      }
      provider.requests.push(request);
      sink = callSink;
    },
    hangup() {
      provider.hangups += 1;
    },
    mute(on) {
      provider.mutes.push(on);
      sink?.({ type: 'muted', muted: on });
    },
    sendDigits(digits) {
      if (!/^[0-9*#w]+$/.test(digits)) throw new Error('bad digits');
      provider.digits.push(digits);
    },
    emit(event) {
      sink?.(event);
    },
    ring(call) {
      for (const handler of handlers) {
        const taken = handler(call);
        if (taken) {
          sink = taken;
          return true;
        }
      }
      provider.rejects += 1;
      return false;
    },
    dispose() {
      sink = undefined;
    },
  };
  if (capabilities.includes('inbound')) {
    provider.listen = (handler) => {
      handlers.add(handler);
      provider.listeners = handlers.size;
      return () => {
        handlers.delete(handler);
        provider.listeners = handlers.size;
      };
    };
    provider.accept = () => {
      provider.accepts += 1;
      sink?.({ type: 'connected' });
    };
    provider.reject = () => {
      provider.rejects += 1;
    };
  }
  return provider;
}

/** Resolves after the given number of milliseconds. */
export const wait = (ms = 0) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits until `check()` (sync or async) is truthy, polling every 5 ms, failing after `timeoutMs`. */
export async function until<T>(check: () => T | Promise<T>, message = 'condition', timeoutMs = 5000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${message}`);
    await wait(5);
  }
}
