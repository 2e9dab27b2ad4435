import type { PropertyValues } from '@lit/reactive-element';
import { pageRuntime } from '../../calls/page-runtime.js';
import { ACTIVE_STATES, type CallSnapshot } from '../../store/call.js';
import { styles } from '../call-button/call-button.styles.js';
import { primaryAction, primaryLabels, statusText } from '../shared/call-actions.js';
import { CallViewElement, type CallView } from '../shared/call-view-element.js';
import { LiveCallView } from '../shared/live-call-view.js';

/**
 * Shows and controls the page's live call wherever it is placed — a toolbar, a side panel, a layout
 * that survives route changes — whichever element or script placed or took it: who (name and number),
 * its state and timer, Hang up, Mute and the dial pad; Answer and Decline while a call rings in. Once
 * the call ends it shows the outcome until the next call; with no call it renders nothing.
 *
 * Removing the element that placed a call does not end it: `<call-controls>` (and `currentCall()`)
 * still reach it.
 *
 * @summary The live call's controls, anywhere on the page.
 * @tagname call-controls
 *
 * @attr size - `small`, `medium` (default) or `large`: scales type, spacing and the controls, relative to the page's font size. Reflected.
 * @attr theme - `light` or `dark`; `auto` follows the system (`prefers-color-scheme`); without it, the page's `color-scheme` decides (light unless the page declares dark). Reflected.
 * @attr wrap-up - Boolean: after each call this element shows ends, a wrap-up form (outcome and note) saved into the same record (`disposition`, `notes`) and as a `note` action; Skip or Escape saves nothing; a new call closes it (property `wrapUp`).
 * @attr rate-call - Boolean, with `wrap-up`: the form also asks for a 1–5 rating of the call's sound and what was wrong, kept in the record's metrics and sent to the provider (Twilio Insights with `feedbackWindowMs`) (property `rateCall`).
 * @attr dispositions - The outcomes offered at wrap-up: a JSON array of values or `{ "value", "label" }` objects, or a comma-separated list (`interested, call back`). Values are 1 to 100 characters.
 *
 * @event {CallWrapUpEvent} call-wrap-up - The agent saved the wrap-up; the record with it is on its way through the queue. Detail: `{ id, disposition?, notes? }`.
 * @event {CallErrorEvent} call-error - A control failed (e.g. tones the provider cannot send). Detail: `{ code, message, provider? }`.
 *
 * @csspart base - The wrapper of everything (absent when there is no call).
 * @csspart contact - Name and number.
 * @csspart name - The display name.
 * @csspart number - The other party's number.
 * @csspart hangup-button - The button that ends the call.
 * @csspart answer-button - Answers an incoming call.
 * @csspart decline-button - Declines an incoming call.
 * @csspart mute-button - The mute toggle (when the provider can mute).
 * @csspart keypad-button - Opens and closes the dial pad (when the provider can send tones).
 * @csspart keypad - The dial pad, a popover over the page next to its toggle (Escape or its close button closes it and gives focus back to the toggle).
 * @csspart keypad-close - The dial pad's close button.
 * @csspart keypad-display - The tones sent during the call, at the top of the dial pad.
 * @csspart key - One key of the dial pad.
 * @csspart status - The current state in words.
 * @csspart timer - The running call duration.
 * @csspart quality - The poor-connection indicator.
 * @csspart failure - Why the last call failed, until the next call.
 * @csspart wrap-up - The wrap-up form, a popover under the element once a call ended (with `wrap-up`).
 * @csspart wrap-up-outcome - The outcome's select (when the host gave dispositions).
 * @csspart wrap-up-notes - The note's text area.
 * @csspart wrap-up-rating - The call quality rating (`rate-call`): five radio buttons and the sound problem.
 * @csspart wrap-up-issue - The sound problem's select.
 * @csspart wrap-up-error - Why saving the wrap-up failed.
 * @csspart wrap-up-save - Saves the wrap-up.
 * @csspart wrap-up-skip - Closes the wrap-up, saving nothing.
 *
 * @cssproperty --call-button-accent - Background of the Answer button. Default `var(--call-color-accent)`, else `#0b6bcb` (dark: `#7ab4f5`).
 * @cssproperty --call-button-accent-text - Text colour on the Answer button. Default `var(--call-color-on-accent)`, else `#ffffff` (dark: `#0d1b2a`).
 * @cssproperty --call-button-danger - Background of the hang-up button. Default `var(--call-color-danger)`, else `#c62828` (dark: `#ff8a80`).
 * @cssproperty --call-button-danger-text - Text colour on the hang-up button. Default `var(--call-color-on-danger)`, else `#ffffff` (dark: `#2b0a08`).
 * @cssproperty --call-button-text - Text colour. Default `var(--call-color-text)`, else `#1d2430` (dark: `#e6e9ef`).
 * @cssproperty --call-button-muted-text - Colour of the number and status. Default `var(--call-color-text-muted)`, else `#555f6d` (dark: `#a9b1bd`).
 * @cssproperty --call-button-radius - Corner radius of the buttons. Default `var(--call-radius, var(--call-radius-md, 0.5em))`.
 * @cssproperty --call-button-gap - Space between parts. Default `var(--call-space, var(--call-space-2, 0.5em))`.
 * @cssproperty --call-button-font - Font shorthand. Default `var(--call-font, 1em/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif)`: the system's interface font at the size the page gives, not the page's own font (set `--call-font: inherit` to use it).
 * @cssproperty --call-button-warning - Colour of the poor-connection indicator. Default `var(--call-color-warning)`, else `#8a5a00` (dark: `#f0b44c`).
 * @cssproperty --call-button-surface - Background of the element and of the dial pad; text on the pressed Mute button. Default `var(--call-color-surface)`, else `#ffffff` (dark: `#1b1f27`).
 * @cssproperty --call-button-width - Width of the element (at most its container's): its slots stay put inside it. Default `22em`.
 */
