import type { PropertyDeclarations, PropertyValues } from '@lit/reactive-element';
import type { CallHandle, ReceiveCallOptions } from '../../calls/live-call.js';
import { pageRuntime } from '../../calls/page-runtime.js';
import { parsePhoneNumber } from '../../calls/phone-number.js';
import type { CallEngine } from '../../calls/engine-types.js';
import { CallElementsError, toCallElementsError } from '../../internal/errors.js';
import { StoreController } from '../../internal/store-controller.js';
import { $providers } from '../../providers/registry.js';
import type { ProviderAvailability, ProviderCapability, ReceptionState } from '../../providers/types.js';
import { ACTIVE_STATES, isCallActive, type CallSnapshot, type CallState } from '../../store/call.js';
import { otherParty } from '../shared/call-display.js';
import { primaryAction, primaryLabels, statusText } from '../shared/call-actions.js';
import { CallViewElement, type CallView } from '../shared/call-view-element.js';
import type { IncomingPrompts } from '../shared/incoming-prompts.js';
import { LiveCallView } from '../shared/live-call-view.js';
import { styles } from './call-button.styles.js';

/** What a receive-only button says, by whether its provider's calls reach the page. */
const RECEPTION_TEXT = {
  off: 'state.listening',
  ready: 'state.listening',
  connecting: 'state.receptionConnecting',
  offline: 'state.receptionOffline',
} as const;

const loadFailed = (error: unknown) => new CallElementsError('load-failed', { cause: error });

/** The number as E.164, or undefined when it is not a number. */
function e164(number: string): string | undefined {
  try {
    return parsePhoneNumber(number);
  } catch {
    return undefined;
  }
}

