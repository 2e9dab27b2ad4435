// Public API. No side effects: importing this registers no element (import "call-elements/call-elements.js" for that).
export { configure, resolveIdentity, clearIdentity, resetCallElements, currentCall, registerProvider, unregisterProvider, IDENTITY_TIMEOUT_MS, TRACEABLE_ACTIONS } from './config.js';
export type { CallElementsConfig, Identity, IdentitySource, RecordingResolver, TraceableAction } from './config.js';

export { CallButton } from './elements/call-button/call-button.js';
export { CallControls } from './elements/call-controls/call-controls.js';
export { CallNotificationElement } from './elements/call-notification/call-notification.js';
// <aircall-settings> (class AircallSettings) is exported by its own entry, call-elements/elements/aircall-settings,
// so that agent pages and the script-tag bundle do not carry it.

export { CallSession, TERMINAL_STATES } from './calls/session.js';
export type { CallSessionOptions, CallSessionEnd, SessionListener } from './calls/session.js';
export { buildCallRecord } from './calls/record.js';
export type { RecordContext } from './calls/record.js';
export { validateCallRecord, validateCallAction } from './schema/validate.js';
export { parsePhoneNumber } from './calls/phone-number.js';
export type { CallHandle, PlaceCallOptions, ReceiveCallOptions } from './calls/live-call.js';
export type { IncomingOwner } from './calls/incoming.js';
export {
  placeCall,
  receiveCall,
  getProvider,
  logCallAction,
  storeCall,
  retryDeadLetters,
  onCallStored,
  getOutbox,
  listenForCalls,
  loadAircallConfig,
  saveAircallConfig,
  listAircallConfigVersions,
} from './calls/public-api.js';
export { editableAircallConfig } from './calls/aircall-config.js';
export { DEFAULT_RECORDING_DELAYS_MS } from './calls/runtime.js';

export { createDemoProvider, DEMO_OUTCOMES } from './providers/demo/index.js';
export type { DemoOutcome, DemoProvider, DemoProviderOptions } from './providers/demo/index.js';
export { createTwilioProvider, TWILIO_DEFAULT_CONNECT_TIMEOUT_MS } from './providers/twilio/index.js';
export type { TwilioProviderOptions, TwilioDeviceOptions } from './providers/twilio/index.js';
export { createAircallProvider, AIRCALL_WORKSPACE_URL } from './providers/aircall/index.js';
export type { AircallProvider, AircallProviderOptions } from './providers/aircall/index.js';
export { $providers } from './providers/registry.js';
export type * from './providers/types.js';

export { createMemoryStorage } from './storage/memory/index.js';
export type { MemoryStorage } from './storage/memory/index.js';
export { createIndexedDbStorage } from './storage/indexeddb/index.js';
export type { IndexedDbStorageOptions, IndexedDbStorage } from './storage/indexeddb/index.js';
export { createHttpStorage, createLazyHttpStorage } from './storage/http/index.js';
export type * from './storage/http/index.js';
export type * from './storage/types.js';

export { Outbox } from './outbox/outbox.js';
export type { OutboxEntry, OutboxEvent, OutboxOptions, QueueKind } from './outbox/outbox.js';
export type { OutboxSettings } from './outbox/settings.js';

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
