import type { CallElementsEventMap } from '../events/events.js';

/**
 * Dispatches one of the library's call events where the host can hear it: on the element that placed
 * or took the call while it is in the document, otherwise on `document` (a call placed from
 * JavaScript, or whose element a route change removed). The events bubble and are composed.
 */
export function dispatchCallEvent<K extends keyof CallElementsEventMap>(owner: EventTarget | undefined, event: CallElementsEventMap[K]): void {
  const connected = owner && (!('isConnected' in owner) || (owner as Node).isConnected);
  const target = connected ? owner : typeof document === 'undefined' ? undefined : document;
  target?.dispatchEvent(event);
}
