// Public API. No side effects: importing this registers no element (import "call-elements/call-elements.js" for that).
export { configure, resolveIdentity, clearIdentity } from './config.js';
export type { CallElementsConfig, Identity, IdentitySource } from './config.js';

export { CallButton } from './elements/call-button/call-button.js';
export { CallNotificationElement } from './elements/call-notification/call-notification.js';
// <aircall-settings> (class AircallSettings) is exported by its own entry, call-elements/elements/aircall-settings,
// so that agent pages and the script-tag bundle do not carry it.

export { CallSession, TERMINAL_STATES } from './calls/session.js';
export type { CallSessionOptions, CallSessionEnd, SessionListener } from './calls/session.js';
export { buildCallRecord, validateCallRecord } from './calls/record.js';
export type { RecordContext } from './calls/record.js';
export { placeCall, parsePhoneNumber, receiveCall } from './calls/place-call.js';
export type { PlaceCallOptions, PlacedCall, ReceiveCallOptions } from './calls/place-call.js';
export { listenForCalls, stopListeningForCalls } from './calls/incoming.js';
export type { IncomingOwner } from './calls/incoming.js';
export { loadAircallConfig, saveAircallConfig, listAircallConfigVersions, editableAircallConfig } from './calls/aircall-config.js';

export { createDemoProvider, DEMO_OUTCOMES } from './providers/demo/index.js';
export type { DemoOutcome, DemoProvider, DemoProviderOptions } from './providers/demo/index.js';
export { createTwilioProvider, TWILIO_DEFAULT_CONNECT_TIMEOUT_MS } from './providers/twilio/index.js';
export type { TwilioProviderOptions, TwilioDeviceOptions } from './providers/twilio/index.js';
export { createAircallProvider, AIRCALL_WORKSPACE_URL } from './providers/aircall/index.js';
export type { AircallProvider, AircallProviderOptions } from './providers/aircall/index.js';
export { registerProvider, getProvider, unregisterProvider, $providers } from './providers/registry.js';
export type * from './providers/types.js';

export { createMemoryStorage } from './storage/memory/index.js';
export type { MemoryStorage } from './storage/memory/index.js';
export { createIndexedDbStorage } from './storage/indexeddb/index.js';
export type { IndexedDbStorageOptions, IndexedDbStorage } from './storage/indexeddb/index.js';
export { createHttpStorage, createLazyHttpStorage } from './storage/http/index.js';
export type * from './storage/http/index.js';
export type * from './storage/types.js';

export { storeCall, persistCall, onCallStored, retryDeadLetters, getOutbox, DEFAULT_RECORDING_DELAYS_MS } from './calls/persist.js';
export type { RecordingResolver, OutboxSettings } from './calls/persist.js';
export { Outbox } from './calls/outbox.js';
export type { OutboxEntry, OutboxEvent, OutboxOptions } from './calls/outbox.js';

export * from './store/index.js';
export * from './events/index.js';
export * from './schema/index.js';

export { CallElementsError, isErrorCode, toCallElementsError } from './internal/errors.js';
export type { ErrorCode } from './internal/errors.js';
export { registerLocale, availableLocales, loadLocale, translate } from './internal/localize.js';
export type { MessageKey, Messages } from './locales/en.js';
export { DEBUG_KEY } from './internal/debug.js';
export { defineElement } from './internal/define.js';
export { StoreController } from './internal/store-controller.js';
