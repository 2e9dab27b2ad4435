import { $notifications, type CallNotification } from './notifications.js';

// Adding to the page's notifications: what the engine, the queue's notices and the providers do. Apart from
// the store (notifications.ts), which <call-notification> reads, so that a page before its first call does
// not carry it.

let sequence = 0;

export type NewNotification = Omit<CallNotification, 'id' | 'createdAt' | 'count'>;

/**
 * How many info and success notifications are kept: when no element shows them (notify="errors",
 * the default) nobody dismisses them, so the oldest go. Errors are never dropped this way.
 */
export const MAX_TRANSIENT_NOTIFICATIONS = 20;

/**
 * How many errors are kept. Errors stay until a person dismisses them, but a page that fails a
 * thousand times must not show a thousand: the oldest go first, and repeats are collapsed anyway.
 */
export const MAX_ERROR_NOTIFICATIONS = 20;

const sameMessage = (a: NewNotification, b: NewNotification) =>
  a.kind === b.kind &&
  a.messageKey === b.messageKey &&
  a.code === b.code &&
  a.callId === b.callId &&
  JSON.stringify(a.params ?? {}) === JSON.stringify(b.params ?? {});

/**
 * Adds a notification and returns its id. One with the same `key` is replaced; one saying exactly the
 * same thing (kind, message, code, call and values) is collapsed with it, its `count` going up (also
 * when it is replaced by the same words). At most
 * {@link MAX_TRANSIENT_NOTIFICATIONS} info/success and {@link MAX_ERROR_NOTIFICATIONS} errors are kept.
 */
export function pushNotification(notification: NewNotification): string {
  const current = $notifications.get();
  const replaced = notification.key ? current.find((n) => n.key === notification.key) : undefined;
  const repeated = replaced ? undefined : current.find((n) => !n.key && !notification.key && sameMessage(n, notification));
  const id = repeated?.id ?? `n${Date.now().toString(36)}-${(sequence++).toString(36)}`;
  const again = repeated ?? (replaced && sameMessage(replaced, notification) ? replaced : undefined);
  const entry: CallNotification = { ...notification, id, createdAt: Date.now(), count: (again?.count ?? 0) + 1 };
  const next = [...current.filter((n) => n !== replaced && n !== repeated), entry];
  let transientExcess = next.filter((n) => n.kind !== 'error').length - MAX_TRANSIENT_NOTIFICATIONS;
  let errorExcess = next.filter((n) => n.kind === 'error').length - MAX_ERROR_NOTIFICATIONS;
  $notifications.set(next.filter((n) => (n.kind === 'error' ? errorExcess-- <= 0 : transientExcess-- <= 0)));
  return id;
}
