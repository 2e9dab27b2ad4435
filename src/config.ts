import { pageRuntime, resetPageRuntime } from './calls/page-runtime.js';
import { applyConfig } from './calls/apply-config.js';
import { checkConfig, type CallElementsConfig } from './calls/config-options.js';
import type { CallHandle } from './calls/live-call.js';
import type { Identity } from './calls/identity.js';
import { requestIdentity } from './calls/identity-request.js';
import type { CallProvider } from './providers/types.js';

export type { CallElementsConfig, RecordingResolver, TraceableAction } from './calls/config-options.js';
export { TRACEABLE_ACTIONS } from './calls/config-options.js';
export type { Identity, IdentitySource } from './calls/identity.js';
export type { CallerInfo, CallerLookup, CallerQuery } from './calls/caller-lookup.js';
export { callNotificationPermission, requestCallNotifications, type CallNotificationPermission } from './calls/notification-permission.js';
export { IDENTITY_TIMEOUT_MS } from './calls/identity.js';

/**
 * Configures the library for this page. Can be called again: each call changes only the keys it
 * names. Throws `invalid-options` (synchronously, to the developer) for anything it cannot use.
 * Records left queued by an earlier page start being sent.
 */
export function configure(config: CallElementsConfig): void {
  applyConfig(pageRuntime(), checkConfig(config));
}

/** The current user, or undefined when the host configured none. Rejects if the host's function fails. */
export function resolveIdentity(): Promise<Identity | undefined> {
  return requestIdentity(pageRuntime().identity);
}

/** Forgets the identity (for sign-out). */
export function clearIdentity(): void {
  pageRuntime().identity.set(undefined);
}

/**
 * Ends everything the library started on this page — the queue (what it holds stays on disk and is
 * sent by the next page), listening for calls, the providers — and forgets the configuration. For
 * sign-out, and tests.
 */
export function resetCallElements(): Promise<void> {
  return resetPageRuntime();
}

/** The live call (hang up, mute, send tones, answer, decline, its snapshot), or undefined when none is in progress. */
export function currentCall(): CallHandle | undefined {
  return pageRuntime().engine()?.currentCall();
}

/** Makes a provider available to `<call-button provider="name">` and `placeCall()`. Replacing one disposes the old one. */
export function registerProvider(provider: CallProvider, name: string = provider?.name): void {
  pageRuntime().providers.register(provider, name);
}

/** Removes (and disposes) a provider. */
export function unregisterProvider(name: string): void {
  pageRuntime().providers.unregister(name);
}
