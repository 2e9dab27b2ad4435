import { debug } from '../internal/debug.js';
import { callNotificationPermission } from './notification-permission.js';
import type { CallSession } from './session.js';

/** What the alert says, in the agent's language, asked again each time it is shown (the caller may be named meanwhile). */
export interface IncomingAlertText {
  /** The system notification's title ("Incoming call"). */
  title: string;
  /** Who calls: the looked-up name and the number, or the number. */
  body: string;
  /** What the tab's title alternates with ("Incoming call: Marie Curie"). */
  flash: string;
}

/** How often the tab's title alternates while a call rings in the background (ms). */
export const TITLE_FLASH_MS = 1000;

/**
 * While `session` rings and the tab is in the background: one system notification (when the agent has
 * allowed them; never asked from here) and the tab's title alternating with who calls. Both go as soon as
 * the tab is visible again or the call stops ringing; a click on the notification brings the tab to the
 * front. Returns the function that stops everything at once.
 */
export function alertWhileRinging(session: CallSession, text: () => IncomingAlertText): () => void {
  if (typeof document === 'undefined') return () => {};
  let notification: Notification | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let pageTitle: string | undefined;

  const quiet = () => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
    if (pageTitle !== undefined) document.title = pageTitle;
    pageTitle = undefined;
    notification?.close();
    notification = undefined;
  };

  const alert = () => {
    if (session.state !== 'incoming' || document.visibilityState !== 'hidden') return quiet();
    if (timer === undefined) {
      pageTitle = document.title;
      let flashed = false;
      const flash = () => {
        flashed = !flashed;
        document.title = flashed ? text().flash : pageTitle!;
      };
      flash();
      timer = setInterval(flash, TITLE_FLASH_MS);
    }
    if (!notification && callNotificationPermission() === 'granted') {
      try {
        const { title, body } = text();
        notification = new Notification(title, { body, tag: `call-elements:${session.id}`, requireInteraction: true });
        notification.addEventListener('click', () => {
          globalThis.focus?.();
          quiet();
        });
      } catch (error) {
        // Some browsers only show notifications from a service worker: the title still flashes.
        debug('incoming', 'notification-failed', { error: String(error) });
      }
    }
  };

  const stopWatching = session.subscribe(() => {
    if (session.state !== 'incoming') stop();
  });
  const onVisibility = () => alert();
  document.addEventListener('visibilitychange', onVisibility);
  const stop = () => {
    stopWatching();
    document.removeEventListener('visibilitychange', onVisibility);
    quiet();
  };
  alert();
  return stop;
}
