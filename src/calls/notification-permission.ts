/** Whether this page may show system notifications: the agent's answer, or `unsupported`. */
export type CallNotificationPermission = NotificationPermission | 'unsupported';

/** The agent's current answer about system notifications for incoming calls, without asking. */
export function callNotificationPermission(): CallNotificationPermission {
  return typeof Notification === 'function' ? Notification.permission : 'unsupported';
}

/**
 * Asks the agent whether incoming calls may show a system notification while the tab is in the
 * background. Call it from a click or a key press (browsers refuse or ignore it otherwise); the library
 * never asks on its own at load. Resolves with the answer; never rejects.
 */
export async function requestCallNotifications(): Promise<CallNotificationPermission> {
  if (typeof Notification !== 'function') return 'unsupported';
  if (Notification.permission !== 'default') return Notification.permission;
  try {
    return await Notification.requestPermission();
  } catch {
    return Notification.permission;
  }
}
