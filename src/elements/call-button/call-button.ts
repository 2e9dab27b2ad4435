import { html, nothing, svg, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { listenWhenLoaded, loadedPipeline, loadPipeline } from '../../calls/lazy.js';
import { useStorageUrl } from '../../calls/persist-settings.js';
import { parsePhoneNumber } from '../../calls/phone-number.js';
import type { Pipeline } from '../../calls/pipeline.js';
import type { PlacedCall, ReceiveCallOptions } from '../../calls/place-call.js';
import { resumePersistence } from '../../calls/resume.js';
import { CallConnectEvent, CallEndEvent, CallErrorEvent, CallStartEvent, CallStoredEvent } from '../../events/events.js';
import type { CallRecord } from '../../schema/call-record.js';
import { CallElementsBase } from '../../internal/base-element.js';
import { CallElementsError, isErrorCode, toCallElementsError } from '../../internal/errors.js';
import { StoreController } from '../../internal/store-controller.js';
import type { MessageKey } from '../../locales/en.js';
import { ensureBuiltInProvider } from '../../providers/built-in.js';
import { $providers, getProvider } from '../../providers/registry.js';
import type { ProviderAvailability, ProviderCapability, ProviderError, ProviderEvent } from '../../providers/types.js';
import { $call, ACTIVE_STATES, isCallActive, type CallState } from '../../store/call.js';
import { styles } from './call-button.styles.js';

const phoneIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.6a1 1 0 0 1-.25 1z"/></svg>`;
const hangupIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 9c-1.6 0-3.15.25-4.6.72v3.1a1 1 0 0 1-.56.9 11.5 11.5 0 0 0-2.66 1.85 1 1 0 0 1-1.41 0L.29 13.08a1 1 0 0 1 0-1.41A16.9 16.9 0 0 1 12 7c4.47 0 8.53 1.73 11.71 4.67a1 1 0 0 1 0 1.41l-2.48 2.48a1 1 0 0 1-1.41 0 11.3 11.3 0 0 0-2.67-1.85 1 1 0 0 1-.56-.9v-3.1A15 15 0 0 0 12 9z"/></svg>`;

const loadFailed = (error: unknown) => new CallElementsError('load-failed', { cause: error });

function formatClock(totalSeconds: number): string {
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const mm = String(minutes).padStart(2, '0');
  const ss = String(seconds).padStart(2, '0');
  return hours ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

/**
 * A button that calls one phone number through a provider (demo, Twilio, Aircall...), shows the
 * call's progress and a running timer, and reports the finished call as a CallRecord.
 *
 * @summary Places and ends a phone call; announces its progress to screen readers.
 * @tagname call-button
 *
 * @event {CallStartEvent} call-start - A call was placed, or one is coming in (`accept-incoming`). Detail: `{ provider, direction, to?, from?, displayName?, agentId?, leadId?, requestId? }`.
 * @event {CallConnectEvent} call-connect - The remote party answered. Detail: `{ provider, callSid, to?, from? }`.
 * @event {CallEndEvent} call-end - The call ended, exactly once. Detail: the finished `CallRecord`.
 * @event {CallErrorEvent} call-error - Something went wrong (invalid number, provider error...). Detail: `{ code, message, provider? }`.
 * @event {CallStoredEvent} call-stored - The storage backend confirmed the call's record. Detail: `{ id }`.
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
 * @csspart timer - The running call duration.
 * @csspart reason - Why the button is disabled, when it is.
 * @csspart answer-button - Answers an incoming call (with `accept-incoming`).
 * @csspart decline-button - Declines an incoming call.
 * @csspart keypad-button - Opens and closes the dial pad (when the provider can send tones).
 * @csspart keypad - The dial pad.
 * @csspart key - One key of the dial pad.
 * @csspart quality - The poor-connection indicator (the provider reported quality warnings).
 *
 * @cssproperty --call-button-accent - Background of the call button. Default `var(--call-color-accent, #0b6bcb)`.
 * @cssproperty --call-button-accent-text - Text colour on the call button. Default `var(--call-color-on-accent, #fff)`.
 * @cssproperty --call-button-danger - Background of the hang-up button. Default `var(--call-color-danger, #c62828)`.
 * @cssproperty --call-button-danger-text - Text colour on the hang-up button. Default `var(--call-color-on-danger, #fff)`.
 * @cssproperty --call-button-text - Text colour. Default `var(--call-color-text, #1d2430)`.
 * @cssproperty --call-button-muted-text - Colour of the number, status and reason. Default `var(--call-color-text-muted, #555f6d)`.
 * @cssproperty --call-button-radius - Corner radius of the buttons. Default `var(--call-radius, 0.5rem)`.
 * @cssproperty --call-button-gap - Space between parts. Default `var(--call-space, 0.5rem)`.
 * @cssproperty --call-button-font - Font shorthand. Default `var(--call-font, inherit)`.
 * @cssproperty --call-button-warning - Colour of the poor-connection indicator. Default `var(--call-color-warning, #8a5a00)`.
 */
export class CallButton extends CallElementsBase {
  static override styles = styles;

  /** Name of the provider that places the call: "demo" (built in), or one registered with `configure({ providers })`. */
  @property({ reflect: true }) provider = 'demo';

  /** The number to call, in E.164 (`+33123456789`); spaces, dots and dashes are tolerated. */
  @property() number = '';

  /** Who is called, shown on the button and stored in the record. */
  @property({ attribute: 'display-name' }) displayName = '';

  /** The agent placing the call, stored in the record. */
  @property({ attribute: 'agent-id' }) agentId = '';

  /** The lead (prospect) called, stored in the record. */
  @property({ attribute: 'lead-id' }) leadId = '';

  /** The request (case, ticket) the call is about, stored in the record. */
  @property({ attribute: 'request-id' }) requestId = '';

  /** Organisation whose provider configuration applies (Aircall). */
  @property({ attribute: 'organization-id' }) organizationId = '';

  /** Country of the organisation's provider configuration (Aircall), ISO 3166-1 alpha-2. */
  @property({ attribute: 'country-code' }) countryCode = '';

  /**
   * Base URL of the host's backend implementing the HTTP contract (HTML-only configuration). Ignored
   * when the page calls `configure({ storage })`. Without either, calls are kept in IndexedDB.
   */
  @property({ attribute: 'storage-url' }) storageUrl = '';

  /**
   * Where the Twilio provider gets its access token (HTML-only configuration): with
   * `provider="twilio"` and no Twilio provider configured, the button sets one up with this URL.
   */
  @property({ attribute: 'token-url' }) tokenUrl = '';

  /** The user placing calls (HTML-only configuration); otherwise `configure({ identity })` is asked. */
  @property({ attribute: 'user-id' }) userId = '';

  /**
   * Takes incoming calls of this provider (when it can receive them and the organisation allows it):
   * the button rings, announces the caller, and offers Answer and Decline. With several such buttons
   * on a page, the first one connected takes the call. Without a `number`, the button only receives.
   */
  @property({ type: Boolean, attribute: 'accept-incoming' }) acceptIncoming = false;

  /** Prevents placing calls. A call in progress can always be hung up. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /**
   * Where the call is: idle, connecting, ringing, incoming, connected, reconnecting, ended or failed.
   * Reflected as an attribute for styling (`call-button[state='connected']`). Read-only.
   */
  @property({ reflect: true }) state: CallState = 'idle';

  /**
   * True while the provider says this button cannot be used here and should not be shown (e.g.
   * Aircall turned off for the organisation). Reflected for styling. Read-only.
   */
  @property({ type: Boolean, reflect: true }) unavailable = false;

  @state() private announcement = '';
  @state() private alert = '';
  @state() private keypadOpen = false;
  @state() private availability: ProviderAvailability = {};
  /** The first call of the page waits for the code of calls to download (a moment): no second click meanwhile. */
  @state() private preparing = false;

  private readonly callStore = new StoreController(this, $call);
  private readonly providersStore = new StoreController(this, $providers);
  private current?: PlacedCall;
  private ticker?: ReturnType<typeof setInterval>;
  private focusAfterRender?: 'call' | 'hangup' | 'answer';
  private watched?: { key: string; stop: () => void };
  private listening?: { key: string; stop: () => void };

  /** Places the call, as a click on the button does. Problems are reported as `call-error`, never thrown. */
  call(): void {
    if (this.current?.session.isActive || this.preparing) return;
    const problem = this.blockingProblem();
    if (problem) {
      this.reportError(problem);
      return;
    }
    const hadFocus = this.matches(':focus-within');
    const pipeline = loadedPipeline();
    if (pipeline) {
      this.place(pipeline, hadFocus);
      return;
    }
    // The page's first call: the code of calls downloads first, then the same checks run again.
    this.preparing = true;
    this.announce('announce.connecting');
    loadPipeline().then(
      (loaded) => {
        if (!this.preparing) return;
        this.preparing = false;
        const late = this.blockingProblem();
        if (late) this.reportError(late);
        else this.place(loaded, hadFocus || this.matches(':focus-within'));
      },
      (error: unknown) => {
        if (!this.preparing) return;
        this.preparing = false;
        this.announcement = '';
        this.reportError(loadFailed(error));
      },
    );
  }

  private place(pipeline: Pipeline, hadFocus: boolean): void {
    let placed: PlacedCall;
    try {
      placed = pipeline.placeCall({
        provider: this.provider,
        number: this.number,
        displayName: this.displayName,
        agentId: this.agentId,
        leadId: this.leadId,
        requestId: this.requestId,
        userId: this.userId,
        params: this.providerParams(),
      });
    } catch (error) {
      this.reportError(toCallElementsError(error));
      return;
    }
    if (hadFocus) this.focusAfterRender = 'hangup';
    this.adopt(placed);
  }

  /** Shows a call (placed here or received) and reports its events and record. */
  private adopt(placed: PlacedCall): void {
    this.current = placed;
    this.keypadOpen = false;
    const { session } = placed;
    session.subscribe((_session, event) => this.onSessionEvent(placed, event));
    this.state = session.state;
    const inbound = session.direction === 'inbound';
    if (inbound) {
      const name = session.from ?? this.i18n.t('caller.unknown');
      this.alert = this.i18n.t('announce.incoming', { name });
    } else {
      this.announce('announce.connecting');
    }
    this.emit<'call-start'>(
      new CallStartEvent({
        provider: session.provider,
        direction: session.direction,
        ...(session.to && { to: session.to }),
        ...(session.from && { from: session.from }),
        ...(this.displayName && !inbound && { displayName: this.displayName }),
        ...(this.agentId && { agentId: this.agentId }),
        ...(this.leadId && !inbound && { leadId: this.leadId }),
        ...(this.requestId && !inbound && { requestId: this.requestId }),
      }),
    );
    placed.record.then(
      (record) => {
        placed.warnings.forEach((warning) => this.reportError(warning));
        this.emit<'call-end'>(new CallEndEvent(record));
        this.persist(record);
      },
      (error: unknown) => this.reportError(toCallElementsError(error, 'invalid-record')),
    );
  }

  /** @internal Called by the incoming-call pipeline: the context an incoming call's record gets. */
  incomingContext(): ReceiveCallOptions {
    return { agentId: this.agentId, userId: this.userId };
  }

  /** @internal Called by the incoming-call pipeline when a call comes in for this button. */
  adoptIncoming(call: PlacedCall): void {
    this.adopt(call);
  }

  /** Answers the incoming call, as a click on Answer does. */
  answer(): void {
    if (this.current?.session.state === 'incoming') this.current.accept();
  }

  /** Declines the incoming call, as a click on Decline does (recorded as `rejected`). */
  decline(): void {
    if (this.current?.session.state === 'incoming') this.current.reject();
  }

  /** Sends DTMF tones (digits, `*`, `#`, `w` for a pause) during a connected call. Problems are reported as `call-error`. */
  sendDigits(digits: string): void {
    try {
      this.current?.sendDigits(digits);
    } catch (error) {
      this.reportError(toCallElementsError(error, 'invalid-digits'));
    }
  }

  /** Ends the call, as a click on the hang-up button does. Does nothing when no call is in progress. */
  hangup(): void {
    this.preparing = false;
    this.current?.hangup();
  }

  /** Mutes or unmutes the microphone when the provider can. */
  mute(on: boolean): void {
    this.current?.mute(on);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.applyStorageUrl();
    resumePersistence();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.preparing = false;
    this.stopTicker();
    this.watched?.stop();
    this.watched = undefined;
    this.listening?.stop();
    this.listening = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.followProvider();
  }

  /**
   * Subscribes to the provider's availability for this button's context, and listens for incoming
   * calls when asked to; both follow changes of provider, organisation and registered providers.
   */
  private followProvider(): void {
    const params = this.providerParams() ?? {};
    const provider = getProvider(this.provider);
    const version = this.providersStore.value;
    // Runs before every render (the timer re-renders each second): only a change of context does work.
    const watchKey = `${this.provider}|${version}|${params.organizationId ?? ''}|${params.countryCode ?? ''}|${this.tokenUrl}`;
    if (this.watched?.key !== watchKey) {
      this.watched?.stop();
      if (!provider) {
        ensureBuiltInProvider(this.provider, { tokenUrl: this.tokenUrl || undefined })?.catch((error: unknown) =>
          this.reportError(toCallElementsError(error, 'invalid-options')),
        );
      }
      const store = provider?.availability?.(params);
      if (store) {
        const stop = store.subscribe((availability) => {
          this.availability = availability;
          this.unavailable = !!availability.hidden;
        });
        this.watched = { key: watchKey, stop };
      } else {
        this.availability = {};
        this.unavailable = false;
        this.watched = { key: watchKey, stop: () => {} };
      }
    }
    const wantsIncoming = this.acceptIncoming && !!provider?.listen && this.allows('inbound');
    const listenKey = wantsIncoming ? `${this.provider}|${version}` : '';
    if ((this.listening?.key ?? '') !== listenKey) {
      this.listening?.stop();
      this.listening = wantsIncoming
        ? { key: listenKey, stop: listenWhenLoaded(this.provider, this, (error) => this.reportError(loadFailed(error))) }
        : undefined;
    }
  }

  /** Whether the provider can do this, here (its capabilities, narrowed by the context's availability). */
  private allows(capability: ProviderCapability): boolean {
    const provider = getProvider(this.provider);
    if (!provider?.capabilities.has(capability)) return false;
    return this.availability.capabilities ? this.availability.capabilities.has(capability) : true;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('storageUrl') && changed.get('storageUrl') !== undefined) this.applyStorageUrl();
    if (this.focusAfterRender) {
      const part = `${this.focusAfterRender}-button`;
      this.renderRoot.querySelector<HTMLButtonElement>(`[part~='${part}']`)?.focus();
      this.focusAfterRender = undefined;
    }
  }

  /** Hands the record to the outbox; the call is over already and never waits for this. */
  private persist(record: CallRecord): void {
    this.applyStorageUrl();
    // The record was built by the pipeline, whose code is therefore there: this resolves at once.
    void loadPipeline().then(({ onCallStored, persistCall }) => {
      const stopListening = onCallStored((id) => {
        if (id !== record.id) return;
        stopListening();
        this.emit<'call-stored'>(new CallStoredEvent({ id }));
      });
      persistCall(record).catch((error: unknown) => {
        stopListening();
        this.reportError(toCallElementsError(error, 'invalid-record'));
      });
    }, (error: unknown) => this.reportError(loadFailed(error)));
  }

  private applyStorageUrl(): void {
    if (this.storageUrl && !useStorageUrl(this.storageUrl)) {
      this.reportError(new CallElementsError('invalid-options', { params: { detail: `storage-url "${this.storageUrl}" is not an http(s) URL` } }));
    }
  }

  private providerParams(): Record<string, string> | undefined {
    const params: Record<string, string> = {};
    if (this.organizationId) params.organizationId = this.organizationId;
    if (this.countryCode) params.countryCode = this.countryCode;
    return Object.keys(params).length ? params : undefined;
  }

  /** Why a call cannot be placed right now, or undefined. Shown next to the button. */
  private blockingProblem(): CallElementsError | undefined {
    if (this.disabled) return new CallElementsError('call-disabled');
    if (this.availability.problem) return this.availability.problem;
    try {
      parsePhoneNumber(this.number);
    } catch (error) {
      return toCallElementsError(error);
    }
    const live = this.callStore.value;
    if (isCallActive(live) && live!.sessionId !== this.current?.session.id) return new CallElementsError('call-in-progress');
    return undefined;
  }

  private onSessionEvent(placed: PlacedCall, event: ProviderEvent): void {
    if (this.current !== placed) return;
    const { session } = placed;
    const hadFocus = this.matches(':focus-within');
    const previous = this.state;
    this.state = session.state;
    if (hadFocus && previous !== session.state) {
      this.focusAfterRender = session.state === 'incoming' ? 'answer' : session.isActive ? 'hangup' : 'call';
    }

    if (session.state !== 'incoming') this.alert = '';
    switch (event.type) {
      case 'warning':
        if (session.warnings.size === 1) this.announce('announce.quality');
        else this.requestUpdate();
        break;
      case 'warning-cleared':
      case 'muted':
        this.requestUpdate();
        break;
      case 'ringing':
        this.announce('announce.ringing');
        break;
      case 'connected':
        this.startTicker();
        this.announce('announce.connected');
        this.emit<'call-connect'>(
          new CallConnectEvent({ provider: session.provider, callSid: session.ensureCallSid(), to: session.to, from: session.from }),
        );
        break;
      case 'reconnecting':
        this.announce('announce.reconnecting');
        break;
      case 'reconnected':
        this.announce('announce.connected');
        break;
      case 'ended':
        this.stopTicker();
        this.announce('announce.ended', {
          outcome: this.i18n.t(`status.${session.end!.status}` as MessageKey),
          duration: this.spokenDuration(session.durationSec),
        });
        break;
      case 'failed': {
        this.stopTicker();
        const error = this.providerError(session.end!.error!);
        this.announce('announce.failed', { message: error.localizedMessage(this.i18n.locale) });
        this.reportError(error);
        break;
      }
    }
  }

  /** Provider error codes the library knows keep their own message; others are wrapped as provider-failed. */
  private providerError(error: ProviderError): CallElementsError {
    if (isErrorCode(error.code)) return new CallElementsError(error.code, { params: error.params ?? { detail: error.message } });
    return new CallElementsError('provider-failed', { params: { detail: error.message } });
  }

  private reportError(error: CallElementsError): void {
    this.emit<'call-error'>(
      new CallErrorEvent({ code: error.code, message: error.localizedMessage(this.i18n.locale), provider: this.provider }),
    );
  }

  private announce(key: MessageKey, params: Record<string, unknown> = {}): void {
    const session = this.current?.session;
    const name =
      session?.direction === 'inbound'
        ? session.from ?? this.i18n.t('caller.unknown')
        : this.displayName || session?.to || this.number;
    this.announcement = this.i18n.t(key, { name, ...params });
  }

  private spokenDuration(total: number): string {
    return this.i18n.t('duration.short', { minutes: Math.floor(total / 60), seconds: total % 60 });
  }

  private startTicker(): void {
    this.stopTicker();
    this.ticker = setInterval(() => this.requestUpdate(), 1000);
  }

  private stopTicker(): void {
    if (this.ticker !== undefined) clearInterval(this.ticker);
    this.ticker = undefined;
  }

  private statusText(): string {
    const session = this.current?.session;
    if (session?.end && this.state === 'ended') return this.i18n.t(`status.${session.end.status}` as MessageKey);
    if (this.preparing) return this.i18n.t('state.connecting');
    if (this.state === 'idle' && this.acceptIncoming && !this.number.trim()) return this.i18n.t('state.listening');
    return this.i18n.t(`state.${this.state}` as MessageKey);
  }

  private renderTimer() {
    const session = this.current?.session;
    if (!session || session.answeredAt === undefined) return nothing;
    if (this.state !== 'connected' && this.state !== 'reconnecting' && this.state !== 'ended') return nothing;
    return html`<span part="timer" class="timer" role="timer" aria-label=${this.i18n.t('timer.label')}
      >${formatClock(session.durationSec)}</span
    >`;
  }

  private renderIncoming() {
    const t = this.i18n.t.bind(this.i18n);
    const name = this.current?.session.from ?? t('caller.unknown');
    return html`<button part="answer-button" class="call" type="button" aria-label=${t('button.answerName', { name })} @click=${() => this.answer()}>
        ${phoneIcon}<span>${t('button.answer')}</span>
      </button>
      <button part="decline-button" class="hangup" type="button" aria-label=${t('button.declineName', { name })} @click=${() => this.decline()}>
        ${hangupIcon}<span>${t('button.decline')}</span>
      </button>`;
  }

  private renderKeypad() {
    const t = this.i18n.t.bind(this.i18n);
    const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];
    return html`<button
        part="keypad-button"
        class="secondary"
        type="button"
        aria-expanded=${this.keypadOpen ? 'true' : 'false'}
        aria-controls="keypad"
        @click=${() => (this.keypadOpen = !this.keypadOpen)}
      >
        ${t('button.keypad')}
      </button>
      ${this.keypadOpen
        ? html`<div part="keypad" class="keypad" id="keypad" role="group" aria-label=${t('keypad.label')} @keydown=${this.onKeypadKey}>
            ${keys.map(
              (key) => html`<button part="key" class="key" type="button" aria-label=${t('keypad.key', { key })} @click=${() => this.sendDigits(key)}>
                ${key}
              </button>`,
            )}
          </div>`
        : nothing}`;
  }

  /** Typing a digit, * or # while the dial pad has focus sends it, as on a phone. */
  private onKeypadKey = (event: KeyboardEvent) => {
    if (!/^[0-9*#]$/.test(event.key) || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    this.sendDigits(event.key);
  };

  private renderQuality() {
    const warnings = this.current?.session.warnings;
    if (!warnings?.size || this.state !== 'connected') return nothing;
    return html`<span part="quality" class="quality" title=${this.i18n.t('quality.details', { warnings: [...warnings].join(', ') })}
      >${this.i18n.t('quality.poor')}</span
    >`;
  }

  protected override render() {
    if (this.availability.hidden && !ACTIVE_STATES.has(this.state)) return nothing;
    const t = this.i18n.t.bind(this.i18n);
    const active = ACTIVE_STATES.has(this.state);
    const incoming = this.state === 'incoming';
    // A button with accept-incoming and no number only receives calls: no call button, no complaint.
    const receiveOnly = this.acceptIncoming && !this.number.trim();
    const problem = active || receiveOnly ? undefined : this.blockingProblem();
    const reason = problem?.localizedMessage(this.i18n.locale);
    const waiting = !active && !problem && !!this.availability.loading;
    const name = this.displayName;
    const connected = this.state === 'connected';
    const canMute = connected && this.allows('mute');
    const canDial = connected && this.allows('dtmf');
    const muted = !!this.current?.session.muted;
    const inboundFrom = this.current?.session.direction === 'inbound' && active ? this.current.session.from : undefined;

    return html`
      <div part="base" class="base">
        <span part="contact" class="contact">
          ${inboundFrom
            ? html`<span part="number" class="number">${inboundFrom}</span>`
            : html`${name ? html`<span part="name" class="name">${name}</span>` : nothing}
              ${this.number ? html`<span part="number" class="number">${this.number}</span>` : nothing}`}
        </span>
        ${incoming
          ? this.renderIncoming()
          : active
            ? html`<button
                part="hangup-button"
                class="hangup"
                type="button"
                aria-label=${name && !inboundFrom ? t('button.hangupName', { name }) : t('button.hangup')}
                @click=${() => this.hangup()}
              >
                ${hangupIcon}<span>${t('button.hangup')}</span>
              </button>`
            : receiveOnly
              ? nothing
              : html`<button
                part="call-button"
                class="call"
                type="button"
                ?disabled=${!!problem || waiting}
                aria-disabled=${this.preparing ? 'true' : nothing}
                aria-describedby=${problem ? 'reason' : 'status'}
                @click=${() => this.call()}
              >
                ${phoneIcon}<span><slot>${name ? t('button.callName', { name }) : t('button.call')}</slot></span>
              </button>`}
        ${canMute
          ? html`<button
              part="mute-button"
              class="secondary"
              type="button"
              aria-pressed=${muted ? 'true' : 'false'}
              @click=${() => this.mute(!muted)}
            >
              ${t('button.mute')}
            </button>`
          : nothing}
        ${canDial ? this.renderKeypad() : nothing}
        ${reason ? nothing : html`<span part="status" class="status" id="status">${this.statusText()}</span>`}
        ${this.renderTimer()} ${this.renderQuality()}
        ${reason ? html`<span part="reason" class="reason" id="reason">${reason}</span>` : nothing}
        <span class="visually-hidden" role="status" aria-live="polite">${this.announcement}</span>
        <span class="visually-hidden" role="alert">${this.alert}</span>
      </div>
    `;
  }
}