/**
 * A button that calls one phone number through a provider (demo, Twilio, Aircall...), shows the
 * call's progress and a running timer, and reports the finished call as a CallRecord.
 *
 * @summary Places and ends a phone call; announces its progress to screen readers.
 * @tagname call-button
 *
 * @attr provider - Name of the provider that places the call: `demo` (built in), or one registered with `configure({ providers })`. Default `demo`.
 * @attr number - The number to call, in E.164 (`+33123456789`); spaces, dots and dashes are tolerated.
 * @attr display-name - Who is called, shown on the button and stored in the record (property `displayName`).
 * @attr agent-id - The agent placing the call, stored in the record (property `agentId`).
 * @attr lead-id - The lead (prospect) called, stored in the record (property `leadId`).
 * @attr request-id - The request (case, ticket) the call is about, stored in the record (property `requestId`).
 * @attr organization-id - Organisation whose provider configuration applies (Aircall; property `organizationId`).
 * @attr country-code - Country of the organisation's provider configuration (Aircall), ISO 3166-1 alpha-2 (property `countryCode`).
 * @attr storage-url - Base URL of the host's backend implementing the HTTP contract, when the page does not call `configure({ storage })` (property `storageUrl`).
 * @attr token-url - Where the Twilio provider gets its access token, with `provider="twilio"` and no Twilio provider configured (property `tokenUrl`).
 * @attr user-id - The user placing calls, when the page does not call `configure({ identity })` (property `userId`).
 * @attr accept-incoming - Boolean: takes incoming calls of this provider (property `acceptIncoming`).
 * @attr away - Boolean, reflected, with `accept-incoming`: the agent is away; the button takes no calls until it is removed (property `away`).
 * @attr availability-toggle - Boolean, with `accept-incoming` and no `number`: an "Available" toggle button (pressed while available) that sets `away` (property `availabilityToggle`).
 * @attr notify-incoming - Boolean, with `accept-incoming`: a system notification and a flashing tab title while its call rings in a background tab (property `notifyIncoming`).
 * @attr dialler - Boolean: a number field where the agent types the number to call (checked as `number` is, the reason shown live); Enter places the call. `number` is its initial value.
 * @attr wrap-up - Boolean: after each call this element shows ends, a wrap-up form (outcome and note) saved into the same record (`disposition`, `notes`) and as a `note` action; Skip or Escape saves nothing; a new call closes it (property `wrapUp`).
 * @attr rate-call - Boolean, with `wrap-up`: the form also asks for a 1–5 rating of the call's sound and what was wrong, kept in the record's metrics and sent to the provider (Twilio Insights with `feedbackWindowMs`) (property `rateCall`).
 * @attr dispositions - The outcomes offered at wrap-up: a JSON array of values or `{ "value", "label" }` objects, or a comma-separated list (`interested, call back`). Values are 1 to 100 characters.
 * @attr disabled - Boolean: prevents placing calls; a call in progress can always be hung up.
 * @attr state - Reflected, read-only: where the call is (idle, connecting, ringing, incoming, connected, reconnecting, ended, failed). For styling; setting it has no effect.
 * @attr size - `small`, `medium` (default) or `large`: scales type, spacing and the controls, relative to the page's font size. Reflected.
 * @attr theme - `light` or `dark`; `auto` follows the system (`prefers-color-scheme`); without it, the page's `color-scheme` decides (light unless the page declares dark). Reflected.
 * @attr unavailable - Reflected, read-only boolean: the provider says this button cannot be used here (e.g. Aircall turned off for the organisation). For styling.
 *
 * @event {CallStartEvent} call-start - A call was placed, or one is coming in (`accept-incoming`). Detail: `{ provider, direction, to?, from?, displayName?, agentId?, leadId?, requestId? }`.
 * @event {CallConnectEvent} call-connect - The remote party answered. Detail: `{ provider, callSid, to?, from? }`.
 * @event {CallEndEvent} call-end - The call ended, exactly once. Detail: the finished `CallRecord`.
 * @event {CallErrorEvent} call-error - Something went wrong (invalid number, provider error...). Detail: `{ code, message, provider? }`.
 * @event {CallStoredEvent} call-stored - The storage backend confirmed the call's record. Detail: `{ id }`.
 * @event {CallWrapUpEvent} call-wrap-up - The agent saved the wrap-up; the record with it is on its way through the queue. Detail: `{ id, disposition?, notes? }`.
 *
 * @slot - Replaces the label of the call button (default: "Call {display-name}").
 *
 * @csspart base - The wrapper of everything.
 * @csspart contact - Name and number.
 * @csspart name - The display name.
 * @csspart number - The phone number.
 * @csspart call-button - The button that places the call.
 * @csspart hangup-button - The button that ends the call.
 * @csspart mute-button - The mute toggle (when the provider can mute).
 * @csspart status - The current state in words.
 * @csspart availability-button - The "Available" toggle (`availability-toggle`), `aria-pressed` while available.
 * @csspart sound-button - "Enable sound", with `notify-incoming` (or `configure({ notifyIncoming })`), while the browser blocks sound until a click (calls would ring silently).
 * @csspart alerts-button - "Turn on call alerts", with `notify-incoming` until the agent answered the browser's question.
 * @csspart timer - The running call duration.
 * @csspart reason - Why the button is disabled, when it is.
 * @csspart failure - Why the last call failed (e.g. "Could not get a calling token from the server: HTTP 404"), until the next call.
 * @csspart answer-button - Answers an incoming call (with `accept-incoming`).
 * @csspart decline-button - Declines an incoming call.
 * @csspart keypad-button - Opens and closes the dial pad (when the provider can send tones).
 * @csspart keypad - The dial pad, a popover over the page next to its toggle (Escape or its close button closes it and gives focus back to the toggle).
 * @csspart keypad-close - The dial pad's close button.
 * @csspart keypad-display - The tones sent during the call, at the top of the dial pad.
 * @csspart key - One key of the dial pad.
 * @csspart quality - The poor-connection indicator (the provider reported quality warnings).
 * @csspart dialler - The number field, with `dialler`.
 * @csspart wrap-up - The wrap-up form, a popover under the element once a call ended (with `wrap-up`).
 * @csspart wrap-up-outcome - The outcome's select (when the host gave dispositions).
 * @csspart wrap-up-notes - The note's text area.
 * @csspart wrap-up-rating - The call quality rating (`rate-call`): five radio buttons and the sound problem.
 * @csspart wrap-up-issue - The sound problem's select.
 * @csspart wrap-up-error - Why saving the wrap-up failed.
 * @csspart wrap-up-save - Saves the wrap-up.
 * @csspart wrap-up-skip - Closes the wrap-up, saving nothing.
 *
 * @cssproperty --call-button-accent - Background of the call button. Default `var(--call-color-accent)`, else `#0b6bcb` (dark: `#7ab4f5`).
 * @cssproperty --call-button-accent-text - Text colour on the call button. Default `var(--call-color-on-accent)`, else `#ffffff` (dark: `#0d1b2a`).
 * @cssproperty --call-button-danger - Background of the hang-up button. Default `var(--call-color-danger)`, else `#c62828` (dark: `#ff8a80`).
 * @cssproperty --call-button-danger-text - Text colour on the hang-up button. Default `var(--call-color-on-danger)`, else `#ffffff` (dark: `#2b0a08`).
 * @cssproperty --call-button-text - Text colour. Default `var(--call-color-text)`, else `#1d2430` (dark: `#e6e9ef`).
 * @cssproperty --call-button-muted-text - Colour of the number, status and reason. Default `var(--call-color-text-muted)`, else `#555f6d` (dark: `#a9b1bd`).
 * @cssproperty --call-button-radius - Corner radius of the buttons. Default `var(--call-radius, var(--call-radius-md, 0.5em))`.
 * @cssproperty --call-button-gap - Space between parts. Default `var(--call-space, var(--call-space-2, 0.5em))`.
 * @cssproperty --call-button-font - Font shorthand. Default `var(--call-font, 1em/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif)`: the system's interface font at the size the page gives, not the page's own font (set `--call-font: inherit` to use it).
 * @cssproperty --call-button-warning - Colour of the poor-connection indicator. Default `var(--call-color-warning)`, else `#8a5a00` (dark: `#f0b44c`).
 * @cssproperty --call-button-surface - Background of the element and of the dial pad; text on the pressed Mute button. Default `var(--call-color-surface)`, else `#ffffff` (dark: `#1b1f27`).
 * @cssproperty --call-button-width - Width of the element (at most its container's): its slots stay put inside it. Default `22em`.
 */
