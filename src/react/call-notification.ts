'use client';
// <call-notification> as a React component (a Client Component). Importing this module registers the element;
// call-elements/react re-exports it, and a bundler leaves out the components an app does not use.
import { CallNotificationElement } from '../elements/call-notification/define.js';
import { wrap, type CallElementComponent, type CallElementProps } from './wrap.js';

export type CallNotificationProps = CallElementProps<CallNotificationElement, 'notify' | 'duration', {}>;

/** `<call-notification>` as a React component. */
export const CallNotification: CallElementComponent<CallNotificationElement, CallNotificationProps> = wrap<
  CallNotificationElement,
  CallNotificationProps
>('call-notification', CallNotificationElement, {}, 'CallNotification');
