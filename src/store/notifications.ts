import { atom } from 'nanostores';
import type { AnyMessageKey } from '../internal/localize.js';

export type NotificationKind = 'info' | 'success' | 'error';

export interface CallNotification {
  id: string;
  kind: NotificationKind;
  /** Message key in the locale catalogues; the element that shows it translates it. */
  messageKey: AnyMessageKey;
  params?: Record<string, string | number>;
  /** Stable error code when kind is "error". */
  code?: string;
  /** The call the notification is about. */
  callId?: string;
  /** Notifications with the same key replace each other ("Saving call…" becomes "Call saved"). */
  key?: string;
  /** An optional button on the notification (e.g. "Retry" on a call that could not be saved). */
  action?: { labelKey: AnyMessageKey; run: () => void };
  createdAt: number;
}

export const $notifications = atom<CallNotification[]>([]);

let sequence = 0;

export type NewNotification = Omit<CallNotification, 'id' | 'createdAt'>;

/**
 * How many info and success notifications are kept: when no element shows them (notify="errors",
 * the default) nobody dismisses them, so the oldest go. Errors are never dropped this way.
 */
export const MAX_TRANSIENT_NOTIFICATIONS = 20;

/** Adds a notification (replacing one with the same `key`) and returns its id. */
export function pushNotification(notification: NewNotification): string {
  const id = `n${Date.now().toString(36)}-${(sequence++).toString(36)}`;
  const entry: CallNotification = { ...notification, id, createdAt: Date.now() };
  const kept = notification.key
    ? $notifications.get().filter((n) => n.key !== notification.key)
    : $notifications.get();
  const next = [...kept, entry];
  let excess = next.filter((n) => n.kind !== 'error').length - MAX_TRANSIENT_NOTIFICATIONS;
  $notifications.set(excess > 0 ? next.filter((n) => n.kind === 'error' || excess-- <= 0) : next);
  return id;
}

export function dismissNotification(id: string): void {
  const list = $notifications.get();
  const next = list.filter((n) => n.id !== id);
  if (next.length !== list.length) $notifications.set(next);
}

export function clearNotifications(): void {
  $notifications.set([]);
}
