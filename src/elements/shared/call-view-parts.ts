import { html, nothing, render } from 'lit/html.js';
import type { CallControlsContext } from './call-actions.js';
import type { CallFrame } from './call-frame.js';
import './call-view-messages.js';

export { partsStyles } from './call-view-parts.styles.js';
export { IncomingPrompts } from './incoming-prompts.js';
import type { IncomingPromptsContext } from './incoming-prompts.js';

/*
 * What `<call-button>` and `<call-controls>` show only during a call or with an opt-in attribute: the secondary
 * actions (Decline, Mute, the dial pad), the timer, the quality and failure lines, the dialler, the availability
 * toggle and the incoming-call prompts, with their styles and strings, rendered with Lit into the places the
 * element's frame keeps for them (renderParts). Downloaded on demand (CallViewElement): when a call shows, or when
 * the element is given one of those attributes. The primary action (Call, Hang up, Answer) and the status line are
 * the frame's, built with the DOM, so a call stays in the agent's hands if this never arrives.
 */

/** What the element shows beyond its frame, each in its place; what is left out is not shown. */
export interface CallParts {
  /** The dialler's number field, in the contact slot. */
  dialler?: DiallerContext;
  /** The "Available" toggle of a receive-only button, in the primary slot. */
  availability?: { away: boolean; toggle(): void };
  /** The call shown: its timer, quality and failure on the status line. */
  call?: CallControlsContext;
  /** Whether the call's secondary actions (Decline, Mute, the dial pad) show, in their slot. */
  actions: boolean;
  /** "Enable sound" and "Turn on call alerts", on the status line. */
  prompts?: IncomingPromptsContext;
  /** What follows the frame in the shadow root: the wrap-up form's template. */
  after?: unknown;
}

/** Renders the parts into the element's frame (each place has its own Lit render root). */
export function renderParts(frame: CallFrame, root: HTMLElement | DocumentFragment, host: HTMLElement, t: CallControlsContext['t'], parts: CallParts): void {
  const ctx = parts.call;
  render(parts.dialler ? renderDialler(parts.dialler) : nothing, frame.contact, { host });
  render(parts.availability ? renderAvailabilityToggle(t, parts.availability.away, parts.availability.toggle) : nothing, frame.primary, { host, renderBefore: frame.sizer });
  render(ctx && parts.actions ? html`<span class="actions">${renderSecondaryActions(ctx)}</span>` : nothing, frame.base, { host, renderBefore: frame.actions });
  render(
    html`${ctx ? html`${renderTimer(ctx)} ${renderQuality(ctx)} ${renderFailure(ctx)}` : nothing} ${parts.prompts ? renderIncomingPrompts(parts.prompts) : nothing}`,
    frame.line,
    { host },
  );
  render(parts.after ?? nothing, root, { host, renderBefore: frame.after });
}

/** "mm:ss", or "h:mm:ss" from an hour. */
function formatClock(totalSeconds: number): string {
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const mm = String(minutes).padStart(2, '0');
  const ss = String(seconds).padStart(2, '0');
  return hours ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/** Whether the secondary slot has something to show: Decline while a call rings in, Mute or the dial pad while connected. */
export function hasSecondaryActions(ctx: CallControlsContext): boolean {
  const { state } = ctx.snapshot;
  return state === 'incoming' || (state === 'connected' && (ctx.canMute || ctx.canDial));
}

/** Decline while a call rings in; Mute and the dial pad (a popover over the page) while connected and when the provider can. */
function renderSecondaryActions(ctx: CallControlsContext) {
  const { t, name } = ctx;
  if (ctx.snapshot.state === 'incoming') {
    return html`<button part="decline-button" class="hangup" type="button" aria-label=${t('button.declineName', { name })} @click=${() => ctx.decline()}>
      ${ctx.hangupIcon()}<span>${t('button.decline')}</span>
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
function renderTimer(ctx: Pick<CallControlsContext, 't' | 'snapshot' | 'seconds'>) {
  const { snapshot } = ctx;
  if (snapshot.answeredAt === undefined || !['connected', 'reconnecting', 'ended'].includes(snapshot.state)) return nothing;
  return html`<span part="timer" class="timer" role="timer" aria-label=${ctx.t('timer.label')}>${formatClock(ctx.seconds)}</span>`;
}

/** The poor-connection indicator, while the provider reports quality warnings. */
function renderQuality(ctx: Pick<CallControlsContext, 't' | 'snapshot'>) {
  const { snapshot } = ctx;
  if (!snapshot.warnings.length || snapshot.state !== 'connected') return nothing;
  return html`<span part="quality" class="quality" title=${ctx.t('quality.details', { warnings: snapshot.warnings.join(', ') })}>${ctx.t('quality.poor')}</span>`;
}

/** Why the call failed, on screen next to its status until the next call (the status alone says only "Call failed"). */
function renderFailure(ctx: Pick<CallControlsContext, 'failure'>) {
  return ctx.failure ? html`<span part="failure" class="failure" id="failure">${ctx.failure}</span>` : nothing;
}

/** What the dialler's number field needs from the element. */
export interface DiallerContext {
  t: CallControlsContext['t'];
  /** What the agent typed. */
  value: string;
  /** Read-only while the call is live. */
  active: boolean;
  /** Whether a reason is shown (the field is then described by it rather than by the status). */
  problem: boolean;
  invalid: boolean;
  input(value: string): void;
  call(): void;
}

/** The dialler's number field: Enter places the call; read-only while the call is live. */
function renderDialler(ctx: DiallerContext) {
  const { active } = ctx;
  return html`<input
    part="dialler"
    class="dialler"
    type="tel"
    name="number"
    autocomplete="tel"
    inputmode="tel"
    placeholder="+33 1 23 45 67 89"
    aria-label=${ctx.t('dialler.label')}
    aria-describedby=${ctx.problem ? 'reason' : 'status'}
    aria-invalid=${ctx.invalid ? 'true' : 'false'}
    ?readonly=${active}
    .value=${ctx.value}
    @input=${(event: Event) => ctx.input((event.target as HTMLInputElement).value)}
    @keydown=${(event: KeyboardEvent) => {
      if (event.key !== 'Enter' || active) return;
      event.preventDefault();
      ctx.call();
    }}
  />`;
}

/** The "Available" toggle of a receive-only button (`availability-toggle`), pressed while available. */
function renderAvailabilityToggle(t: CallControlsContext['t'], away: boolean, toggle: () => void) {
  return html`<button part="availability-button" class="secondary" type="button" aria-pressed=${away ? 'false' : 'true'} aria-describedby="status" @click=${toggle}>
    ${t('button.available')}
  </button>`;
}


/** "Enable sound" and "Turn on call alerts", on the status line of a button that takes incoming calls. */
function renderIncomingPrompts(ctx: IncomingPromptsContext) {
  const { t } = ctx;
  return html`${ctx.silent
    ? html`<button part="sound-button" class="secondary" type="button" aria-describedby="sound-help" @click=${() => ctx.enableSound()}>${t('button.enableSound')}</button>
        <span id="sound-help" class="visually-hidden">${t('sound.blocked')}</span>`
    : nothing}
  ${ctx.askAlerts ? html`<button part="alerts-button" class="secondary" type="button" @click=${() => ctx.enableAlerts()}>${t('button.enableAlerts')}</button>` : nothing}`;
}

