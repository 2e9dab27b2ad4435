import { debug } from '../../internal/debug.js';

type MessageListener = (event: MessageEvent) => void;

/**
 * What aircall-everywhere receives as its `window` option: the only thing it does with it is
 * `addEventListener('message', listener)` (dist/index.js, `_messageListener`). Through this object
 * the SDK hears only the messages the gate lets through.
 */
export interface GatedWindow {
  addEventListener(type: string, listener: MessageListener, options?: unknown): void;
}

export interface MessageGate {
  readonly window: GatedWindow;
  /** How many listeners the SDK registered through the gate (1 for aircall-everywhere 2.x). */
  readonly listenerCount: number;
  dispose(): void;
}

/**
 * aircall-everywhere accepts any `apm_phone_*` message from any window and remembers the sender of
 * `apm_phone_loaded` as "the workspace", to which it then posts everything (the numbers dialled
 * included). The gate listens on the real window and passes a message on only when it comes from
 * the workspace iframe's own window AND from the workspace origin; everything else is dropped
 * before the SDK sees it. Because the SDK's remembered sender and target origin can only come from
 * such a message, the SDK also posts only to the workspace frame, at the workspace origin.
 */
export function createMessageGate(workspaceWindow: () => Window | null | undefined, workspaceOrigin: string): MessageGate {
  const listeners = new Set<MessageListener>();
  const onMessage = (event: MessageEvent) => {
    const expected = workspaceWindow();
    if (!expected || event.source !== expected || event.origin !== workspaceOrigin) {
      if (isAircallMessage(event.data)) debug('provider:aircall', 'message-dropped', { origin: event.origin, name: event.data.name });
      return;
    }
    for (const listener of [...listeners]) listener(event);
  };
  window.addEventListener('message', onMessage);
  return {
    window: {
      addEventListener(type, listener) {
        if (type === 'message' && typeof listener === 'function') listeners.add(listener);
      },
    },
    get listenerCount() {
      return listeners.size;
    },
    dispose() {
      window.removeEventListener('message', onMessage);
      listeners.clear();
    },
  };
}

function isAircallMessage(data: unknown): data is { name: string } {
  return typeof data === 'object' && data !== null && typeof (data as { name?: unknown }).name === 'string';
}
