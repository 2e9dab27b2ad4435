import type { PropertyDeclarations, PropertyValues } from '@lit/reactive-element';
import { pageRuntime } from '../../calls/page-runtime.js';
import { addStyles } from '../../internal/css.js';
import { lazy } from '../../internal/lazy.js';
import { PageElement } from '../../internal/page-element.js';
import { StoreController } from '../../internal/store-controller.js';
import { hasMessage, type AnyMessageKey } from '../../internal/localize.js';
import { $settings, type NotifyLevel } from '../../store/config.js';
import { $notifications, type CallNotification } from '../../store/notifications.js';
import { tokens, type Theme } from '../shared/tokens.styles.js';
import type { NotificationView } from './notification-view.js';

/** The toasts' module (rendering, styles, countdowns, focus), downloaded with the first notification to show. */
const notificationView = lazy(() => import('./notification-view.js'));

const LEVELS: readonly string[] = ['all', 'errors', 'none'] satisfies NotifyLevel[];
/** The `duration` default, which is written there as a literal so that the manifest shows it. */
const DEFAULT_DURATION = 5000;
/** setTimeout fires at once for delays above 2^31 - 1 ms, so longer durations mean "never". */
const MAX_TIMEOUT = 2 ** 31 - 1;

/**
 * Shows the library's notifications (`$notifications`: saving and storage outcomes, call errors...) as a
 * stack of toasts in the bottom-right corner, oldest first. Info, success and warning toasts go away on their own;
 * errors stay until dismissed. Which kinds are shown follows `notify`, or `configure({ notify })`.
 *
 * Info, success and warning toasts sit in a polite live region (`role="status"`), errors in an assertive one
 * (`role="alert"`). Escape dismisses the toast that has focus, and focus then moves to the next toast.
 * Auto-dismissal pauses while the pointer is over the toasts or focus is inside them.
 *
 * @summary Toasts for call and storage notifications, with live regions for screen readers.
 * @tagname call-notification
 *
 * @attr notify - Which notifications to show: `all`, `errors` (warnings and errors: the problems) or `none`; without it, `configure({ notify })` decides.
 * @attr theme - `light` or `dark`; `auto` follows the system (`prefers-color-scheme`); without it, the page's `color-scheme` decides (light unless the page declares dark). Reflected.
 * @attr duration - Milliseconds before an info, success or warning toast dismisses itself; `0` keeps them. Default 5000.
 *
 * @csspart base - The fixed stack holding every toast (a labelled region). Restyle it to move the stack.
 * @csspart toast - One notification. Also carries `toast-info`, `toast-success`, `toast-warning` or `toast-error`.
 * @csspart toast-info - An info toast (same element as `toast`).
 * @csspart toast-success - A success toast (same element as `toast`).
 * @csspart toast-warning - A warning toast: a problem the library handles by itself, such as a record sent again later (same element as `toast`).
 * @csspart toast-error - An error toast (same element as `toast`).
 * @csspart icon - The icon showing the kind of a toast.
 * @csspart message - The text of a toast.
 * @csspart count - How many times the same notification came, when more than once ("(×3)").
 * @csspart action-button - The optional action of a toast (e.g. "Retry").
 * @csspart dismiss-button - The button that dismisses a toast.
 *
 * @cssproperty --call-notification-info-bg - Background of info toasts. Default `var(--call-color-surface)`, else `#ffffff` (dark: `#1b1f27`).
 * @cssproperty --call-notification-success-bg - Background of success toasts. Default `var(--call-color-success-surface)`, else `#e8f5ec` (dark: `#14301c`).
 * @cssproperty --call-notification-warning-bg - Background of warning toasts. Default `var(--call-color-warning-surface)`, else `#fff4e0` (dark: `#33280f`).
 * @cssproperty --call-notification-error-bg - Background of error toasts. Default `var(--call-color-danger-surface)`, else `#fdecea` (dark: `#3a1a19`).
 * @cssproperty --call-notification-info-accent - Edge, icon and focus ring of info toasts. Default `var(--call-color-accent)`, else `#0b6bcb` (dark: `#7ab4f5`).
 * @cssproperty --call-notification-success-accent - Edge, icon and focus ring of success toasts. Default `var(--call-color-success)`, else `#1e7b34` (dark: `#7bd88f`).
 * @cssproperty --call-notification-warning-accent - Edge, icon and focus ring of warning toasts. Default `var(--call-color-warning)`, else `#8a5a00` (dark: `#f0b44c`).
 * @cssproperty --call-notification-error-accent - Edge, icon and focus ring of error toasts. Default `var(--call-color-danger)`, else `#c62828` (dark: `#ff8a80`).
 * @cssproperty --call-notification-text - Text colour. Default `var(--call-color-text)`, else `#1d2430` (dark: `#e6e9ef`).
 * @cssproperty --call-notification-radius - Corner radius of the toasts. Default `var(--call-radius, 0.5rem)`.
 * @cssproperty --call-notification-gap - Space between toasts and inside them. Default `var(--call-space, 0.5rem)`.
 * @cssproperty --call-notification-shadow - Shadow of the toasts. Default `var(--call-shadow)`, else `0 4px 16px rgb(0 0 0 / 0.18)` (dark: `/ 0.6`).
 * @cssproperty --call-notification-max-width - Width of the stack (never wider than the viewport). Default `24rem`.
 * @cssproperty --call-notification-offset - Distance of the stack from the corner of the viewport. Default `1rem`.
 * @cssproperty --call-notification-z-index - Stacking order of the toasts. Default `1000`.
 * @cssproperty --call-notification-font - Font shorthand. Default `var(--call-font, 1em/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif)`: the system's interface font at the size the page gives, not the page's own font (set `--call-font: inherit` to use it).
 */
