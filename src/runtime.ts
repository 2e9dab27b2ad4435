// call-elements/runtime: the advanced, synchronous API. Importing it brings the engine (the live call,
// the durable queue, the IndexedDB storage) with the page instead of on the first call: for hosts that
// drive calls from their own code and need a handle at once, or implement a provider of their own.
export { placeCall, receiveCall, getProvider, listenForCalls, getOutbox, onCallStored, wrapUpCall, rateCall } from './calls/engine-api.js';
export { resolveIdentity } from './config.js';
export { CallSession, TERMINAL_STATES } from './calls/session.js';
export type { CallSessionOptions, CallSessionEnd, SessionListener } from './calls/session.js';
export { buildCallRecord } from './calls/record.js';
export type { RecordContext } from './calls/record.js';
export { Outbox } from './outbox/outbox.js';
export type { OutboxEntry, OutboxEvent, OutboxOptions, QueueKind } from './outbox/outbox.js';
export type { OutboxSettings } from './outbox/settings.js';
export type { CallHandle, PlaceCallOptions, ReceiveCallOptions } from './calls/live-call.js';
export type { IncomingOwner } from './calls/incoming.js';
