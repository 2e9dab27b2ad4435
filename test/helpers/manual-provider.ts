import type { CallProvider, CallRequest, ProviderCapability, ProviderEvent, ProviderSink } from '../../src/providers/types.js';

/** A provider driven by the test: it records what it is asked and reports what the test tells it to. */
export interface ManualProvider extends CallProvider {
  requests: CallRequest[];
  hangups: number;
  mutes: boolean[];
  emit(event: ProviderEvent): void;
  failNextStart?: Error;
}

export function createManualProvider(name = 'manual', capabilities: ProviderCapability[] = ['outbound', 'mute']): ManualProvider {
  let sink: ProviderSink | undefined;
  const provider: ManualProvider = {
    name,
    capabilities: new Set(capabilities),
    requests: [],
    hangups: 0,
    mutes: [],
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
    emit(event) {
      sink?.(event);
    },
    dispose() {
      sink = undefined;
    },
  };
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
