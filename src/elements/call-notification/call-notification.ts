import { html, nothing, svg, type PropertyValues, type SVGTemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { CallElementsBase } from '../../internal/base-element.js';
import { StoreController } from '../../internal/store-controller.js';
import { hasMessage, type AnyMessageKey } from '../../internal/localize.js';
import { $settings, type NotifyLevel } from '../../store/config.js';
import {
  $notifications,
  dismissNotification,
  type CallNotification,
  type NotificationKind,
} from '../../store/notifications.js';
import { styles } from './call-notification.styles.js';

const LEVELS: readonly string[] = ['all', 'errors', 'none'] satisfies NotifyLevel[];
/** The `duration` default, which is written there as a literal so that the manifest shows it. */
const DEFAULT_DURATION = 5000;
/** setTimeout fires at once for delays above 2^31 - 1 ms, so longer durations mean "never". */
const MAX_TIMEOUT = 2 ** 31 - 1;
const RETURN_FOCUS = Symbol('return-focus');

const icon = (path: string) =>
  svg`<svg part="icon" class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d=${path} /></svg>`;
const icons: Record<NotificationKind, SVGTemplateResult> = {
  info: icon('M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 15h-2v-6h2zm0-8h-2V7h2z'),
  success: icon('M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm-2 15-5-5 1.41-1.41L10 14.17l7.59-7.59L19 8z'),
  error: icon('M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 15h-2v-2h2zm0-4h-2V7h2z'),
};
const closeIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z" /></svg>`;

/** Time left before an info or success toast dismisses itself; paused while the person is using the toasts. */
interface Countdown {
  remaining: number;
  startedAt: number;
  handle?: ReturnType<typeof setTimeout>;
}

/**
 * Shows the library's notifications (`$notifications`: saving and storage outcomes, call errors...) as a
 * stack of toasts in the bottom-right corner, oldest first. Info and success toasts go away on their own;
 * errors stay until dismissed. Which kinds are shown follows `notify`, or `configure({ notify })`.
 *
 * Info and success toasts sit in a polite live region (`role="status"`), errors in an assertive one
 * (`role="alert"`). Escape dismisses the toast that has focus, and focus then moves to the next toast.
 * Auto-dismissal pauses while the pointer is over the toasts or focus is inside them.
 *
 * @summary Toasts for call and storage notifications, with live regions for screen readers.
 * @tagname call-notification
 *
 * @csspart base - The fixed stack holding every toast (a labelled region). Restyle it to move the stack.
 * @csspart toast - One notification. Also carries `toast-info`, `toast-success` or `toast-error`.
 * @csspart toast-info - An info toast (same element as `toast`).
 * @csspart toast-success - A success toast (same element as `toast`).
 * @csspart toast-error - An error toast (same element as `toast`).
 * @csspart icon - The icon showing the kind of a toast.
 * @csspart message - The text of a toast.
 * @csspart action-button - The optional action of a toast (e.g. "Retry").
 * @csspart dismiss-button - The button that dismisses a toast.
 *
 * @cssproperty --call-notification-info-bg - Background of info toasts. Default `var(--call-color-surface, #ffffff)`.
 * @cssproperty --call-notification-success-bg - Background of success toasts. Default `var(--call-color-success-surface, #e8f5ec)`.
 * @cssproperty --call-notification-error-bg - Background of error toasts. Default `var(--call-color-danger-surface, #fdecea)`.
 * @cssproperty --call-notification-info-accent - Edge, icon and focus ring of info toasts. Default `var(--call-color-accent, #0b6bcb)`.
 * @cssproperty --call-notification-success-accent - Edge, icon and focus ring of success toasts. Default `var(--call-color-success, #1e7b34)`.
 * @cssproperty --call-notification-error-accent - Edge, icon and focus ring of error toasts. Default `var(--call-color-danger, #c62828)`.
 * @cssproperty --call-notification-text - Text colour. Default `var(--call-color-text, #1d2430)`.
 * @cssproperty --call-notification-radius - Corner radius of the toasts. Default `var(--call-radius, 0.5rem)`.
 * @cssproperty --call-notification-gap - Space between toasts and inside them. Default `var(--call-space, 0.5rem)`.
 * @cssproperty --call-notification-shadow - Shadow of the toasts. Default `var(--call-shadow, 0 4px 16px rgb(0 0 0 / 0.18))`.
 * @cssproperty --call-notification-max-width - Width of the stack (never wider than the viewport). Default `24rem`.
 * @cssproperty --call-notification-offset - Distance of the stack from the corner of the viewport. Default `1rem`.
 * @cssproperty --call-notification-z-index - Stacking order of the toasts. Default `1000`.
 * @cssproperty --call-notification-font - Font shorthand. Default `var(--call-font, inherit)`.
 */
export class CallNotificationElement extends CallElementsBase {
  static override styles = styles;

  /**
   * Which notifications to show: `all`, `errors` (only kind "error") or `none`. Without the attribute
   * (or with an unknown value) the element follows `configure({ notify })`, which defaults to `errors`.
   */
  @property() notify?: NotifyLevel;

  /**
   * Milliseconds before an info or success toast dismisses itself. `0` keeps them until dismissed.
   * Errors always stay until dismissed. An invalid value means the default, 5000.
   */
  @property({ type: Number }) duration = 5000;

  private readonly notifications = new StoreController(this, $notifications);
  private readonly settings = new StoreController(this, $settings);
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

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const countdown of this.countdowns.values()) clearTimeout(countdown.handle);
    this.countdowns.clear();
    this.hovered = this.focused = this.paused = false;
    this.focusOrigin = this.focusAfterRender = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const level = this.level();
    const visible =
      level === 'none' ? [] : this.notifications.value.filter((n) => level === 'all' || n.kind === 'error');
    const next = [...visible.filter((n) => n.kind !== 'error'), ...visible.filter((n) => n.kind === 'error')];
    this.planFocus(this.shown, next);
    this.shown = next;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.applyFocusPlan();
    // Removing the focused toast fires focusout in Chromium but not in every engine: ask the DOM.
    this.focused = !!this.shadowRoot?.activeElement;
    this.updatePause();
    this.syncCountdowns();
  }

  private level(): NotifyLevel {
    if (this.notify && LEVELS.includes(this.notify)) return this.notify;
    const configured = this.settings.value.notify;
    return LEVELS.includes(configured) ? configured : 'errors';
  }

  private autoDismissAfter(): number | undefined {
    const duration = this.duration as unknown;
    if (typeof duration !== 'number' || Number.isNaN(duration) || duration < 0) return DEFAULT_DURATION;
    return duration === 0 || duration > MAX_TIMEOUT ? undefined : duration;
  }

  /** When the toast holding focus is about to disappear, picks where focus goes instead of the page's body. */
  private planFocus(previous: CallNotification[], next: CallNotification[]): void {
    const active = this.shadowRoot?.activeElement;
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
      this.renderRoot
        .querySelector<HTMLButtonElement>(`[data-id="${CSS.escape(target)}"] [part~='dismiss-button']`)
        ?.focus();
    } finally {
      this.movingFocus = false;
    }
  }

  private onFocusIn(event: FocusEvent): void {
    if (!this.focused && !this.movingFocus) {
      const from = event.relatedTarget;
      this.focusOrigin = from instanceof HTMLElement && !this.renderRoot.contains(from) ? from : undefined;
    }
    this.focused = true;
    this.updatePause();
  }

  private onFocusOut(event: FocusEvent): void {
    const to = event.relatedTarget;
    this.focused = to instanceof Node && this.renderRoot.contains(to);
    this.updatePause();
  }

  private onHover(hovered: boolean): void {
    this.hovered = hovered;
    this.updatePause();
  }

  private updatePause(): void {
    const paused = this.isConnected && (this.hovered || this.focused);
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
    const after = this.autoDismissAfter();
    const wanted = new Set(
      this.isConnected && after !== undefined ? this.shown.filter((n) => n.kind !== 'error').map((n) => n.id) : [],
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

  /** Catalogue text; a key pushed by plain JavaScript that the catalogue lacks is shown as is rather than breaking the stack. */
  private text(key: AnyMessageKey, params?: Record<string, unknown>): string {
    return hasMessage(key) ? this.i18n.t(key, params) : String(key);
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
      <p part="message" class="message" id=${messageId}>${this.text(notification.messageKey, notification.params)}</p>
      <div class="actions">
        ${action
          ? html`<button part="action-button" class="action" type="button" @click=${() => this.runAction(notification)}>
              ${this.text(action.labelKey)}
            </button>`
          : nothing}
        <button
          part="dismiss-button"
          class="dismiss"
          type="button"
          aria-label=${this.text('notify.dismiss')}
          aria-describedby=${messageId}
          @click=${() => dismissNotification(id)}
        >
          ${closeIcon}
        </button>
      </div>
    </div>`;
  }

  protected override render() {
    const infos = this.shown.filter((n) => n.kind !== 'error');
    const errors = this.shown.filter((n) => n.kind === 'error');
    const toast = (n: CallNotification) => this.renderToast(n);
    // Both live regions exist from the first render: screen readers only announce insertions into
    // regions they already know. aria-atomic="false" so that a new toast does not re-read the others.
    return html`<section
      part="base"
      class="base"
      aria-label=${this.text('notify.region')}
      @focusin=${this.onFocusIn}
      @focusout=${this.onFocusOut}
      @mouseenter=${() => this.onHover(true)}
      @mouseleave=${() => this.onHover(false)}
    >
      <div class="stack" role="status" aria-live="polite" aria-atomic="false">${repeat(infos, (n) => n.id, toast)}</div>
      <div class="stack" role="alert" aria-atomic="false">${repeat(errors, (n) => n.id, toast)}</div>
    </section>`;
  }
}
