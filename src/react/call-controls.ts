'use client';
// <call-controls> as a React component (a Client Component). Importing this module registers the element;
// call-elements/react re-exports it, and a bundler leaves out the components an app does not use.
import { CallControls as CallControlsElement } from '../elements/call-controls/define.js';
import type { CallErrorEvent, CallWrapUpEvent } from '../events/events.js';
import { wrap, type CallElementComponent, type CallElementProps, type EventName } from './wrap.js';

const callControlsEvents = {
  onCallError: 'call-error' as EventName<CallErrorEvent>,
  onCallWrapUp: 'call-wrap-up' as EventName<CallWrapUpEvent>,
};

export type CallControlsProps = CallElementProps<CallControlsElement, 'wrapUp' | 'rateCall' | 'dispositions', typeof callControlsEvents>;

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
