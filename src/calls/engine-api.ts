// call-elements/runtime's synchronous API over the engine, which it brings with it (no download): a host
// that imports it uses calls synchronously, with exactly the guarantees of the elements.
import type { Outbox } from '../outbox/outbox.js';
import type { CallFeedback, CallProvider, IncomingCallInfo, ProviderSink } from '../providers/types.js';
import * as engineModule from './engine.js';
import type { CallEngine } from './engine-types.js';
import type { IncomingOwner } from './incoming.js';
import type { CallHandle, PlaceCallOptions, ReceiveCallOptions } from './live-call.js';
import type { CallWrapUp } from './wrap-up.js';
import { pageRuntime } from './page-runtime.js';

/** The provider registered under `name`; "demo" is always available with its default options. */
export function getProvider(name: string): CallProvider | undefined {
  engine();
  return pageRuntime().providers.get(name);
}

function engine(): CallEngine {
  const runtime = pageRuntime();
  return runtime.engine() ?? runtime.attachEngine(engineModule);
}

/**
 * Places an outbound call, as `<call-button>` does: validates everything first (number, metadata,
 * provider, no other call) and throws a CallElementsError before dialling when the call cannot be
 * placed. Then the record is captured durably when the call ends and sent once; `call-start`,
 * `call-connect`, `call-error`, `call-end` and `call-stored` are dispatched on `document`.
 */
export function placeCall(options: PlaceCallOptions): CallHandle {
  return engine().placeCall(options);
}

/**
 * Takes an incoming call a provider announced (for providers of your own): one inbound call, driven
 * by the sink this returns to the provider, with the same guarantees as `placeCall`. Returns
 * undefined (the provider then declines the call) when another call is live.
 */
export function receiveCall(provider: CallProvider, incoming: IncomingCallInfo, options: ReceiveCallOptions = {}): { call: CallHandle; sink: ProviderSink } | undefined {
  return engine().receiveCall(provider, incoming, options);
}

/** Keeps the agent's rating of a finished call of this page (and sends it to the provider): see `rateCall` of `call-elements`. */
export function rateCall(recordId: string, feedback: CallFeedback): Promise<void> {
  return engine().rateCall(recordId, feedback);
}

/** Saves the agent's wrap-up of a finished call of this page (outcome, note): see `wrapUpCall` of `call-elements`. */
export function wrapUpCall(recordId: string, wrapUp: CallWrapUp): Promise<CallWrapUp> {
  return engine().wrapUpCall(recordId, wrapUp);
}

/** Called with the id of every record the backend confirmed (from this tab's queue or another's). */
export function onCallStored(listener: (id: string) => void): () => void {
  return engine().onCallStored(listener);
}

/** The page's queue (its entries, for status displays and tests). */
export function getOutbox(): Outbox {
  return engine().outbox();
}

/** Lets `owner` receive a provider's incoming calls (`<call-button accept-incoming>` does this). Returns the function that stops. */
export function listenForCalls(providerName: string, owner: IncomingOwner): () => void {
  return engine().listen(providerName, owner);
}

