import { html, nothing, svg } from 'lit';
import type { MessageKey } from '../../locales/en.js';
import type { CallSnapshot } from '../../store/call.js';
import { durationOf, formatClock } from './call-display.js';

export const phoneIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.6a1 1 0 0 1-.25 1z"/></svg>`;
export const hangupIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 9c-1.6 0-3.15.25-4.6.72v3.1a1 1 0 0 1-.56.9 11.5 11.5 0 0 0-2.66 1.85 1 1 0 0 1-1.41 0L.29 13.08a1 1 0 0 1 0-1.41A16.9 16.9 0 0 1 12 7c4.47 0 8.53 1.73 11.71 4.67a1 1 0 0 1 0 1.41l-2.48 2.48a1 1 0 0 1-1.41 0 11.3 11.3 0 0 0-2.67-1.85 1 1 0 0 1-.56-.9v-3.1A15 15 0 0 0 12 9z"/></svg>`;

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/** What the shared call controls need from the element that renders them. */
export interface CallControlsContext {
  t(key: MessageKey, params?: Record<string, unknown>): string;
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

/** Whether the secondary slot has something to show: Decline while a call rings in, Mute or the dial pad while connected. */
export function hasSecondaryActions(ctx: CallControlsContext): boolean {
  const { state } = ctx.snapshot;
  return state === 'incoming' || (state === 'connected' && (ctx.canMute || ctx.canDial));
}

/** Decline while a call rings in; Mute and the dial pad (a popover over the page) while connected and when the provider can. */
export function renderSecondaryActions(ctx: CallControlsContext) {
  const { t, name } = ctx;
  if (ctx.snapshot.state === 'incoming') {
    return html`<button part="decline-button" class="hangup" type="button" aria-label=${t('button.declineName', { name })} @click=${() => ctx.decline()}>
      ${hangupIcon}<span>${t('button.decline')}</span>
    </button>`;
  }
  const connected = ctx.snapshot.state === 'connected';
  const muted = ctx.snapshot.muted;
  /** Typing a digit, * or # while the dial pad has focus sends it, as on a phone; Escape closes it. */
  const onKeypadKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      ctx.closeKeypad();
      return;
    }
    if (!/^[0-9*#]$/.test(event.key) || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    ctx.sendDigits(event.key);
  };
  return html`${connected && ctx.canMute
    ? html`<button part="mute-button" class="secondary" type="button" aria-pressed=${muted ? 'true' : 'false'} @click=${() => ctx.mute(!muted)}>
        ${t('button.mute')}
      </button>`
    : nothing}
  ${connected && ctx.canDial
    ? html`<button
          part="keypad-button"
          class="secondary"
          type="button"
          aria-expanded=${ctx.keypadOpen ? 'true' : 'false'}
          aria-controls="keypad"
          @click=${() => ctx.toggleKeypad()}
        >
          ${t('button.keypad')}
        </button>
        ${ctx.keypadOpen
          ? html`<div part="keypad" class="keypad" id="keypad" popover="manual" role="group" aria-label=${t('keypad.label')} @keydown=${onKeypadKey}>
              <output part="keypad-display" class="keypad-display" aria-label=${t('keypad.sent')}>${ctx.digits}</output>
              <button part="keypad-close" class="key close" type="button" aria-label=${t('keypad.close')} @click=${() => ctx.closeKeypad()}>×</button>
              ${KEYS.map(
                (key) => html`<button part="key" class="key" type="button" aria-label=${t('keypad.key', { key })} @click=${() => ctx.sendDigits(key)}>
                  ${key}
                </button>`,
              )}
            </div>`
          : nothing}`
    : nothing}`;
}

/** The running duration of an answered call (and its final duration once ended). */
export function renderTimer(ctx: Pick<CallControlsContext, 't' | 'snapshot'>) {
  const { snapshot } = ctx;
  if (snapshot.answeredAt === undefined || !['connected', 'reconnecting', 'ended'].includes(snapshot.state)) return nothing;
  return html`<span part="timer" class="timer" role="timer" aria-label=${ctx.t('timer.label')}>${formatClock(durationOf(snapshot))}</span>`;
}

/** The poor-connection indicator, while the provider reports quality warnings. */
export function renderQuality(ctx: Pick<CallControlsContext, 't' | 'snapshot'>) {
  const { snapshot } = ctx;
  if (!snapshot.warnings.length || snapshot.state !== 'connected') return nothing;
  return html`<span part="quality" class="quality" title=${ctx.t('quality.details', { warnings: snapshot.warnings.join(', ') })}>${ctx.t('quality.poor')}</span>`;
}

/** Why the call failed, on screen next to its status until the next call (the status alone says only "Call failed"). */
export function renderFailure(ctx: Pick<CallControlsContext, 'failure'>) {
  return ctx.failure ? html`<span part="failure" class="failure" id="failure">${ctx.failure}</span>` : nothing;
}

/** The call's state in words: its outcome once it ended. */
export function statusText(t: CallControlsContext['t'], snapshot: CallSnapshot): string {
  if (snapshot.state === 'ended' && snapshot.status) return t(`status.${snapshot.status}` as MessageKey);
  return t(`state.${snapshot.state}` as MessageKey);
}
