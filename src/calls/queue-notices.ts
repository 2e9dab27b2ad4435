import type { Outbox, OutboxEvent } from '../outbox/outbox.js';
import { pushNotification } from '../store/push-notification.js';

/**
 * Tells the person what becomes of what this tab queued (`$notifications`): saving, saved, not saved
 * yet, refused for good (with Retry), and a queue that cannot keep things on this device. Returns the
 * function that stops.
 */
export function showQueueNotices(outbox: Outbox): () => void {
  return outbox.subscribe((event: OutboxEvent) => {
    if (event.type === 'unavailable') {
      pushNotification({
        kind: 'error',
        messageKey: event.error.code === 'storage-quota' ? 'error.storage-quota' : 'error.storage-unavailable',
        params: event.error.params,
        key: 'outbox:unavailable',
        code: event.error.code,
      });
      return;
    }
    const key = `${event.kind}:${event.id}`;
    const isCall = event.kind === 'call';
    switch (event.type) {
      case 'queued':
        if (event.own && isCall) pushNotification({ kind: 'info', messageKey: 'notify.saving', key, callId: event.id });
        break;
      case 'stored':
        // Neutral: the record is safe whatever the call's outcome (a failed or missed call is logged too).
        if (event.own && isCall) pushNotification({ kind: 'info', messageKey: 'notify.saved', key, callId: event.id });
        break;
      case 'retrying':
        if (event.own && isCall && event.attempts === 1) {
          // A warning: nothing for the person to do, the queue tries again by itself.
          pushNotification({ kind: 'warning', messageKey: 'notify.retrying', key, callId: event.id, code: event.error.code });
        }
        break;
      case 'dead':
        pushNotification({
          kind: 'error',
          messageKey: isCall ? 'notify.dead' : 'notify.actionDead',
          params: { detail: event.error.message },
          key,
          ...(isCall && { callId: event.id }),
          code: event.error.code,
          action: { labelKey: 'notify.retry', run: () => void outbox.retry(event.id) },
        });
        break;
    }
  });
}
