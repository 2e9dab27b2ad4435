// The public API of the page entry: about forty-five names, none of which brings a part the page
// downloads on demand (check: scripts/check-chunks.mjs). No side effects: importing this registers no
// element (import "call-elements/call-elements.js" or an element's subpath for that). Factories live in
// their subpaths (call-elements/providers/<name>, call-elements/storage/<name>), schemas in
// call-elements/schema, the synchronous engine API in call-elements/runtime.
export { configure, clearIdentity, resetCallElements, currentCall, registerProvider, unregisterProvider } from './config.js';
export { callNotificationPermission, requestCallNotifications, type CallNotificationPermission } from './config.js';
export type { CallElementsConfig, CallerInfo, CallerLookup, CallerQuery, Identity, IdentitySource, RecordingResolver, TraceableAction } from './config.js';
export { placeCall, logCallAction, rateCall, storeCall, wrapUpCall, retryDeadLetters, onCallStored, loadAircallConfig, saveAircallConfig, listAircallConfigVersions } from './calls/api.js';
export type { CallWrapUp } from './calls/wrap-up.js';
export { editableAircallConfig } from './calls/editable-aircall-config.js';
export { runCallCheck } from './calls/call-check.js';
export type { RunCallCheckOptions } from './calls/call-check.js';
export { parsePhoneNumber } from './calls/phone-number.js';
export type { CallHandle, PlaceCallOptions, ReceiveCallOptions } from './calls/live-call.js';
export type { IncomingOwner } from './calls/incoming.js';

export { CallButton } from './elements/call-button/call-button.js';
export { CallNotificationElement } from './elements/call-notification/call-notification.js';
// The other elements' classes (CallControls, AircallSettings, CallHistory, CallAudioSettings) are exported by
// their own entries, call-elements/elements/<tag>, so that the script-tag bundle does not carry them: it
// downloads each when its tag first appears.

export { $call, $notifications, $outbox, $stats, $settings, $aircallConfigs } from './store/readonly.js';
export { dismissNotification } from './store/notifications.js';
export { isCallActive } from './store/call.js';
export type { CallState, CallSnapshot } from './store/call.js';
export type { NotificationKind, CallNotification } from './store/notifications.js';
export type { DeadLetter, OutboxState } from './store/outbox.js';
export type { NotifyLevel, LibrarySettings } from './store/config.js';
export type { CallStats } from './store/stats.js';

export * from './events/index.js';

export { CallElementsError, isErrorCode } from './internal/errors.js';
export type { ErrorCode } from './internal/errors.js';
export { registerLocale, availableLocales, loadLocale, translate } from './internal/localize.js';
export type { MessageKey, Messages } from './locales/en.js';
export { DEBUG_KEY } from './internal/debug.js';

export type * from './providers/types.js';
export type * from './storage/types.js';
export type { OutboxSettings } from './outbox/settings.js';
export type { CallDirection, CallStatus, EndedBy, CallErrorInfo, CallMetrics, CallRecord } from './schema/call-record.js';
export type { CallActionType, CallAction } from './schema/call-action.js';
export type { WorkspaceSize, AircallConfig, AircallScope, PublicAircallConfig } from './schema/aircall-config.js';