export class CallButton extends CallViewElement {
  static override styles = styles;

  static override properties: PropertyDeclarations = {
    provider: { reflect: true },
    number: {},
    displayName: { attribute: 'display-name' },
    agentId: { attribute: 'agent-id' },
    leadId: { attribute: 'lead-id' },
    requestId: { attribute: 'request-id' },
    organizationId: { attribute: 'organization-id' },
    countryCode: { attribute: 'country-code' },
    storageUrl: { attribute: 'storage-url' },
    tokenUrl: { attribute: 'token-url' },
    userId: { attribute: 'user-id' },
    dialler: { type: Boolean },
    typed: { state: true },
    acceptIncoming: { type: Boolean, attribute: 'accept-incoming' },
    notifyIncoming: { type: Boolean, attribute: 'notify-incoming' },
    away: { type: Boolean, reflect: true },
    availabilityToggle: { type: Boolean, attribute: 'availability-toggle' },
    disabled: { type: Boolean, reflect: true },
    callState: { reflect: true, attribute: 'state' },
    isUnavailable: { type: Boolean, reflect: true, attribute: 'unavailable' },
    availability: { state: true },
    preparing: { state: true },
    reception: { state: true },
  };

  /** Name of the provider that places the call: "demo" (built in), or one registered with `configure({ providers })`. */
  provider = 'demo';

  /** The number to call, in E.164 (`+33123456789`); spaces, dots and dashes are tolerated. */
  number = '';

  /** Who is called, shown on the button and stored in the record. */
  displayName = '';

  /** The agent placing the call, stored in the record. */
  agentId = '';

  /** The lead (prospect) called, stored in the record. */
  leadId = '';

  /** The request (case, ticket) the call is about, stored in the record. */
  requestId = '';

