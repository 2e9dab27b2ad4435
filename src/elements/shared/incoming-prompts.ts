import { callNotificationPermission, requestCallNotifications, type CallNotificationPermission } from '../../calls/notification-permission.js';
import type { CallControlsContext } from './call-actions.js';
import { soundBlocked, unlockSound } from './sound-unlock.js';

/** What the prompts of a button that takes incoming calls need: which to show, and what their clicks do. */
export interface IncomingPromptsContext {
  t: CallControlsContext['t'];
  /** The browser keeps the page silent: "Enable sound". */
  silent: boolean;
  /** The agent has not answered the browser's question about notifications: "Turn on call alerts". */
  askAlerts: boolean;
  enableSound(): void;
  enableAlerts(): void;
}

/** What the prompts need from the button they belong to. */
export interface IncomingPromptsHost {
  requestUpdate(): void;
  /** Resolves once the button has rendered what changed. */
  whenUpdated(): Promise<unknown>;
  /** Gives focus to the button's status line (where focus goes once a prompt has done its job and is gone). */
  focusStatus(): void;
}

/**
 * The prompts of a `<call-button accept-incoming>` whose host consents to alerting the agent (`notify-incoming`,
 * or `configure({ notifyIncoming })`): "Enable sound" while the browser would keep its calls silent, "Turn on call
 * alerts" until the agent has answered the browser's question. Part of the parts downloaded with `accept-incoming`.
 */
export class IncomingPrompts {
  /** The browser blocks sound until a click: calls would ring silently. */
  private silent = false;
  /** The agent's answer about system notifications once asked here (until then, the browser's current one). */
  private permission?: CallNotificationPermission;
  private stopWatching?: () => void;

  constructor(private readonly host: IncomingPromptsHost) {}

  /** Watches whether calls would ring silently while `consent` holds (the button takes calls and may alert); stops otherwise. */
  follow(consent: boolean): void {
    if (consent && !this.stopWatching) this.stopWatching = watchSound((silent) => this.setSilent(silent));
    else if (!consent && this.stopWatching) {
      this.stopWatching();
      this.stopWatching = undefined;
      this.setSilent(false);
    }
  }

  /** What the status line shows: "Enable sound" unless the agent is away, "Turn on call alerts" with `notify`. */
  context(t: CallControlsContext['t'], { away, notify }: { away: boolean; notify: boolean }): IncomingPromptsContext {
    return {
      t,
      silent: !away && this.silent,
      askAlerts: notify && (this.permission ?? callNotificationPermission()) === 'default',
      enableSound: () => void this.enableSound(),
      enableAlerts: () => void this.enableAlerts(),
    };
  }

  private setSilent(silent: boolean): void {
    if (silent === this.silent) return;
    this.silent = silent;
    this.host.requestUpdate();
  }

  /** The "Enable sound" click: a gesture that lets incoming calls ring aloud. */
  private async enableSound(): Promise<void> {
    try {
      unlockSound();
    } catch {
      // No sound to unlock (no audio output): the check below says what the browser allows.
    }
    this.setSilent(soundBlocked());
    await this.host.whenUpdated();
    if (!this.silent) this.host.focusStatus();
  }

  /** Asks the agent to allow system notifications for incoming calls (the "Turn on call alerts" click). */
  private async enableAlerts(): Promise<void> {
    this.permission = await requestCallNotifications();
    this.host.requestUpdate();
    await this.host.whenUpdated();
    // The button is gone: focus stays in the element, on its status.
    this.host.focusStatus();
  }
}

/**
 * Whether calls would ring silently (the browser's autoplay policy), told now and again after the person's next
 * click or key press anywhere on the page (which unlocks sound too). Returns the function that stops.
 */
export function watchSound(onChange: (silent: boolean) => void): () => void {
  const silent = soundBlocked();
  onChange(silent);
  if (!silent) return () => {};
  const recheck = () => {
    // After the gesture has been handled, when the browser counts it.
    setTimeout(() => {
      const still = soundBlocked();
      onChange(still);
      if (!still) stop();
    });
  };
  const stop = () => {
    window.removeEventListener('pointerdown', recheck, true);
    window.removeEventListener('keydown', recheck, true);
  };
  window.addEventListener('pointerdown', recheck, true);
  window.addEventListener('keydown', recheck, true);
  return stop;
}
