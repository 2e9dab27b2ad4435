'use client';
// <call-history> as a React component (a Client Component). Importing this module registers the element.
import { CallHistory as CallHistoryElement } from '../elements/call-history/define.js';
import type { CallErrorEvent } from '../events/events.js';
import { wrap, type CallElementComponent, type CallElementProps, type EventName } from './wrap.js';

const historyEvents = {
  onCallError: 'call-error' as EventName<CallErrorEvent>,
};

export type CallHistoryProps = CallElementProps<
  CallHistoryElement,
  'leadId' | 'requestId' | 'agentId' | 'limit' | 'headingLevel' | 'storageUrl',
  typeof historyEvents
>;

/** `<call-history>` as a React component: `<CallHistory leadId="lead-42" />`. */
export const CallHistory: CallElementComponent<CallHistoryElement, CallHistoryProps> = wrap<CallHistoryElement, CallHistoryProps>(
  'call-history',
  CallHistoryElement,
  historyEvents,
  'CallHistory',
);
