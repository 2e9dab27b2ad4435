import type { CSSResult, PropertyDeclarations, PropertyValues } from '@lit/reactive-element';
import { pageRuntime } from '../../calls/page-runtime.js';
import { CallErrorEvent, CallWrapUpEvent } from '../../events/events.js';
import { addStyles } from '../../internal/css.js';
import { CallElementsError, providerFailure, toCallElementsError } from '../../internal/errors.js';
import { lazy } from '../../internal/lazy.js';
import { PageElement } from '../../internal/page-element.js';
import { ACTIVE_STATES, type CallSnapshot } from '../../store/call.js';
import type { CallControlsContext } from './call-actions.js';
import { durationOf } from './call-display.js';
import { CallFrame, type FrameOptions, type FrameState } from './call-frame.js';
import { dispositionsConverter, type Disposition } from './dispositions.js';
import { HANGUP_PATH, iconElement } from './icons.js';
import type { LiveCallView } from './live-call-view.js';
import type { Theme } from './tokens.styles.js';
import type * as CallViewParts from './call-view-parts.js';
import type { WrapUp } from './wrap-up.js';

/** What the elements show only during a call or with an opt-in attribute: downloaded once, shared by every element. */
const loadParts = lazy(() => import('./call-view-parts.js'));
/** The wrap-up (its form, its saving), downloaded when an element is first given `wrap-up`. */
const loadWrapUp = lazy(() => import('./wrap-up.js'));

/** What an element shows, worked out at each update: its frame, and the parts once they are there. */
export interface CallView {
  frame: FrameState;
  parts: CallViewParts.CallParts;
}

/**
 * What the elements that show a live call share (`<call-button>`, `<call-controls>`): the agent's
 * actions on the call they show, the dial pad's state, and errors reported as `call-error`. Each update
 * puts what the element describes on screen: its frame with the DOM, its parts with Lit once downloaded.
 */
export abstract class CallViewElement extends PageElement {
  static override properties: PropertyDeclarations = {
    size: { reflect: true },
    theme: { reflect: true },
    wrapUp: { type: Boolean, attribute: 'wrap-up' },
    rateCall: { type: Boolean, attribute: 'rate-call' },
    dispositions: { converter: dispositionsConverter },
    keypadOpen: { state: true },
    sent: { state: true },
  };

  /** `small`, `medium` or `large`: scales type and spacing (reflected). */
  size: 'small' | 'medium' | 'large' = 'medium';

  /**
   * The colours: `light` or `dark`; `auto` follows the system (`prefers-color-scheme`). Without it the element takes
   * the page's `color-scheme` (light unless the page declares dark). Reflected.
   */
  theme?: Theme;

  /**
   * After each call this element shows ends, a wrap-up form: an outcome (one of `dispositions`) and a note,
   * saved into the call's record (`disposition`, `notes`) and as a `note` action; Skip (or Escape) saves nothing.
   */
  wrapUp = false;

  /**
   * With `wrap-up`: the form also asks for a one-to-five rating of the call's sound and what was wrong,
   * kept in the record's metrics (and sent to Twilio Insights with its `feedbackWindowMs`) by `rateCall()`.
   */
  rateCall = false;

  /**
   * The outcomes offered at wrap-up: values (`["interested", "call back"]`) or `{ value, label }` objects
   * (the value goes into the record, 1 to 100 characters; the label is shown). As an attribute, a JSON
   * array or a comma-separated list. Without any, the wrap-up asks for a note only.
   */
  dispositions: Array<string | Disposition> = [];

  protected keypadOpen = false;
  /**
   * What the element shows only during a call or with an opt-in attribute (call-view-parts.ts), once downloaded:
   * until then (a moment, while the call's own code downloads too) it shows the call's status and its primary action.
   */
  protected parts?: typeof CallViewParts;
  #partsDownload?: Promise<void>;
  /** The call shown when the parts last failed to download (they are tried again with the next one). */
  #partsFailedFor?: string;
  /** The styles added to the shadow root after the element's own (the parts', the wrap-up form's). */
  readonly #addedStyles = new Set<CSSResult>();
  /** The wrap-up, once its code has downloaded (`wrap-up` set), and the download while it runs. */
  #wrapUpPart?: WrapUp;
  #wrapUpDownload?: Promise<void>;
  /** The call this element showed last, and whether it was live: its end opens the wrap-up. */
  #followed?: { sessionId: string; active: boolean };
  /** A call that ended before the wrap-up's code was there: it opens the form once the code arrives. */
  #endedBeforeWrapUp?: CallSnapshot;
  /** The tones sent during the shown call (its session id and the digits), for the dial pad's display. */
  private sent = { sessionId: '', digits: '' };

  protected abstract readonly view: LiveCallView;
  /** Where the frame's live regions go (see CallFrame). */
  protected abstract readonly frameOptions: FrameOptions;
  #frame?: CallFrame;

  /** What to show now (the element's template, as data). */
  protected abstract describe(): CallView;

  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    const { frame: state, parts: shown } = this.describe();
    const frame = (this.#frame ??= new CallFrame(this.renderRoot, this.frameOptions));
    frame.update(state);
    this.parts?.renderParts(frame, this.renderRoot, this, this.i18n.t.bind(this.i18n), shown);
  }

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

  /** Whether the element needs its parts with no call to show: an attribute that opts into one of them. */
  protected wantsParts(): boolean {
    return this.wrapUp;
  }