  /** Organisation whose provider configuration applies (Aircall). */
  organizationId = '';

  /** Country of the organisation's provider configuration (Aircall), ISO 3166-1 alpha-2. */
  countryCode = '';

  /**
   * Base URL of the host's backend implementing the HTTP contract (HTML-only configuration). Ignored
   * when the page calls `configure({ storage })`. Without either, calls are kept in IndexedDB.
   */
  storageUrl = '';

  /**
   * Where the Twilio provider gets its access token (HTML-only configuration): with
   * `provider="twilio"` and no Twilio provider configured, the button sets one up with this URL.
   */
  tokenUrl = '';

  /** The user placing calls (HTML-only configuration); otherwise `configure({ identity })` is asked. */
  userId = '';

  /**
   * Takes incoming calls of this provider (when it can receive them and the organisation allows it):
   * the button rings, announces the caller, and offers Answer and Decline. With several such buttons
   * on a page, the first one connected takes the call. Without a `number`, the button only receives.
   */
  acceptIncoming = false;

  /**
   * With `accept-incoming`: while one of its calls rings in a background tab, a system notification and
   * a flashing tab title. Until the agent has answered the browser's question, a "Turn on call alerts"
   * button asks it (a click is needed; nothing is asked at load).
   */
  notifyIncoming = false;

  /** With `accept-incoming`: the agent is away, and the button takes no calls (the provider stops listening when no one else does). */
  away = false;

  /** With `accept-incoming` and no `number`: an "Available" toggle button that sets `away`. */
  availabilityToggle = false;

  /** Prevents placing calls. A call in progress can always be hung up. */
  disabled = false;

  /**
   * A free-form dialler: the agent types the number to call (checked as `number` is, the reason shown
   * live), for calls outside the host's leads; Enter or the button places the call, with the same record,
   * permissions and events. `number`, when set, is its initial value.
   */
  dialler = false;

  /** What the agent typed in the dialler. */
  private typed = '';

  /**
   * Where the call is: idle, connecting, ringing, incoming, connected, reconnecting, ended or failed.
   * Reflected as the `state` attribute for styling (`call-button[state='connected']`). Read-only.
   */
  get state(): CallState {
    return this.callState;
  }

  /**
   * True while the provider says this button cannot be used here and should not be shown (e.g.
   * Aircall turned off for the organisation). Reflected as the `unavailable` attribute for styling. Read-only.
   */
  get unavailable(): boolean {
    return this.isUnavailable;
  }

  // The reactive, reflected fields behind the read-only `state` and `unavailable`.
  private callState: CallState = 'idle';
  private isUnavailable = false;

  private availability: ProviderAvailability = {};
  /** "Enable sound" and "Turn on call alerts" (with the parts, once the button takes calls with the host's consent to alert). */
  #prompts?: IncomingPrompts;
  /** Whether the provider's incoming calls reach the page (a receive-only button says so). */
  private reception: ReceptionState = 'off';
  /** The first call of the page waits for the code of calls to download (a moment): no second click meanwhile. */
  private preparing = false;

  readonly #providersStore = new StoreController(this, $providers);
  /** The session this button placed last: it shows that call wherever its number now is. */
  #ownSession?: string;
  protected readonly view = new LiveCallView(this, this.i18n, {
    matches: (snapshot, call) => snapshot.sessionId === this.#ownSession || (!!call && call.owner === this) || this.#isSameCall(snapshot),
    nameOf: (snapshot) => this.otherPartyName(snapshot),
    onChange: (snapshot) => {
      this.callState = snapshot?.state ?? 'idle';
      this.followForWrapUp(snapshot);
    },
  });
  #watched?: { key: string; stop: () => void };
  #listening?: { key: string; stop: () => void };

