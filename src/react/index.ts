'use client';
// React components for the agent page's elements. Importing this module registers them.
// 'use client': they are Client Components (React Server Components render them as such, e.g. in Next.js).
// <aircall-settings> has its own entry, call-elements/react/aircall-settings, so that agent pages do not carry it.
import type { EventName } from '@lit/react';
import { CallButton as CallButtonElement } from '../elements/call-button/define.js';
import { CallControls as CallControlsElement } from '../elements/call-controls/define.js';
import { CallNotificationElement } from '../elements/call-notification/define.js';
import type { CallConnectEvent, CallEndEvent, CallErrorEvent, CallStartEvent, CallStoredEvent, CallWrapUpEvent } from '../events/events.js';
import { wrap, type CallElementComponent, type CallElementProps } from './wrap.js';

export type { CallElementComponent, CallElementProps, EventCallbacks } from './wrap.js';

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

export type CallNotificationProps = CallElementProps<CallNotificationElement, 'notify' | 'duration', {}>;

const callControlsEvents = {
  onCallError: 'call-error' as EventName<CallErrorEvent>,
  onCallWrapUp: 'call-wrap-up' as EventName<CallWrapUpEvent>,
};

export type CallControlsProps = CallElementProps<CallControlsElement, 'wrapUp' | 'rateCall' | 'dispositions', typeof callControlsEvents>;

/** `<call-button>` as a React component: `<CallButton number="+33123456789" onCallEnd={(e) => save(e.detail)} />`. */
export const CallButton: CallElementComponent<CallButtonElement, CallButtonProps> = wrap<CallButtonElement, CallButtonProps>(
  'call-button',
  CallButtonElement,
  callButtonEvents,
  'CallButton',
);

/**
 * `<call-controls>` as a React component: the live call's controls, for a layout that outlives the
 * routes (a toolbar), so that a route change mid-call never leaves the call without a Hang up.
 */
export const CallControls: CallElementComponent<CallControlsElement, CallControlsProps> = wrap<CallControlsElement, CallControlsProps>(
  'call-controls',
  CallControlsElement,
  callControlsEvents,
  'CallControls',
);

/** `<call-notification>` as a React component. */
export const CallNotification: CallElementComponent<CallNotificationElement, CallNotificationProps> = wrap<
  CallNotificationElement,
  CallNotificationProps
>('call-notification', CallNotificationElement, {}, 'CallNotification');
