import type { ReactiveController } from '@lit/reactive-element';
import { html, nothing, render, svg, type SVGTemplateResult } from 'lit/html.js';
import { repeat } from 'lit/directives/repeat.js';
import type { AnyMessageKey } from '../../internal/localize.js';
// Its Dismiss and repeat-count strings, with those of the notices it shows.
import '../../locales/engine-messages.js';
import { dismissNotification, type CallNotification, type NotificationKind } from '../../store/notifications.js';

export { styles as toastStyles } from './call-notification.styles.js';

// The toasts of <call-notification>: their rendering, styles, countdowns and focus handling. Loaded
// when the first notification is to be shown, so that a page downloads it only once it has something
// to say (after a call, or on an error); the element itself renders the empty live regions at once.

const RETURN_FOCUS = Symbol('return-focus');

const icon = (path: string) =>
  svg`<svg part="icon" class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d=${path} /></svg>`;
const icons: Record<NotificationKind, SVGTemplateResult> = {
  info: icon('M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 15h-2v-6h2zm0-8h-2V7h2z'),
  success: icon('M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm-2 15-5-5 1.41-1.41L10 14.17l7.59-7.59L19 8z'),
  warning: icon('M1 21h22L12 2zm12-3h-2v-2h2zm0-4h-2v-4h2z'),
  error: icon('M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 15h-2v-2h2zm0-4h-2V7h2z'),
};
const closeIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z" /></svg>`;

/** Time left before an info or success toast dismisses itself; paused while the person is using the toasts. */
interface Countdown {
  remaining: number;
  startedAt: number;
  handle?: ReturnType<typeof setTimeout>;
}

/** What the view needs from its element. */
export interface NotificationHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly isConnected: boolean;
  addController(controller: ReactiveController): void;
  /** The notifications to show now (following `notify`), in store order. */
  visibleNotifications(): CallNotification[];
  /** Milliseconds before an info or success toast goes; undefined for never. */
  autoDismissAfter(): number | undefined;
  /** Catalogue text in the element's language. */
  text(key: AnyMessageKey, params?: Record<string, unknown>): string;
}

export class NotificationView implements ReactiveController {
  private readonly countdowns = new Map<string, Countdown>();
  /** The toasts rendered, in display order (info and success first, then errors). */
  private shown: CallNotification[] = [];
  private hovered = false;
  private focused = false;
  private paused = false;
  private focusAfterRender?: string | typeof RETURN_FOCUS;
  /** Where focus was before it entered the toasts; it goes back there when the last focused toast goes. */
  private focusOrigin?: HTMLElement;
  private movingFocus = false;

  constructor(private readonly host: NotificationHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    for (const countdown of this.countdowns.values()) clearTimeout(countdown.handle);
    this.countdowns.clear();
    this.hovered = this.focused = this.paused = false;
    this.focusOrigin = this.focusAfterRender = undefined;
  }

  hostUpdate(): void {
    const visible = this.host.visibleNotifications();
    const next = [...visible.filter((n) => n.kind !== 'error'), ...visible.filter((n) => n.kind === 'error')];
    this.planFocus(this.shown, next);
    this.shown = next;
  }

  hostUpdated(): void {
    this.applyFocusPlan();
    // Removing the focused toast fires focusout in Chromium but not in every engine: ask the DOM.
    this.focused = !!(this.host.renderRoot as ShadowRoot).activeElement;
    this.updatePause();
    this.syncCountdowns();
  }

  /** Renders the toasts into the element's two live regions: info and success ones, and errors. */
  renderInto(polite: HTMLElement, urgent: HTMLElement): void {
    render(this.renderToasts(false), polite, { host: this.host });
    render(this.renderToasts(true), urgent, { host: this.host });
  }

  /** The toasts of one live region: info and success ones, or errors. */
  private renderToasts(errors: boolean) {
    const list = this.shown.filter((n) => (n.kind === 'error') === errors);
    return repeat(list, (n) => n.id, (n) => this.renderToast(n));
  }

  /** When the toast holding focus is about to disappear, picks where focus goes instead of the page's body. */
  private planFocus(previous: CallNotification[], next: CallNotification[]): void {
    const active = (this.host.renderRoot as ShadowRoot).activeElement;
    const focusedId = active?.closest<HTMLElement>('[data-id]')?.dataset.id;
    if (!focusedId || next.some((n) => n.id === focusedId)) return;
    const remaining = new Set(next.map((n) => n.id));
    const index = previous.findIndex((n) => n.id === focusedId);
    const after = previous.slice(index + 1).find((n) => remaining.has(n.id));
    const before = previous
      .slice(0, Math.max(index, 0))
      .reverse()
      .find((n) => remaining.has(n.id));
    this.focusAfterRender = (after ?? before ?? next[0])?.id ?? RETURN_FOCUS;
  }

