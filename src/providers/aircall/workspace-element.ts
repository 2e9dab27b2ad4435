import { html, svg, type PropertyDeclarations } from 'lit';
import { CallElementsBase } from '../../internal/base-element.js';
import { defineElement } from '../../internal/define.js';
import type { WorkspaceSize } from '../../schema/aircall-config.js';
import { styles } from './workspace-element.styles.js';
import './messages.js';

export const WORKSPACE_TAG = 'call-aircall-workspace';

/** What the workspace is doing, told to the person above the iframe. */
export type WorkspaceStatus = 'loading' | 'waiting' | 'ready';

const closeIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M18.3 5.7a1 1 0 0 0-1.4 0L12 10.6 7.1 5.7a1 1 0 0 0-1.4 1.4l4.9 4.9-4.9 4.9a1 1 0 1 0 1.4 1.4l4.9-4.9 4.9 4.9a1 1 0 0 0 1.4-1.4L13.4 12l4.9-4.9a1 1 0 0 0 0-1.4z"/></svg>`;

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The focused element, looking inside shadow roots, and the shadow hosts around it (innermost first). */
function focusChain(): HTMLElement[] {
  const chain: HTMLElement[] = [];
  let active = document.activeElement;
  while (active instanceof HTMLElement && active !== document.body) {
    chain.unshift(active);
    active = active.shadowRoot?.activeElement ?? null;
  }
  return chain;
}

/** Moves focus back where it was; when that element is gone (re-rendered), into the nearest host left. */
function restoreFocus(chain: HTMLElement[]): void {
  for (const element of chain) {
    if (!element.isConnected) continue;
    element.focus();
    if (element.matches(':focus-within')) return;
    const inner = element.shadowRoot?.querySelector<HTMLElement>(FOCUSABLE);
    inner?.focus();
    if (element.matches(':focus-within')) return;
  }
}

/**
 * The Aircall workspace in a modal dialog. Created once by the Aircall provider, appended to
 * `document.body`, and shown when a call needs it; the workspace iframe lives in its shadow root and
 * keeps running (and keeps a call going) while the dialog is closed. Not meant to be placed by hand:
 * style it from the page with its parts and custom properties.
 *
 * @summary Modal dialog that shows the Aircall workspace during Aircall calls.
 * @tagname call-aircall-workspace
 *
 * @attr size - Reflected: the organisation's workspace size, `small`, `medium` or `big`.
 * @attr status - What the workspace is doing, shown above it.
 *
 * @csspart dialog - The `<dialog>` element (modal, labelled by the title).
 * @csspart header - The bar with the title and the close button.
 * @csspart title - The dialog's heading.
 * @csspart close-button - The button that closes the dialog (Escape does too).
 * @csspart status - What the workspace is doing (loading, waiting for sign-in); a polite live region.
 * @csspart body - The box that holds the workspace; sized by `size`.
 * @csspart frame - The workspace `<iframe>`.
 *
 * @cssproperty --call-aircall-workspace-width - Width of the workspace. Default by size: 376px (small, medium), 480px (big).
 * @cssproperty --call-aircall-workspace-height - Height of the workspace. Default by size: 600px (small), 666px (medium), 800px (big).
 * @cssproperty --call-aircall-workspace-bg - Dialog background. Default `var(--call-color-surface, #ffffff)`.
 * @cssproperty --call-aircall-workspace-text - Text colour. Default `var(--call-color-text, #1d2430)`.
 * @cssproperty --call-aircall-workspace-muted-text - Colour of the status line. Default `var(--call-color-text-muted, #555f6d)`.
 * @cssproperty --call-aircall-workspace-radius - Corner radius. Default `var(--call-radius, 0.5rem)`.
 * @cssproperty --call-aircall-workspace-shadow - Dialog shadow. Default `var(--call-shadow, 0 8px 32px rgb(0 0 0 / 0.25))`.
 * @cssproperty --call-aircall-workspace-backdrop - Backdrop behind the dialog. Default `rgb(0 0 0 / 0.4)`.
 * @cssproperty --call-aircall-workspace-font - Font shorthand. Default `var(--call-font, 1em/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif)`: the system's interface font at the size the page gives, not the page's own font (set `--call-font: inherit` to use it).
 * @cssproperty --call-aircall-workspace-focus - Focus ring colour. Default `var(--call-color-accent, #0b6bcb)`.
 */
export class AircallWorkspaceElement extends CallElementsBase {
  static override properties: PropertyDeclarations = { size: { reflect: true }, status: {} };

  static override styles = styles;

  /** The organisation's workspace size: small, medium or big. */
  size: WorkspaceSize = 'medium';

  /** What the workspace is doing, shown above it. */
  status: WorkspaceStatus = 'loading';

  /** Called after the dialog closed, whoever closed it (close button, Escape, the provider). */
  closedCallback?: () => void;

  private returnFocus: HTMLElement[] = [];

  get isOpen(): boolean {
    return this.dialog?.open ?? false;
  }

  /** Opens the dialog as a modal (the platform traps focus and makes the page inert). */
  async show(): Promise<void> {
    await this.updateComplete;
    const dialog = this.dialog;
    if (!dialog || dialog.open) return;
    this.returnFocus = focusChain();
    dialog.showModal();
  }

  hide(): void {
    if (!this.dialog?.open) return;
    this.dialog.close();
    // The close event comes a task later; focus goes back now, as the person expects.
    this.giveFocusBack();
  }

  /** Puts the workspace iframe in the dialog (once: moving an iframe would reload it). */
  async attachFrame(frame: HTMLIFrameElement): Promise<void> {
    await this.updateComplete;
    frame.setAttribute('part', 'frame');
    frame.title = this.i18n.t('aircall.title');
    this.renderRoot.querySelector('.body')!.replaceChildren(frame);
  }

  detachFrame(): void {
    this.renderRoot.querySelector('.body')?.replaceChildren();
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot?.querySelector('dialog') ?? null;
  }

  protected override updated(): void {
    const frame = this.renderRoot.querySelector('iframe');
    if (frame) frame.title = this.i18n.t('aircall.title');
  }

  private giveFocusBack(): void {
    const chain = this.returnFocus;
    this.returnFocus = [];
    restoreFocus(chain);
  }

  private onClose(): void {
    this.giveFocusBack();
    this.closedCallback?.();
  }

  protected override render() {
    const t = this.i18n.t.bind(this.i18n);
    const status = this.status === 'loading' ? t('aircall.loading') : this.status === 'waiting' ? t('aircall.waiting') : '';
    return html`<dialog part="dialog" aria-labelledby="title" @close=${() => this.onClose()}>
      <div part="header" class="header">
        <h2 part="title" class="title" id="title">${t('aircall.title')}</h2>
        <button part="close-button" class="close" type="button" aria-label=${t('aircall.close')} @click=${() => this.hide()}>
          ${closeIcon}
        </button>
      </div>
      <p part="status" class=${status ? 'status shown' : 'status'} role="status">${status}</p>
      <div part="body" class="body"></div>
    </dialog>`;
  }
}

/** Registers the element on first use (the provider creates it only when a call needs it). */
export function defineWorkspaceElement(): void {
  defineElement(WORKSPACE_TAG, AircallWorkspaceElement);
}

declare global {
  interface HTMLElementTagNameMap {
    'call-aircall-workspace': AircallWorkspaceElement;
  }
}