  /**
   * Waits, beyond Lit's own update, for the parts and the wrap-up a render asked for (so `await el.updateComplete`
   * sees them, and what the wrap-up reports of the element's `dispositions`).
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    for (;;) {
      const pending = (!this.parts && this.#partsDownload) || this.#wrapUpDownload;
      if (!pending) return complete;
      await pending;
      complete = await super.getUpdateComplete();
    }
  }

  /**
   * Starts downloading the parts without waiting for them (the page's first call: they come with the code of
   * calls, so that the call's controls are there when it starts). A failed download is tried again when needed.
   */
  protected prefetchParts(): void {
    loadParts().catch(() => undefined);
  }

  #fetchParts(): void {
    const shown = this.view.snapshot?.sessionId ?? '';
    if (this.#partsDownload || this.#partsFailedFor === shown) return;
    this.#partsDownload = loadParts().then(
      (parts) => {
        this.parts = parts;
        this.#partsDownload = undefined;
        this.requestUpdate();
      },
      (error: unknown) => {
        this.#partsDownload = undefined;
        this.#partsFailedFor = shown;
        this.reportError(new CallElementsError('load-failed', { cause: error }));
      },
    );
  }

  #addStylesOnce(styles: CSSResult): void {
    if (this.#addedStyles.has(styles) || !(this.renderRoot instanceof ShadowRoot)) return;
    this.#addedStyles.add(styles);
    addStyles(this.renderRoot, [styles]);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.parts ??= loadParts.value;
    if (!this.parts && (this.view.snapshot || this.wantsParts())) this.#fetchParts();
    if (this.parts) this.#addStylesOnce(this.parts.partsStyles);
    // The wrap-up's code is not part of the page before the first call: it downloads once `wrap-up` is set,
    // long before a call of this element can end.
    if (this.wrapUp && !this.#wrapUpPart && !this.#wrapUpDownload) this.#fetchWrapUp();
    if (changed.has('dispositions')) this.#wrapUpPart?.checkDispositions();
  }

  /**
   * Opens the dial pad and the wrap-up over the page (popovers: they push nothing down); CSS anchors them
   * to the dial pad's toggle and to the element. Focus goes into a wrap-up that just opened.
   */
  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Without the Popover API (engines before 2024) the panels show in the flow instead.
    for (const panel of this.renderRoot.querySelectorAll<HTMLElement>("[part~='keypad'], [part~='wrap-up']")) {
      if ('showPopover' in panel && !panel.matches(':popover-open')) panel.showPopover();
    }
    this.#wrapUpPart?.focusField(this.renderRoot);
  }

  #fetchWrapUp(): void {
    this.#wrapUpDownload = loadWrapUp().then(
      (module) => {
        this.#addStylesOnce(module.wrapUpStyles);
        const part = new module.WrapUp({
          element: this,
          t: (key, params) => this.i18n.t(key, params),
          options: () => ({ wrapUp: this.wrapUp, rate: this.rateCall, dispositions: this.dispositions }),
          invalid: (detail) => this.reportError(new CallElementsError('invalid-options', { params: { detail } })),
          engine: () => pageRuntime().engine(),
          nameOf: (snapshot) => this.otherPartyName(snapshot),
          focusNext: (target) => (this.view.focusTarget = target),
          announce: (key) => this.view.announce(key),
          saved: (detail) => this.emit<'call-wrap-up'>(new CallWrapUpEvent(detail)),
          fail: (error) => {
            const problem = toCallElementsError(error);
            this.reportError(problem);
            return problem.localizedMessage(this.i18n.locale);
          },
          requestUpdate: () => this.requestUpdate(),
        });
        this.#wrapUpPart = part;
        this.#wrapUpDownload = undefined;
        part.checkDispositions();
        // A call that ended while the code downloaded opens its form now.
        const ended = this.#endedBeforeWrapUp;
        this.#endedBeforeWrapUp = undefined;
        if (ended) part.follow(ended, false, true);
        this.requestUpdate();
      },
      (error: unknown) => {
        this.#wrapUpDownload = undefined;
        this.reportError(new CallElementsError('load-failed', { cause: error }));
      },
    );
  }

  /**
   * Follows the shown call for the wrap-up (LiveCallView's onChange, at every change): its end opens the
   * form once the record is captured; a new call closes a form left open, saving nothing.
   */
  protected followForWrapUp(snapshot: CallSnapshot | undefined): void {
    if (!snapshot) return;
    const active = ACTIVE_STATES.has(snapshot.state);
    const before = this.#followed?.sessionId === snapshot.sessionId ? this.#followed : undefined;
    this.#followed = { sessionId: snapshot.sessionId, active };
    const ended = !active && !!before?.active;
    if (this.#wrapUpPart) this.#wrapUpPart.follow(snapshot, active, ended);
    else if (ended) this.#endedBeforeWrapUp = snapshot;
    else if (this.#endedBeforeWrapUp?.sessionId !== snapshot.sessionId) this.#endedBeforeWrapUp = undefined;
  }

  /** How the element names the other party of `snapshot` (announcements, the wrap-up form). */
  protected abstract otherPartyName(snapshot: CallSnapshot): string;

  /** The wrap-up form's template, while one is open. */
  protected renderWrapUp(): unknown {
    return this.#wrapUpPart?.render();
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
      seconds: durationOf(snapshot),
      hangupIcon: () => iconElement(HANGUP_PATH),
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
