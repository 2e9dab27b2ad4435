import type { PropertyDeclarations, PropertyValues } from 'lit';
import { CallErrorEvent } from '../../events/events.js';
import { CallElementsBase } from '../../internal/base-element.js';
import { providerFailure, toCallElementsError, type CallElementsError } from '../../internal/errors.js';
import type { CallSnapshot } from '../../store/call.js';
import type { CallControlsContext } from './call-controls-template.js';
import type { LiveCallView } from './live-call-view.js';
import type { Theme } from './tokens.styles.js';

/**
 * What the elements that show a live call share (`<call-button>`, `<call-controls>`): the agent's
 * actions on the call they show, the dial pad's state, and errors reported as `call-error`.
 */
export abstract class CallViewElement extends CallElementsBase {
  static override properties: PropertyDeclarations = { size: { reflect: true }, theme: { reflect: true }, keypadOpen: { state: true }, sent: { state: true } };

  /** `small`, `medium` or `large`: scales type and spacing (reflected). */
  size: 'small' | 'medium' | 'large' = 'medium';

  /**
   * The colours: `light` or `dark`; `auto` follows the system (`prefers-color-scheme`). Without it the element takes
   * the page's `color-scheme` (light unless the page declares dark). Reflected.
   */
  theme?: Theme;

  protected keypadOpen = false;
  /** The tones sent during the shown call (its session id and the digits), for the dial pad's display. */
  private sent = { sessionId: '', digits: '' };

  protected abstract readonly view: LiveCallView;

  /** The provider named in `call-error` when no call says it. */
  protected abstract providerName(): string | undefined;

  /** Answers the incoming call, as a click on Answer does. */
  answer(): void {
    this.view.call?.accept();
  }

  /** Declines the incoming call, as a click on Decline does (recorded as `rejected`). */
  decline(): void {
    const call = this.view.call;
    if (call?.session.state === 'incoming') call.reject();
  }

  /** Ends the call, as a click on the hang-up button does. Does nothing when no call is in progress. */
  hangup(): void {
    this.view.call?.hangup();
  }

  /** Mutes or unmutes the microphone when the provider can. */
  mute(on: boolean): void {
    this.view.call?.mute(on);
  }

  /** Sends DTMF tones (digits, `*`, `#`, `w` for a pause) during a connected call. Problems are reported as `call-error`. */
  sendDigits(digits: string): void {
    try {
      const call = this.view.call;
      call?.sendDigits(digits);
      if (call) {
        const sessionId = call.session.id;
        const before = this.sent.sessionId === sessionId ? this.sent.digits : '';
        this.sent = { sessionId, digits: (before + digits.replace(/w/gi, '')).slice(-32) };
      }
    } catch (error) {
      this.reportError(toCallElementsError(error, 'invalid-digits'));
    }
  }

  /** Opens the dial pad over the page (a popover: it pushes nothing down); CSS anchors it to its toggle. */
  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const pad = this.renderRoot.querySelector<HTMLElement>("[part~='keypad']");
    // Without the Popover API (engines before 2024) the panel shows in the flow instead.
    if (pad && 'showPopover' in pad && !pad.matches(':popover-open')) pad.showPopover();
  }

  protected reportError(error: CallElementsError): void {
    this.emit<'call-error'>(
      new CallErrorEvent({ code: error.code, message: error.localizedMessage(this.i18n.locale), provider: this.view.call?.session.provider ?? this.providerName() }),
    );
  }

  /** What the shared controls template needs to show `snapshot`. */
  protected controlsContext(snapshot: CallSnapshot, who: Pick<CallControlsContext, 'name' | 'named' | 'canMute' | 'canDial'>): CallControlsContext {
    return {
      t: this.i18n.t.bind(this.i18n),
      snapshot,
      ...who,
      failure: snapshot.state === 'failed' && snapshot.error ? providerFailure(snapshot.error).localizedMessage(this.i18n.locale) : undefined,
      keypadOpen: this.keypadOpen,
      digits: this.sent.sessionId === snapshot.sessionId ? this.sent.digits : '',
      toggleKeypad: () => (this.keypadOpen = !this.keypadOpen),
      closeKeypad: () => {
        this.keypadOpen = false;
        this.view.focusTarget = 'keypad';
      },
      hangup: () => this.hangup(),
      answer: () => this.answer(),
      decline: () => this.decline(),
      mute: (on) => this.mute(on),
      sendDigits: (digits) => this.sendDigits(digits),
    };
  }
}
