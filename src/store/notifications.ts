import { atom } from 'nanostores';
import type { AnyMessageKey } from '../internal/localize.js';

/**
 * `info` and `success` say how things go; `warning`, something went wrong that the library handles by itself (a
 * record not sent yet, retried): polite, like them; `error`, something the person must know or act on: assertive,
 * kept until dismissed.
 */
export type NotificationKind = 'info' | 'success' | 'warning' | 'error';

export interface CallNotification {
  id: string;
  kind: NotificationKind;
  /** Message key in the locale catalogues; the element that shows it translates it. */
  messageKey: AnyMessageKey;
  params?: Record<string, string | number>;
  /** Stable error code when kind is "warning" or "error". */
  code?: string;
  /** The call the notification is about. */
  callId?: string;
  /** Notifications with the same key replace each other ("Logging the call…" becomes "Call logged"). */
  key?: string;
  /** An optional button on the notification (e.g. "Retry" on a call that could not be saved). */
  action?: { labelKey: AnyMessageKey; run: () => void };
  createdAt: number;
  /** How many times the same notification was pushed; repeats are collapsed into one. */
  count: number;
}

export const $notifications = atom<CallNotification[]>([]);

export function dismissNotification(id: string): void {
  const list = $notifications.get();
  const next = list.filter((n) => n.id !== id);
  if (next.length !== list.length) $notifications.set(next);
}

export function clearNotifications(): void {
  $notifications.set([]);
}
