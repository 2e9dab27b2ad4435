import type { CallRecord } from '../schema/call-record.js';
import type { ErrorCode } from '../internal/errors.js';
import type { PublicAircallConfig } from '../schema/aircall-config.js';

export interface CallStartDetail {
  provider: string;
  /** "outbound" for a call placed from the button, "inbound" for one coming in. */
  direction: 'outbound' | 'inbound';
  /** The number called (outbound), or the number the caller dialled when the provider says it (inbound). */
  to?: string;
  /** The caller's number (inbound), when the provider knows it. */
  from?: string;
  displayName?: string;
  agentId?: string;
  leadId?: string;
  requestId?: string;
}

export interface CallConnectDetail {
  provider: string;
  callSid: string;
  to?: string;
  from?: string;
}

export interface CallErrorDetail {
  code: ErrorCode;
  /** In the element's language. */
  message: string;
  provider?: string;
}

export interface CallStoredDetail {
  id: string;
}

/** The agent saved the wrap-up of a finished call: the record's id and what went into it. */
export interface CallWrapUpDetail {
  id: string;
  disposition?: string;
  notes?: string;
}

export interface SettingsSavedDetail {
  organizationId: string;
  countryCode: string;
  /** The configuration as saved, without its secret. */
  config: PublicAircallConfig;
  version: number;
}

export interface SettingsErrorDetail {
  code: ErrorCode;
  /** In the element's language. */
  message: string;
}

/** Detail type of every event the library dispatches, by event name. */
export interface CallElementsEventDetailMap {
  'call-start': CallStartDetail;
  'call-connect': CallConnectDetail;
  'call-end': CallRecord;
  'call-error': CallErrorDetail;
  'call-stored': CallStoredDetail;
  'call-wrap-up': CallWrapUpDetail;
  'settings-saved': SettingsSavedDetail;
  'settings-error': SettingsErrorDetail;
}

export type CallElementsEventName = keyof CallElementsEventDetailMap;

/** Base of the library's events: they bubble and cross shadow roots so that a host can listen anywhere above. */
export class CallElementsEvent<K extends CallElementsEventName> extends CustomEvent<CallElementsEventDetailMap[K]> {
  constructor(type: K, detail: CallElementsEventDetailMap[K]) {
    super(type, { detail, bubbles: true, composed: true });
  }
}

/** A call was placed (before the provider answered anything), or an incoming call started ringing. */
export class CallStartEvent extends CallElementsEvent<'call-start'> {
  constructor(detail: CallStartDetail) {
    super('call-start', detail);
  }
}

/** The remote party answered. */
export class CallConnectEvent extends CallElementsEvent<'call-connect'> {
  constructor(detail: CallConnectDetail) {
    super('call-connect', detail);
  }
}

/** The call ended (whatever ended it, exactly once); the detail is the finished CallRecord. */
export class CallEndEvent extends CallElementsEvent<'call-end'> {
  constructor(detail: CallRecord) {
    super('call-end', detail);
  }
}

/** Something went wrong; the same text is shown to the person. */
export class CallErrorEvent extends CallElementsEvent<'call-error'> {
  constructor(detail: CallErrorDetail) {
    super('call-error', detail);
  }
}

/** The storage backend confirmed the record. */
export class CallStoredEvent extends CallElementsEvent<'call-stored'> {
  constructor(detail: CallStoredDetail) {
    super('call-stored', detail);
  }
}

/** The agent saved a call's wrap-up (outcome, note); the record with them is on its way through the queue. */
export class CallWrapUpEvent extends CallElementsEvent<'call-wrap-up'> {
  constructor(detail: CallWrapUpDetail) {
    super('call-wrap-up', detail);
  }
}

/** `<aircall-settings>` saved the configuration. */
export class SettingsSavedEvent extends CallElementsEvent<'settings-saved'> {
  constructor(detail: SettingsSavedDetail) {
    super('settings-saved', detail);
  }
}

/** `<aircall-settings>` could not load, validate, save or import; the same text is shown in the form. */
export class SettingsErrorEvent extends CallElementsEvent<'settings-error'> {
  constructor(detail: SettingsErrorDetail) {
    super('settings-error', detail);
  }
}

export interface CallElementsEventMap {
  'call-start': CallStartEvent;
  'call-connect': CallConnectEvent;
  'call-end': CallEndEvent;
  'call-error': CallErrorEvent;
  'call-stored': CallStoredEvent;
  'call-wrap-up': CallWrapUpEvent;
  'settings-saved': SettingsSavedEvent;
  'settings-error': SettingsErrorEvent;
}

declare global {
  // Lets `element.addEventListener('call-end', (e) => e.detail.id)` type-check without casts.
  interface HTMLElementEventMap extends CallElementsEventMap {}
  // The events bubble and are composed: hosts often listen on the document or the window.
  interface DocumentEventMap extends CallElementsEventMap {}
  interface WindowEventMap extends CallElementsEventMap {}
}