  /** The number this button calls: the dialler's, or `number`. */
  get #target(): string {
    return this.dialler ? this.typed : this.number;
  }

  protected otherPartyName(snapshot: CallSnapshot): string {
    return snapshot.direction === 'inbound' ? snapshot.displayName || snapshot.from || this.i18n.t('caller.unknown') : this.displayName || snapshot.to || this.#target;
  }

  /** Places the call, as a click on the button does. Problems are reported as `call-error`, never thrown. */
  call(): void {
    if (this.view.active || this.preparing) return;
    const problem = this.#blockingProblem();
    if (problem) {
      this.reportError(problem);
      // The dialler's Enter has no disabled button to say why: the reason is spoken.
      if (this.dialler) {
        this.view.announcement = problem.localizedMessage(this.i18n.locale);
        this.requestUpdate();
      }
      return;
    }
    const hadFocus = this.matches(':focus-within');
    const engine = pageRuntime().engineForCall();
    if (engine) {
      this.#place(engine, hadFocus);
      return;
    }
    // The page's first call: the code of calls downloads first (and a storage-url is checked), then the
    // same checks run again.
    this.preparing = true;
    this.prefetchParts();
    this.view.announce('announce.connecting', { name: this.displayName || this.#target });
    pageRuntime()
      .loadEngine()
      .then(
        (loaded) => {
          if (!this.preparing) return;
          this.preparing = false;
          const late = this.#blockingProblem();
          if (late) this.reportError(late);
          else this.#place(loaded, hadFocus || this.matches(':focus-within'));
        },
        (error: unknown) => {
          if (!this.preparing) return;
          this.preparing = false;
          this.view.announcement = '';
          this.reportError(loadFailed(error));
        },
      );
  }

  #place(engine: CallEngine, hadFocus: boolean): void {
    this.#applyStorageUrl();
    let placed: CallHandle;
    try {
      placed = engine.placeCall(
        {
          provider: this.provider,
          number: this.#target,
          displayName: this.displayName,
          agentId: this.agentId,
          leadId: this.leadId,
          requestId: this.requestId,
          userId: this.userId,
          params: this.#providerParams(),
        },
        this,
      );
    } catch (error) {
      this.reportError(toCallElementsError(error));
      return;
    }
    this.#ownSession = placed.session.id;
    this.keypadOpen = false;
    this.view.refresh();
    if (hadFocus) this.view.focusTarget = 'hangup';
  }

  /** @internal The context an incoming call's record gets (this button receives incoming calls). */
  incomingContext(): ReceiveCallOptions {
    return { agentId: this.agentId, userId: this.userId, ...(this.notifyIncoming && { notifyIncoming: true }) };
  }

  /** Ends the call, as a click on the hang-up button does (also a first call still downloading). Does nothing when no call is in progress. */
  override hangup(): void {
    this.preparing = false;
    super.hangup();
  }

  protected providerName(): string {
    return this.provider;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#applyStorageUrl();
    pageRuntime().resume();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.preparing = false;
    this.#watched?.stop();
    this.#watched = undefined;
    this.#listening?.stop();
    this.#listening = undefined;
    this.#followSound();
  }

  /** With `dialler` or `accept-incoming`, the parts that show them download with the element. */
  protected override wantsParts(): boolean {
    return super.wantsParts() || this.dialler || this.acceptIncoming;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('number') && this.dialler && !this.typed) this.typed = this.number;
    this.#followProvider();
    this.#followSound();
    this.callState = this.view.snapshot?.state ?? 'idle';
    if (!this.view.active) this.keypadOpen = false;
  }

  /** Whether the live call is the one this button would place: same provider, same other party. */
  #isSameCall(snapshot: CallSnapshot): boolean {
    const number = this.#target.trim() && e164(this.#target);
    return !!number && otherParty(snapshot) === number && pageRuntime().providers.get(this.provider)?.name === snapshot.provider;
  }

  /**
   * Subscribes to the provider's availability for this button's context, and listens for incoming
   * calls when asked to; both follow changes of provider, organisation and registered providers.
   */
  #followProvider(): void {
    const runtime = pageRuntime();
    const params = this.#providerParams() ?? {};
    const provider = runtime.providers.get(this.provider);
    const version = this.#providersStore.value;
    // Runs before every render (the timer re-renders each second): only a change of context does work.
    const watchKey = `${this.provider}|${version}|${params.organizationId ?? ''}|${params.countryCode ?? ''}|${this.tokenUrl}`;
    if (this.#watched?.key !== watchKey) {
      this.#watched?.stop();
      if (!provider) {
        runtime.providers
          .ensureBuiltIn(this.provider, { tokenUrl: this.tokenUrl || undefined })
          ?.catch((error: unknown) => this.reportError(toCallElementsError(error, 'invalid-options')));
      }
      const store = provider?.availability?.(params);
      if (store) {
        const stop = store.subscribe((availability) => {
          this.availability = availability;
          this.isUnavailable = !!availability.hidden;
        });
        this.#watched = { key: watchKey, stop };
      } else {
        this.availability = {};
        this.isUnavailable = false;
        this.#watched = { key: watchKey, stop: () => {} };
      }
    }
    const wantsIncoming = this.acceptIncoming && !this.away && !!provider?.listen && this.#allows('inbound');
    const listenKey = wantsIncoming ? `${this.provider}|${version}|${this.notifyIncoming || pageRuntime().notifyIncoming}` : '';
    if ((this.#listening?.key ?? '') !== listenKey) {
      this.#listening?.stop();
      this.reception = 'off';
      if (wantsIncoming) {
        const stopListening = this.#listen();
        const stopReception = provider?.reception?.subscribe((state) => (this.reception = state));
        this.#listening = { key: listenKey, stop: () => (stopListening(), stopReception?.()) };
      } else this.#listening = undefined;
    }
  }

  /**
   * While the button takes calls with the host's consent to alert the agent (`notify-incoming`, or
   * `configure({ notifyIncoming })`), whether the browser would keep them silent ("Enable sound").
   */
  #followSound(): void {
    const consent = this.isConnected && !!this.#listening && (this.notifyIncoming || pageRuntime().notifyIncoming);
    if (this.parts && this.acceptIncoming) {
      this.#prompts ??= new this.parts.IncomingPrompts({
        requestUpdate: () => this.requestUpdate(),
        whenUpdated: () => this.updateComplete,
        focusStatus: () => this.renderRoot.querySelector<HTMLElement>('[part~="status"]')?.focus(),
      });
    }
    this.#prompts?.follow(consent);
  }

  /** Receives the provider's calls once the engine is there; returns the function that stops. */
  #listen(): () => void {
    let stop: (() => void) | undefined;
    let cancelled = false;
    pageRuntime()
      .loadEngine()
      .then(
        (engine) => {
          if (!cancelled) stop = engine.listen(this.provider, this);
        },
        (error: unknown) => {
          if (!cancelled) this.reportError(loadFailed(error));
        },
      );
    return () => {
      cancelled = true;
      stop?.();
    };
  }

  /** Whether the provider can do this, here (its capabilities, narrowed by the context's availability). */
  #allows(capability: ProviderCapability): boolean {
    const provider = pageRuntime().providers.get(this.provider);
    if (!provider?.capabilities.has(capability)) return false;
    return this.availability.capabilities ? this.availability.capabilities.has(capability) : true;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('storageUrl') && changed.get('storageUrl') !== undefined) this.#applyStorageUrl();
    const target = this.view.focusTarget;
    if (target) {
      this.view.focusTarget = undefined;
      const button = this.renderRoot.querySelector<HTMLButtonElement>(`[part~='${target}-button']`);
      // A receive-only button has no call button to go back to: its status (which says how the call ended)
      // takes focus rather than the page's body.
      if (button) button.focus();
      else this.renderRoot.querySelector<HTMLElement>("[part~='status']")?.focus();
    }
  }

  #applyStorageUrl(): void {
    if (this.storageUrl) void pageRuntime().useStorageUrl(this.storageUrl).then((problem) => problem && this.reportError(problem));
  }

  #providerParams(): Record<string, string> | undefined {
    const params: Record<string, string> = {};
    if (this.organizationId) params.organizationId = this.organizationId;
    if (this.countryCode) params.countryCode = this.countryCode;
    return Object.keys(params).length ? params : undefined;
  }

  /** Why a call cannot be placed right now, or undefined. Shown next to the button. */
  #blockingProblem(): CallElementsError | undefined {
    if (this.disabled) return new CallElementsError('call-disabled');
    if (this.availability.problem) return this.availability.problem;
    try {
      parsePhoneNumber(this.#target);
    } catch (error) {
      return toCallElementsError(error);
    }
    const shown = this.view.snapshot;
    if (!shown && isCallActive(this.view.liveSnapshot)) return new CallElementsError('call-in-progress');
    return undefined;
  }


  protected readonly frameOptions = { statusId: 'status', regionsOutside: false };

  protected describe(): CallView {
    const snapshot = this.view.snapshot;
    const active = ACTIVE_STATES.has(this.state);
    const hidden = !!this.availability.hidden && !active;
    const t = this.i18n.t.bind(this.i18n);
    // A button with accept-incoming and no number only receives calls: no call button, no complaint.
    const receiveOnly = this.acceptIncoming && !this.dialler && !this.number.trim();
    const problem = active || receiveOnly ? undefined : this.#blockingProblem();
    const reason = problem?.localizedMessage(this.i18n.locale);
    const waiting = !active && !problem && !!this.availability.loading;
    const name = this.displayName;
    const inbound = active && snapshot?.direction === 'inbound';
    const ctx =
      snapshot &&
      this.controlsContext(snapshot, {
        name: this.otherPartyName(snapshot),
        named: snapshot.direction === 'inbound' ? !!snapshot.displayName : !!this.displayName,
        canMute: this.#allows('mute'),
        canDial: this.#allows('dtmf'),
      });
    // Who calls: the number, and the name the host's lookupCaller gave.
    const caller = inbound ? { name: snapshot.displayName, number: snapshot.from } : undefined;
    const showsCaller = !!(caller?.name || caller?.number);
    const status = this.preparing
      ? t('state.connecting')
      : snapshot
        ? statusText(t, snapshot)
        : receiveOnly
          ? t(this.away ? 'state.away' : RECEPTION_TEXT[this.reception])
          : t('state.idle');
    const callLabel = name ? t('button.callName', { name }) : t('button.call');
    const parts = this.parts;
    const secondary = active && !!ctx && !!parts?.hasSecondaryActions(ctx);
    const dialler = this.dialler && !showsCaller;

    // Fixed slots (contact, primary action, secondary actions, status line): nothing moves from one state to the next.
    return {
      frame: {
        hidden,
        contact: showsCaller ? caller! : dialler ? {} : { name: name || undefined, number: this.number || undefined },
        action:
          active && ctx
            ? primaryAction(ctx)
            : receiveOnly
              ? undefined
              : {
                  part: 'call-button',
                  look: 'call',
                  label: callLabel,
                  slotted: true,
                  disabled: !!problem || waiting,
                  busy: this.preparing,
                  describedBy: problem ? 'reason' : ctx?.failure ? 'status failure' : 'status',
                  press: () => this.call(),
                },
        sizer: primaryLabels(t, receiveOnly ? undefined : callLabel),
        reason,
        status,
        wide: !secondary,
        announcement: this.view.announcement,
        alert: this.view.alert,
      },
      parts: {
        dialler: dialler
          ? {
              t,
              value: this.typed,
              active,
              problem: !!problem,
              invalid: problem?.code === 'number-invalid',
              input: (value) => (this.typed = value),
              call: () => this.call(),
            }
          : undefined,
        availability: !(active && ctx) && receiveOnly && this.availabilityToggle ? { away: this.away, toggle: () => (this.away = !this.away) } : undefined,
        call: reason ? undefined : ctx,
        actions: secondary,
        prompts:
          !reason && this.acceptIncoming && !active ? this.#prompts?.context(t, { away: this.away, notify: this.notifyIncoming }) : undefined,
        after: hidden ? undefined : this.renderWrapUp(),
      },
    };
  }
}
