'use client';
// <call-button> as a React component (a Client Component). Importing this module registers the element;
// call-elements/react re-exports it, and a bundler leaves out the components an app does not use.
import { CallButton as CallButtonElement } from '../elements/call-button/define.js';
import type { CallConnectEvent, CallEndEvent, CallErrorEvent, CallStartEvent, CallStoredEvent, CallWrapUpEvent } from '../events/events.js';
import { wrap, type CallElementComponent, type CallElementProps, type EventName } from './wrap.js';

const callButtonEvents = {
  onCallStart: 'call-start' as EventName<CallStartEvent>,
  onCallConnect: 'call-connect' as EventName<CallConnectEvent>,
  onCallEnd: 'call-end' as EventName<CallEndEvent>,
  onCallError: 'call-error' as EventName<CallErrorEvent>,
  onCallStored: 'call-stored' as EventName<CallStoredEvent>,
  onCallWrapUp: 'call-wrap-up' as EventName<CallWrapUpEvent>,
};

export type CallButtonProps = CallElementProps<
  CallButtonElement,
  | 'provider'
  | 'number'
  | 'displayName'
  | 'agentId'
  | 'leadId'
  | 'requestId'
  | 'organizationId'
  | 'countryCode'
  | 'storageUrl'
  | 'tokenUrl'
  | 'userId'
  | 'acceptIncoming'
  | 'notifyIncoming'
  | 'away'
  | 'availabilityToggle'
  | 'dialler'
  | 'wrapUp'
  | 'rateCall'
  | 'dispositions'
  | 'disabled',
  typeof callButtonEvents
>;

/** `<call-button>` as a React component: `<CallButton number="+33123456789" onCallEnd={(e) => save(e.detail)} />`. */
export const CallButton: CallElementComponent<CallButtonElement, CallButtonProps> = wrap<CallButtonElement, CallButtonProps>(
  'call-button',
  CallButtonElement,
  callButtonEvents,
  'CallButton',
);
