// The JavaScript API of the page entry (`call-elements`): what needs the engine downloads it on first
// use, through the page's runtime, so that importing this adds nothing to what a page downloads before
// its first call. `call-elements/runtime` (engine-api.ts) has the synchronous versions, engine included.
import { debug } from '../internal/debug.js';
import { CallElementsError } from '../internal/errors.js';
import type { CallActionInput, CallFeedback } from '../providers/types.js';
import type { AircallConfig, AircallScope, PublicAircallConfig } from '../schema/aircall-config.js';
import type { CallAction } from '../schema/call-action.js';
import type { AircallConfigVersion, SaveConfigOptions } from '../storage/types.js';
import type { CallEngine } from './engine-types.js';
import type { CallHandle, PlaceCallOptions } from './live-call.js';
import type { CallWrapUp } from './wrap-up.js';
import { pageRuntime } from './page-runtime.js';

/** The page's engine, downloaded if needed; a failed download is a transient `load-failed`. */
function engine(): Promise<CallEngine> {
  return pageRuntime()
    .loadEngine()
    .catch((error: unknown) => {
      throw new CallElementsError('load-failed', { cause: error });
    });
}

/**
 * Places an outbound call, as `<call-button>` does: validates everything first (number, metadata,
 * provider, no other call) and rejects with a CallElementsError before dialling when the call cannot be
 * placed. Then the record is captured durably when the call ends and sent once; `call-start`,
 * `call-connect`, `call-error`, `call-end` and `call-stored` are dispatched on `document`. The first
 * call of a page downloads the engine first (`load-failed` if it cannot).
 */
export async function placeCall(options: PlaceCallOptions): Promise<CallHandle> {
  return (await engine()).placeCall(options);
}

/**
 * Logs a timeline action — a note, or any of the action types — through the durable queue, as the
 * Aircall action log does: `logCallAction({ requestId, phoneNumber, userDisplayName, notes })`.
 * `type` defaults to "note", `id` to a new one (actions are idempotent by id: the same id is stored
 * once), `at` to now, `userId` to the identity. Resolves once the action is safe on this device.
 */
export async function logCallAction(action: CallActionInput): Promise<CallAction> {
  return (await engine()).logAction(action);
}

/**
 * Stores a call record the host built itself, through the same queue as the elements. An invalid
 * record is refused before it reaches the queue, with a clear error (also shown as a notification).
 */
/**
 * Keeps the agent's rating of a call that ended on this page (a score of 1–5 and, optionally, what was
 * wrong with the sound) in its record, the same id through the queue, and sends it to the provider when
 * it takes ratings (Twilio with `feedbackWindowMs`, for its last call). Rejects with `invalid-options`
 * for a bad rating or an unknown call, or with the provider's typed error.
 */
export async function rateCall(recordId: string, feedback: CallFeedback): Promise<void> {
  return (await engine()).rateCall(recordId, feedback);
}

export async function storeCall(record: unknown): Promise<void> {
  return (await engine()).storeCall(record);
}

/**
 * Saves the agent's wrap-up of a finished call, as the `wrap-up` step of `<call-button>` does, for hosts
 * with their own form: `wrapUpCall(record.id, { disposition: 'interested', notes: 'Call back Monday' })`
 * with the id of a `call-end` record of this page. The same record is captured again with `disposition`
 * and `notes` (one record per call), and the note is logged as a `note` action of the call. Blank fields
 * are left out; with neither, nothing is written. Rejects with `invalid-options` (unknown id, a
 * disposition over 100 characters...). Resolves with what was saved, once it is safe on this device.
 */
export async function wrapUpCall(recordId: string, wrapUp: CallWrapUp): Promise<CallWrapUp> {
  return (await engine()).wrapUpCall(recordId, wrapUp);
}

/** Sends dead letters again: one by id, or all of them. */
export async function retryDeadLetters(id?: string): Promise<void> {
  return (await engine()).outbox().retry(id);
}

/**
 * Calls `listener` with the id of every record the backend confirmed, from this tab's queue or
 * another's. Returns the function that stops. Listening starts the queue (downloading the engine).
 */
export function onCallStored(listener: (id: string) => void): () => void {
  let stop: (() => void) | undefined;
  let stopped = false;
  engine().then(
    (loaded) => {
      if (!stopped) stop = loaded.onCallStored(listener);
    },
    (error: unknown) => debug('runtime', 'on-call-stored-not-listening', { error: String(error) }),
  );
  return () => {
    stopped = true;
    stop?.();
  };
}

/**
 * The organisation's Aircall configuration without its secret, or null when none was saved. Answers
 * from `$aircallConfigs` when this page already knows the scope, unless `refresh`.
 */
export async function loadAircallConfig(scope: AircallScope, options?: { refresh?: boolean }): Promise<PublicAircallConfig | null> {
  return (await (await engine()).aircallConfigs()).load(scope, options);
}

/** Saves a configuration and puts the saved public version in `$aircallConfigs`. */
export async function saveAircallConfig(scope: AircallScope, config: AircallConfig, options: SaveConfigOptions): Promise<PublicAircallConfig> {
  return (await (await engine()).aircallConfigs()).save(scope, config, options);
}

/** Saved versions of a scope's configuration, newest first, without secrets. */
export async function listAircallConfigVersions(scope: AircallScope): Promise<AircallConfigVersion[]> {
  return (await (await engine()).aircallConfigs()).versions(scope);
}
