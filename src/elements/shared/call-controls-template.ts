import { html, nothing, svg } from 'lit';
import type { AnyMessageKey } from '../../internal/localize.js';
import type { CallSnapshot } from '../../store/call.js';

export const phoneIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.6a1 1 0 0 1-.25 1z"/></svg>`;
export const hangupIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 9c-1.6 0-3.15.25-4.6.72v3.1a1 1 0 0 1-.56.9 11.5 11.5 0 0 0-2.66 1.85 1 1 0 0 1-1.41 0L.29 13.08a1 1 0 0 1 0-1.41A16.9 16.9 0 0 1 12 7c4.47 0 8.53 1.73 11.71 4.67a1 1 0 0 1 0 1.41l-2.48 2.48a1 1 0 0 1-1.41 0 11.3 11.3 0 0 0-2.67-1.85 1 1 0 0 1-.56-.9v-3.1A15 15 0 0 0 12 9z"/></svg>`;

/** What the shared call controls need from the element that renders them. */
export interface CallControlsContext {
  t(key: AnyMessageKey, params?: Record<string, unknown>): string;
  snapshot: CallSnapshot;
  /** The other party as announced and labelled ("Jean Dupont", or the number). */
  name: string;
  /** True when `name` is the host's display name (the hang-up button then says whom). */
  named: boolean;
  canMute: boolean;
  canDial: boolean;
  /** Why the shown call failed, in the element's language; undefined unless it failed. */
  failure?: string;
  keypadOpen: boolean;
  /** The tones sent during this call, shown on the dial pad. */
  digits: string;
  toggleKeypad(): void;
  /** Closes the dial pad and gives focus back to its toggle (Escape). */
  closeKeypad(): void;
  hangup(): void;
  answer(): void;
  decline(): void;
  mute(on: boolean): void;
  sendDigits(digits: string): void;
}


/**
 * The primary slot: one button (Call, Hang up or Answer) in a cell as wide as the widest of their labels
 * (an invisible copy of each), so that the button keeps its place and size from one state to the next.
 */
export function renderPrimarySlot(t: CallControlsContext['t'], button: unknown, callLabel?: string) {
  return html`<span class="primary"
    >${button}<span class="sizer" aria-hidden="true"
      >${callLabel ? html`<span>${callLabel}</span>` : nothing}<span>${t('button.hangup')}</span><span>${t('button.answer')}</span></span
    ></span
  >`;
}

/** Answer while a call rings in; Hang up while one is live. */
export function renderPrimaryAction(ctx: CallControlsContext) {
  const { t, name } = ctx;
  if (ctx.snapshot.state === 'incoming') {
    return html`<button part="answer-button" class="call" type="button" aria-label=${t('button.answerName', { name })} @click=${() => ctx.answer()}>
      ${phoneIcon}<span class="label">${t('button.answer')}</span>
    </button>`;
  }
  return html`<button
    part="hangup-button"
    class="hangup"
    type="button"
    aria-label=${ctx.named ? t('button.hangupName', { name }) : t('button.hangup')}
    @click=${() => ctx.hangup()}
  >
    ${hangupIcon}<span class="label">${t('button.hangup')}</span>
  </button>`;
}

/** The call's state in words: its outcome once it ended. */
export function statusText(t: CallControlsContext['t'], snapshot: CallSnapshot): string {
  if (snapshot.state === 'ended' && snapshot.status) return t(`status.${snapshot.status}` as AnyMessageKey);
  return t(`state.${snapshot.state}` as AnyMessageKey);
}