export class CallNotificationElement extends PageElement {
  static override styles = tokens;

  static override properties: PropertyDeclarations = { notify: {}, duration: { type: Number }, theme: { reflect: true } };

  /**
   * Which notifications to show: `all`, `errors` (only kind "error") or `none`. Without the attribute
   * (or with an unknown value) the element follows `configure({ notify })`, which defaults to `errors`.
   */
  notify?: NotifyLevel;

  /**
   * Milliseconds before an info, success or warning toast dismisses itself. `0` keeps them until dismissed.
   * Errors always stay until dismissed. An invalid value means the default, 5000.
   */
  duration = 5000;

  /**
   * The colours: `light` or `dark`; `auto` follows the system (`prefers-color-scheme`). Without it the element takes
   * the page's `color-scheme` (light unless the page declares dark). Reflected.
   */
  theme?: Theme;

  readonly #notifications = new StoreController(this, $notifications);
  readonly #settings = new StoreController(this, $settings);
  /** The toasts themselves (rendering, styles, countdowns, focus), downloaded with the first notification to show. */
  #view?: NotificationView;
  #viewLoading?: Promise<void>;

  override connectedCallback(): void {
    super.connectedCallback();
    // A page with only configure() and notifications still sends what an earlier page left queued.
    pageRuntime().resume();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!this.#view && !this.#viewLoading && this.visibleNotifications().length) {
      this.#viewLoading = notificationView().then(
        ({ NotificationView, toastStyles }) => {
          // After the element's own styles (the design tokens).
          addStyles(this.renderRoot as ShadowRoot, [toastStyles]);
          this.#view = new NotificationView(this);
          this.requestUpdate();
        },
        // Without the view there are no toasts; the next notification tries again.
        (error: unknown) => console.error('[call-elements] could not load the notifications', error),
      );
      void this.#viewLoading.finally(() => (this.#viewLoading = undefined));
    }
  }

  /** Also waits for the toasts' code when the first notification is being shown. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    while (this.#viewLoading) {
      await this.#viewLoading;
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  /** @internal The notifications to show now, following `notify` (used by the view). */
  visibleNotifications(): CallNotification[] {
    const level = this.#level();
    return level === 'none' ? [] : this.#notifications.value.filter((n) => level === 'all' || n.kind === 'error' || n.kind === 'warning');
  }

  #level(): NotifyLevel {
    if (this.notify && LEVELS.includes(this.notify)) return this.notify;
    const configured = this.#settings.value.notify;
    return LEVELS.includes(configured) ? configured : 'errors';
  }

  /** @internal Milliseconds before an info or success toast goes; undefined for never (used by the view). */
  autoDismissAfter(): number | undefined {
    const duration = this.duration as unknown;
    if (typeof duration !== 'number' || Number.isNaN(duration) || duration < 0) return DEFAULT_DURATION;
    return duration === 0 || duration > MAX_TIMEOUT ? undefined : duration;
  }

  /**
   * @internal Catalogue text; a key pushed by plain JavaScript that the catalogue lacks is shown as is
   * rather than breaking the stack (used by the view).
   */
  text(key: AnyMessageKey, params?: Record<string, unknown>): string {
    return hasMessage(key) ? this.i18n.t(key, params) : String(key);
  }

  #onFocusIn = (event: FocusEvent) => this.#view?.onFocusIn(event);
  #onFocusOut = (event: FocusEvent) => this.#view?.onFocusOut(event);
  #onEnter = () => this.#view?.onHover(true);
  #onLeave = () => this.#view?.onHover(false);

  /** The region and its two live regions, built once; the toasts' view renders into the stacks. */
  #frame?: { base: HTMLElement; polite: HTMLElement; urgent: HTMLElement };

  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    const frame = (this.#frame ??= this.#buildFrame());
    const label = this.text('notify.region');
    if (frame.base.getAttribute('aria-label') !== label) frame.base.setAttribute('aria-label', label);
    this.#view?.renderInto(frame.polite, frame.urgent);
  }

  /**
   * Both live regions exist from the first update, before the toasts' code is loaded: screen readers only
   * announce insertions into regions they already know. aria-atomic="false" so that a new toast does not
   * re-read the others.
   */
  #buildFrame(): { base: HTMLElement; polite: HTMLElement; urgent: HTMLElement } {
    const base = document.createElement('section');
    base.setAttribute('part', 'base');
    base.className = 'base';
    base.addEventListener('focusin', this.#onFocusIn);
    base.addEventListener('focusout', this.#onFocusOut);
    base.addEventListener('mouseenter', this.#onEnter);
    base.addEventListener('mouseleave', this.#onLeave);
    const stack = (role: string, live?: string) => {
      const region = document.createElement('div');
      region.className = 'stack';
      region.setAttribute('role', role);
      if (live) region.setAttribute('aria-live', live);
      region.setAttribute('aria-atomic', 'false');
      return region;
    };
    const polite = stack('status', 'polite');
    const urgent = stack('alert');
    base.append(polite, urgent);
    this.renderRoot.append(base);
    return { base, polite, urgent };
  }
}