export class CallControls extends CallViewElement {
  static override styles = styles;

  protected readonly view = new LiveCallView(this, this.i18n, {
    matches: () => true,
    nameOf: (snapshot) => this.nameOf(snapshot),
    onChange: (snapshot) => this.followForWrapUp(snapshot),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    pageRuntime().resume();
  }

  protected providerName(): string | undefined {
    return undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!this.view.active) this.keypadOpen = false;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const target = this.view.focusTarget;
    if (!target) return;
    this.view.focusTarget = undefined;
    const button = this.renderRoot.querySelector<HTMLButtonElement>(`[part~='${target}-button']`);
    if (button) button.focus();
    // The call ended under the agent's hands: the status that says so takes focus rather than the page.
    else this.renderRoot.querySelector<HTMLElement>('[part~="status"]')?.focus();
  }

  protected otherPartyName(snapshot: CallSnapshot): string {
    return this.nameOf(snapshot);
  }

  private nameOf(snapshot: CallSnapshot): string {
    if (snapshot.direction === 'inbound') return snapshot.displayName || snapshot.from || this.i18n.t('caller.unknown');
    return snapshot.displayName || snapshot.to || '';
  }

  private allows(snapshot: CallSnapshot, capability: 'mute' | 'dtmf'): boolean {
    return snapshot.provider === this.view.call?.session.provider && this.view.call.provider.capabilities.has(capability);
  }

  protected readonly frameOptions = { regionsOutside: true };

  protected describe(): CallView {
    const snapshot = this.view.snapshot;
    const t = this.i18n.t.bind(this.i18n);
    const view = { announcement: this.view.announcement, alert: this.view.alert };
    if (!snapshot) {
      return { frame: { hidden: true, contact: {}, sizer: [], status: '', wide: true, ...view }, parts: { actions: false, after: this.renderWrapUp() } };
    }
    const active = ACTIVE_STATES.has(snapshot.state);
    const inbound = snapshot.direction === 'inbound';
    const ctx = this.controlsContext(snapshot, {
      name: this.nameOf(snapshot),
      named: !!snapshot.displayName,
      canMute: this.allows(snapshot, 'mute'),
      canDial: this.allows(snapshot, 'dtmf'),
    });
    const number = (inbound ? snapshot.from : snapshot.to) || (inbound ? t('caller.unknown') : undefined);
    const secondary = active && !!this.parts?.hasSecondaryActions(ctx);
    return {
      frame: {
        hidden: false,
        contact: { name: snapshot.displayName || undefined, number },
        action: active ? primaryAction(ctx) : undefined,
        sizer: primaryLabels(t),
        status: statusText(t, snapshot),
        wide: !secondary,
        ...view,
      },
      parts: { call: ctx, actions: secondary, after: this.renderWrapUp() },
    };
  }
}
