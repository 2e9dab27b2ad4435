import type { AnyMessageKey } from '../../internal/localize.js';
import type { CallSnapshot } from '../../store/call.js';
import type { PrimaryAction } from './call-frame.js';

/** What the agent can do with the call an element shows, and what the controls need to show it. */
export interface CallControlsContext {
  t(key: AnyMessageKey, params?: Record<string, unknown>): string;
  snapshot: CallSnapshot;
  /** Whole seconds since the call was answered (its final duration once ended); 0 when it never was. */
  seconds: number;
  /** The other party as announced and labelled ("Jean Dupont", or the number). */
  name: string;
  /** True when `name` is the host's display name (the hang-up button then says whom). */
  named: boolean;
  canMute: boolean;
  canDial: boolean;
  /** Why the shown call failed, in the element's language; undefined unless it failed. */
  failure?: string;
  /** A new hung-up handset icon (Decline's). */
  hangupIcon(): SVGSVGElement;
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

/** Answer while a call rings in; Hang up while one is live. */
export function primaryAction(ctx: CallControlsContext): PrimaryAction {
  const { t, name } = ctx;
  if (ctx.snapshot.state === 'incoming') {
    return { part: 'answer-button', look: 'call', label: t('button.answer'), ariaLabel: t('button.answerName', { name }), press: () => ctx.answer() };
  }
  return {
    part: 'hangup-button',
    look: 'hangup',
    label: t('button.hangup'),
    ariaLabel: ctx.named ? t('button.hangupName', { name }) : t('button.hangup'),
    press: () => ctx.hangup(),
  };
}

/**
 * The labels the primary slot can hold (Call, Hang up, Answer): it is as wide as the widest, so that the button
 * keeps its place and size from one state to the next.
 */
export function primaryLabels(t: CallControlsContext['t'], callLabel?: string): string[] {
  return [...(callLabel ? [callLabel] : []), t('button.hangup'), t('button.answer')];
}

/** The call's state in words: its outcome once it ended. */
export function statusText(t: CallControlsContext['t'], snapshot: CallSnapshot): string {
  if (snapshot.state === 'ended' && snapshot.status) return t(`status.${snapshot.status}` as AnyMessageKey);
  return t(`state.${snapshot.state}` as AnyMessageKey);
}