  private applyFocusPlan(): void {
    const target = this.focusAfterRender;
    if (target === undefined) return;
    this.focusAfterRender = undefined;
    if (target === RETURN_FOCUS) {
      if (this.focusOrigin?.isConnected) this.focusOrigin.focus();
      return;
    }
    // The focused toast is gone by now, so this focusin comes from nowhere: keep the original origin.
    this.movingFocus = true;
    try {
      this.host.renderRoot
        .querySelector<HTMLButtonElement>(`[data-id="${CSS.escape(target)}"] [part~='dismiss-button']`)
        ?.focus();
    } finally {
      this.movingFocus = false;
    }
  }

  onFocusIn(event: FocusEvent): void {
    if (!this.focused && !this.movingFocus) {
      const from = event.relatedTarget;
      this.focusOrigin = from instanceof HTMLElement && !this.host.renderRoot.contains(from) ? from : undefined;
    }
    this.focused = true;
    this.updatePause();
  }

  onFocusOut(event: FocusEvent): void {
    const to = event.relatedTarget;
    this.focused = to instanceof Node && this.host.renderRoot.contains(to);
    this.updatePause();
  }

  onHover(hovered: boolean): void {
    this.hovered = hovered;
    this.updatePause();
  }

  private updatePause(): void {
    const paused = this.host.isConnected && (this.hovered || this.focused);
    if (paused === this.paused) return;
    this.paused = paused;
    const now = Date.now();
    for (const [id, countdown] of this.countdowns) {
      if (paused) {
        if (countdown.handle === undefined) continue;
        clearTimeout(countdown.handle);
        countdown.handle = undefined;
        countdown.remaining -= now - countdown.startedAt;
      } else {
        this.startCountdown(id, countdown);
      }
    }
  }

  /** One countdown per info or success toast on screen; none while disconnected. */
  private syncCountdowns(): void {
    const after = this.host.autoDismissAfter();
    const wanted = new Set(
      this.host.isConnected && after !== undefined ? this.shown.filter((n) => n.kind !== 'error').map((n) => n.id) : [],
    );
    for (const [id, countdown] of this.countdowns) {
      if (wanted.has(id)) continue;
      clearTimeout(countdown.handle);
      this.countdowns.delete(id);
    }
    for (const id of wanted) {
      if (this.countdowns.has(id)) continue;
      const countdown: Countdown = { remaining: after!, startedAt: 0 };
      this.countdowns.set(id, countdown);
      if (!this.paused) this.startCountdown(id, countdown);
    }
  }

  private startCountdown(id: string, countdown: Countdown): void {
    countdown.startedAt = Date.now();
    countdown.handle = setTimeout(
      () => {
        this.countdowns.delete(id);
        // Already gone (dismissed elsewhere, replaced by key): dismissNotification does nothing.
        dismissNotification(id);
      },
      Math.max(0, countdown.remaining),
    );
  }

  private onToastKeydown(event: KeyboardEvent, notification: CallNotification): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    // The Escape was for this toast, not for a dialog or page handler further up.
    event.stopPropagation();
    dismissNotification(notification.id);
  }

  private runAction(notification: CallNotification): void {
    const action = notification.action!;
    try {
      const result: unknown = action.run();
      if (result instanceof Promise) result.catch((error: unknown) => this.reportActionFailure(error));
    } catch (error) {
      this.reportActionFailure(error);
    }
    dismissNotification(notification.id);
  }

  private reportActionFailure(error: unknown): void {
    console.error('[call-elements] a notification action failed', error);
  }

  private renderToast(notification: CallNotification) {
    const { id, kind, action } = notification;
    const messageId = `message-${id}`;
    return html`<div
      part="toast toast-${kind}"
      class="toast ${kind}"
      data-id=${id}
      @keydown=${(event: KeyboardEvent) => this.onToastKeydown(event, notification)}
    >
      ${icons[kind] ?? nothing}
      <p part="message" class="message" id=${messageId}>${this.host.text(notification.messageKey, notification.params)}${notification.count > 1
        ? html` <span part="count" class="count">${this.host.text('notify.repeated', { count: notification.count })}</span>`
        : nothing}</p>
      <div class="actions">
        ${action
          ? html`<button part="action-button" class="action" type="button" @click=${() => this.runAction(notification)}>
              ${this.host.text(action.labelKey)}
            </button>`
          : nothing}
        <button
          part="dismiss-button"
          class="dismiss"
          type="button"
          aria-label=${this.host.text('notify.dismiss')}
          aria-describedby=${messageId}
          @click=${() => dismissNotification(id)}
        >
          ${closeIcon}
        </button>
      </div>
    </div>`;
  }

}
