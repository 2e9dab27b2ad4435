// The JavaScript API that runs calls and the queue. It brings the engine with it (no download): a host
// that imports it uses calls synchronously, with exactly the guarantees of the elements.
import type { Outbox } from '../outbox/outbox.js';
import type { CallActionInput, CallProvider, IncomingCallInfo, ProviderSink } from '../providers/types.js';
import type { AircallConfig, AircallScope, PublicAircallConfig } from '../schema/aircall-config.js';
import type { CallAction } from '../schema/call-action.js';
import type { AircallConfigVersion, SaveConfigOptions } from '../storage/types.js';
import * as engineModule from './engine.js';
import type { CallEngine } from './engine-types.js';
import type { IncomingOwner } from './incoming.js';
import type { CallHandle, PlaceCallOptions, ReceiveCallOptions } from './live-call.js';
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

/**
 * Logs a timeline action — a note, or any of the action types — through the durable queue, as the
 * Aircall action log does: `logCallAction({ requestId, phoneNumber, userDisplayName, notes })`.
 * `type` defaults to "note", `id` to a new one (actions are idempotent by id: the same id is stored
 * once), `at` to now, `userId` to the identity. Resolves once the action is safe on this device.
 */
export function logCallAction(action: CallActionInput): Promise<CallAction> {
  return engine().logAction(action);
}

/**
 * Stores a call record the host built itself, through the same queue as the elements. An invalid
 * record is refused before it reaches the queue, with a clear error (also shown as a notification).
 */
export function storeCall(record: unknown): Promise<void> {
  return engine().storeCall(record);
}

/** Sends dead letters again: one by id, or all of them. */
export function retryDeadLetters(id?: string): Promise<void> {
  return engine().outbox().retry(id);
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

/**
 * The organisation's Aircall configuration without its secret, or null when none was saved. Answers
 * from `$aircallConfigs` when this page already knows the scope, unless `refresh`.
 */
export async function loadAircallConfig(scope: AircallScope, options?: { refresh?: boolean }): Promise<PublicAircallConfig | null> {
  return (await engine().aircallConfigs()).load(scope, options);
}

/** Saves a configuration and puts the saved public version in `$aircallConfigs`. */
export async function saveAircallConfig(scope: AircallScope, config: AircallConfig, options: SaveConfigOptions): Promise<PublicAircallConfig> {
  return (await engine().aircallConfigs()).save(scope, config, options);
}

/** Saved versions of a scope's configuration, newest first, without secrets. */
export async function listAircallConfigVersions(scope: AircallScope): Promise<AircallConfigVersion[]> {
  return (await engine().aircallConfigs()).versions(scope);
}
