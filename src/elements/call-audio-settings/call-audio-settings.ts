import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { pageRuntime } from '../../calls/page-runtime.js';
import { CallErrorEvent } from '../../events/events.js';
import { CallElementsBase } from '../../internal/base-element.js';
import { debug } from '../../internal/debug.js';
import { CallElementsError, toCallElementsError } from '../../internal/errors.js';
import type { AnyMessageKey } from '../../internal/localize.js';
import { StoreController } from '../../internal/store-controller.js';
import { $providers } from '../../providers/registry.js';
import type { CallCheckReport, CallCheckWarning } from '../../providers/types.js';
import { runCallCheck } from '../../calls/call-check.js';
import {
  audioAccessOf,
  readAudioPreferences,
  saveAudioPreference,
  type AudioDeviceKind,
  type TwilioAudioAccess,
  type TwilioAudioHelper,
  type TwilioAudioPreferences,
} from '../../providers/twilio/audio-preferences.js';
import { browserSupportsOutputSelection, followMicrophoneLevel, listAudioDevices, playTestSound, watchAudioDevices, type AudioDeviceLists } from './audio-source.js';
import { styles } from './call-audio-settings.styles.js';
import './messages.js';

const KIND_LABELS: Record<AudioDeviceKind, AnyMessageKey> = { input: 'audio.input', speaker: 'audio.speaker', ringtone: 'audio.ringtone' };

/** The devices to list: the browser's "default" entry is the "System default" choice already. */
const choosable = (devices: MediaDeviceInfo[]) => devices.filter((device) => device.deviceId !== 'default');

const clampLevel = (level: number) => (Number.isInteger(level) ? Math.min(6, Math.max(1, level)) : 2);

/** A getUserMedia failure as the library's error: refused, or no usable microphone. */
function microphoneError(error: unknown): CallElementsError {
  const name = (error as { name?: unknown } | null)?.name;
  const detail = error instanceof Error ? error.message : String(error);
  if (name === 'NotAllowedError' || name === 'SecurityError') return new CallElementsError('microphone-denied', { cause: error });
  return new CallElementsError('microphone-unavailable', { params: { detail }, cause: error });
}

/**
 * Lets the person choose the microphone, the speaker and the ringtone output of Twilio calls, see the
 * microphone's level and play a test sound. The choices are kept in this browser (localStorage, per
 * origin) and applied by the Twilio provider to every Device it creates; during a call they apply at
 * once. The lists follow devices plugged in or out, mid-call too.
 *
 * While the Twilio provider holds a Device (a call, or listening for calls) the lists, the level and
 * the test sound come from its audio helper (`device.audio`); before that, from the browser's media
 * devices, so the element downloads neither the Twilio SDK nor a token. The speaker and ringtone
 * choices are shown only where the browser can route audio (`isOutputSelectionSupported`).
 *
 * Its **Check my connection** button (or `runCallCheck()`) runs a pre-call check: a short test call
 * (`Device.runPreflight` with the user's token) reported in words — network, media quality, whether a
 * TURN relay is needed, warnings. That check downloads the SDK and a token.
 *
 * @summary Microphone, speaker and ringtone choice for Twilio calls, with a level meter and a test sound.
 * @tagname call-audio-settings
 *
 * @attr provider - The name of the Twilio provider on the page. Default `twilio`.
 * @attr token-url - Where the Twilio provider gets its access token, with no Twilio provider configured (property `tokenUrl`).
 * @attr heading-level - The level of the element's heading, 1 to 6. Default 2 (property `headingLevel`).
 *
 * @event {CallErrorEvent} call-error - A device could not be used, the microphone could not be opened, or the call check failed. Detail: `{ code, message }`, the message in the element's language (the same text is shown).
 *
 * @csspart base - The wrapper of everything (a `<section>` named by its heading).
 * @csspart heading - The element's heading, "Audio devices".
 * @csspart field - One label and its list (microphone, speaker, ringtone).
 * @csspart select - Each device list (a `<select>`).
 * @csspart input-select - The microphone list.
 * @csspart speaker-select - The speaker list.
 * @csspart ringtone-select - The ringtone list.
 * @csspart note - Explanations: outputs the browser cannot choose, device names hidden until the microphone is allowed.
 * @csspart meter - The microphone level (a `<meter>` from 0 to 1).
 * @csspart button - Each button.
 * @csspart level-button - Starts and stops the microphone test.
 * @csspart test-button - Plays a test sound through the chosen speaker.
 * @csspart error - The last problem, in words (role alert).
 * @csspart check - The call check (a `<section>` named "Call check").
 * @csspart check-button - Runs the call check (disabled while it runs).
 * @csspart check-status - What the check is doing, then its outcome in one sentence (role status).
 * @csspart check-report - The check's findings (a description list): network, media, TURN relay, warnings.
 * @csspart check-error - Why the check failed (role alert; also part `error`).
 *
 * @cssproperty --call-audio-settings-accent - Buttons, the meter and focus rings. Default `var(--call-color-accent, #0b6bcb)`.
 * @cssproperty --call-audio-settings-accent-text - Text on the buttons. Default `var(--call-color-on-accent, #ffffff)`.
 * @cssproperty --call-audio-settings-danger - Border of the error. Default `var(--call-color-danger, #c62828)`.
 * @cssproperty --call-audio-settings-danger-surface - Background of the error. Default `var(--call-color-danger-surface, #fdecea)`.
 * @cssproperty --call-audio-settings-border - Borders of the lists. Default `var(--call-color-text-muted, #555f6d)`.
 * @cssproperty --call-audio-settings-text - Text colour. Default `var(--call-color-text, #1d2430)`.
 * @cssproperty --call-audio-settings-muted-text - Notes. Default `var(--call-color-text-muted, #555f6d)`.
 * @cssproperty --call-audio-settings-radius - Corner radius. Default `var(--call-radius, 0.5rem)`.
 * @cssproperty --call-audio-settings-gap - Space between the fields. Default `var(--call-space, 0.75rem)`.
 * @cssproperty --call-audio-settings-font - Font shorthand. Default `var(--call-font, 1em/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif)`.
 */
export class CallAudioSettings extends CallElementsBase {
  static override styles = styles;

  /** The name of the Twilio provider on the page. */
  @property() provider = 'twilio';

  /** Where the Twilio provider gets its access token, when the page configured none (HTML-only configuration). */
  @property({ attribute: 'token-url' }) tokenUrl = '';

  /** The level of the element's heading, 1 to 6. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  @state() private lists: AudioDeviceLists = { inputs: [], outputs: [], outputSelection: browserSupportsOutputSelection() };
  @state() private choices: TwilioAudioPreferences = {};
  @state() private level = 0;
  @state() private measuring = false;
  @state() private error?: CallElementsError;
  @state() private check: {
    phase: 'idle' | 'running' | 'done' | 'failed';
    connected?: boolean;
    warnings: CallCheckWarning[];
    report?: CallCheckReport;
    error?: CallElementsError;
  } = { phase: 'idle', warnings: [] };
  /** What the polite live region says (a choice saved, devices changed, a test sound playing). */
  @state() private announcement?: { key: AnyMessageKey; params?: Record<string, string> };

  private readonly providersStore = new StoreController(this, $providers);
  private access?: TwilioAudioAccess;
  private helper?: TwilioAudioHelper;
  private followedKey?: string;
  private stopAccess?: () => void;
  private stopWatching?: () => void;
  private stopLevel?: () => void;
  private listToken = 0;
  private levelToken = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    this.choices = readAudioPreferences();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.followedKey = undefined;
    this.stopAccess?.();
    this.stopAccess = undefined;
    this.stopWatching?.();
    this.stopWatching = undefined;
    this.stopMeasuring();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.followProvider();
  }

  /** Follows the provider's Device: its audio helper when there is one, the browser's devices otherwise. */
  private followProvider(): void {
    const key = `${this.provider}|${this.tokenUrl}|${this.providersStore.value}`;
    if (this.followedKey === key) return;
    this.followedKey = key;
    const runtime = pageRuntime();
    const provider = runtime.providers.get(this.provider);
    if (!provider) {
      runtime.providers
        .ensureBuiltIn(this.provider, { tokenUrl: this.tokenUrl || undefined })
        ?.catch((error: unknown) => debug('audio-settings', 'provider-failed', { error: String(error) }));
    }
    this.stopAccess?.();
    const access = audioAccessOf(provider);
    this.access = access;
    this.stopAccess = access?.subscribe(() => this.useHelper(access.helper()));
    this.useHelper(access?.helper());
  }

  private useHelper(helper: TwilioAudioHelper | undefined): void {
    if (helper === this.helper && this.stopWatching) return;
    this.helper = helper;
    this.stopWatching?.();
    this.stopWatching = watchAudioDevices(helper, (lost) => this.onDevicesChanged(lost));
    // The level followed the other source: follow this one.
    if (this.measuring) void this.startMeasuring();
    void this.refreshLists();
  }

  private async refreshLists(): Promise<void> {
    const token = ++this.listToken;
    try {
      const lists = await listAudioDevices(this.helper);
      if (token === this.listToken) this.lists = lists;
    } catch (error) {
      debug('audio-settings', 'list-failed', { error: String(error) });
    }
  }

  private onDevicesChanged(lost: MediaDeviceInfo[]): void {
    void this.refreshLists();
    const chosenLost = (Object.entries(this.choices) as [AudioDeviceKind, string][]).find(([, id]) => lost.some((device) => device.deviceId === id));
    this.announcement = chosenLost
      ? // The ringtone's device is a speaker too ("the chosen speaker was unplugged").
        { key: 'audio.lost', params: { kind: this.i18n.t(chosenLost[0] === 'input' ? 'audio.input' : 'audio.speaker').toLocaleLowerCase(this.i18n.locale) } }
      : { key: 'audio.changed' };
  }

  private fail(error: CallElementsError): void {
    this.error = error;
    this.emit(new CallErrorEvent({ code: error.code, message: error.localizedMessage(this.i18n.locale) }));
  }

  private async choose(kind: AudioDeviceKind, deviceId: string): Promise<void> {
    this.error = undefined;
    this.choices = { ...this.choices, [kind]: deviceId || undefined };
    const kept = saveAudioPreference(kind, deviceId || undefined);
    const name = deviceId ? this.deviceName(kind, deviceId) : this.i18n.t('audio.default');
    this.announcement = kept ? { key: 'audio.saved', params: { kind: this.i18n.t(KIND_LABELS[kind]), device: name } } : { key: 'audio.notSaved' };
    // With a Device, the provider applies the choice at once (the microphone during a call only).
    const [error] = (await this.access?.applyNow(kind)) ?? [];
    if (error) this.fail(error);
    if (kind === 'input' && this.measuring) void this.startMeasuring();
  }

  private deviceName(kind: AudioDeviceKind, deviceId: string): string {
    const list = choosable(kind === 'input' ? this.lists.inputs : this.lists.outputs);
    const index = list.findIndex((device) => device.deviceId === deviceId);
    return index < 0 ? deviceId : this.optionLabel(kind, list[index]!, index);
  }

  private optionLabel(kind: AudioDeviceKind, device: MediaDeviceInfo, index: number): string {
    return device.label || this.i18n.t(kind === 'input' ? 'audio.unnamed.input' : 'audio.unnamed.output', { index: index + 1 });
  }

  /**
   * Runs the pre-call check (the Call check button does the same): a short test call through the
   * Twilio provider (`Device.runPreflight` with the user's token), shown in words as it runs and when
   * it ends. Resolves with the report, or undefined when it failed (the error is shown and sent as
   * `call-error`); never rejects.
   */
  async runCallCheck(): Promise<CallCheckReport | undefined> {
    if (this.check.phase === 'running') return undefined;
    this.check = { phase: 'running', warnings: [] };
    try {
      const report = await runCallCheck({
        provider: this.provider,
        tokenUrl: this.tokenUrl || undefined,
        onProgress: (progress) => {
          if (progress.type === 'connected') this.check = { ...this.check, connected: true };
          else this.check = { ...this.check, warnings: [...this.check.warnings, progress.warning] };
        },
      });
      this.check = { phase: 'done', warnings: report.warnings, report };
      return report;
    } catch (caught) {
      const error = toCallElementsError(caught, 'call-check-failed');
      this.check = { phase: 'failed', warnings: this.check.warnings, error };
      this.emit(new CallErrorEvent({ code: error.code, message: error.localizedMessage(this.i18n.locale) }));
      return undefined;
    }
  }

  private startCheck = () => void this.runCallCheck();

  private toggleMeasuring = () => {
    if (this.measuring) {
      this.stopMeasuring();
      this.announcement = undefined;
    } else {
      void this.startMeasuring();
    }
  };

  private async startMeasuring(): Promise<void> {
    this.stopLevel?.();
    this.stopLevel = undefined;
    const token = ++this.levelToken;
    this.measuring = true;
    this.error = undefined;
    try {
      const stop = await followMicrophoneLevel(this.helper, this.choices.input, (level) => {
        if (token === this.levelToken) this.level = level;
      });
      if (token !== this.levelToken) {
        stop();
        return;
      }
      this.stopLevel = stop;
      this.announcement = { key: 'audio.level.running' };
      // Names appear once the microphone is allowed.
      void this.refreshLists();
    } catch (error) {
      if (token !== this.levelToken) return;
      this.measuring = false;
      this.fail(microphoneError(error));
    }
  }

  private stopMeasuring(): void {
    this.levelToken += 1;
    this.stopLevel?.();
    this.stopLevel = undefined;
    this.measuring = false;
    this.level = 0;
  }

  private playTest = async () => {
    this.error = undefined;
    try {
      await playTestSound(this.helper, this.choices.speaker);
      this.announcement = { key: 'audio.test.playing' };
    } catch (error) {
      this.fail(toCallElementsError(error, 'audio-device-failed'));
    }
  };

  protected override render() {
    const t = this.i18n.t.bind(this.i18n);
    const { inputs, outputs, outputSelection } = this.lists;
    const unnamed = [...inputs, ...outputs].some((device) => !device.label);
    return html`<section part="base" class="base" aria-labelledby="heading">
      <div part="heading" class="heading" id="heading" role="heading" aria-level=${clampLevel(this.headingLevel)}>${t('audio.title')}</div>
      ${this.renderSelect('input', inputs)}
      ${outputSelection
        ? html`${this.renderSelect('speaker', outputs)} ${this.renderSelect('ringtone', outputs, t('audio.ringtone.hint'))}`
        : html`<p part="note" class="note">${t('audio.output.unsupported')}</p>`}
      ${unnamed ? html`<p part="note" class="note">${t('audio.labels.hidden')}</p>` : nothing}
      <div class="level">
        <span id="level-label">${t('audio.level')}</span>
        <meter part="meter" min="0" max="1" low="0.1" high="0.9" optimum="0.5" .value=${this.level} aria-labelledby="level-label"></meter>
      </div>
      <div class="buttons">
        <button part="button level-button" type="button" aria-pressed=${this.measuring ? 'true' : 'false'} @click=${this.toggleMeasuring}>
          ${t(this.measuring ? 'audio.level.stop' : 'audio.level.start')}
        </button>
        <button part="button test-button" type="button" @click=${this.playTest}>${t('audio.test')}</button>
      </div>
      ${this.error
        ? html`<p part="error" class="error" role="alert">${t('audio.failed')} ${this.error.localizedMessage(this.i18n.locale)}</p>`
        : nothing}
      <p class="visually-hidden" role="status">${this.announcement ? t(this.announcement.key, this.announcement.params) : nothing}</p>
      ${this.renderCheck(Math.min(6, clampLevel(this.headingLevel) + 1))}
    </section>`;
  }

  private checkStatus(): string {
    const t = this.i18n.t.bind(this.i18n);
    const { phase, connected, report } = this.check;
    if (phase === 'running') return t(connected ? 'check.connected' : 'check.running');
    if (phase === 'done') return report?.quality ? t('check.done.quality', { quality: t(`check.quality.${report.quality}`) }) : t('check.done');
    return '';
  }

  private renderCheck(level: number) {
    const t = this.i18n.t.bind(this.i18n);
    const { phase, report, error } = this.check;
    return html`<section part="check" class="check" aria-labelledby="check-heading" aria-busy=${phase === 'running' ? 'true' : 'false'}>
      <div class="subheading" id="check-heading" role="heading" aria-level=${level}>${t('check.title')}</div>
      <p class="note" id="check-intro">${t('check.intro')}</p>
      <div class="buttons">
        <button part="button check-button" type="button" aria-describedby="check-intro" ?disabled=${phase === 'running'} @click=${this.startCheck}>
          ${t('check.start')}
        </button>
      </div>
      <p part="check-status" role="status">${this.checkStatus()}</p>
      ${phase === 'done' && report ? this.renderReport(report) : nothing}
      ${phase === 'failed' && error
        ? html`<p part="error check-error" class="error" role="alert">${t('check.failed')} ${error.localizedMessage(this.i18n.locale)}</p>`
        : nothing}
    </section>`;
  }

  private renderReport(report: CallCheckReport) {
    const t = this.i18n.t.bind(this.i18n);
    const { signaling } = report.networkTiming;
    const network =
      signaling === undefined
        ? t('check.network.ok')
        : report.edge
          ? t('check.network.timedEdge', { ms: signaling, edge: report.edge })
          : t('check.network.timed', { ms: signaling });
    const { rtt, jitter } = report.stats ?? {};
    const media = [
      report.quality ? t('check.media.quality', { quality: t(`check.quality.${report.quality}`) }) : '',
      rtt && jitter ? t('check.media.stats', { rtt: Math.round(rtt.average), jitter: Math.round(jitter.average) }) : '',
    ].filter(Boolean);
    const turn = report.turnRequired === undefined ? 'check.turn.unknown' : report.turnRequired ? 'check.turn.yes' : 'check.turn.no';
    return html`<dl part="check-report" class="report">
      <dt>${t('check.network')}</dt>
      <dd>${network}</dd>
      <dt>${t('check.media')}</dt>
      <dd>${media.length ? media.join(' ') : t('check.media.none')}</dd>
      <dt>${t('check.turn')}</dt>
      <dd>${t(turn)}</dd>
      <dt>${t('check.warnings')}</dt>
      <dd>
        ${report.warnings.length
          ? html`<ul>
              ${report.warnings.map((warning) => html`<li>${warning.description ? `${warning.name}: ${warning.description}` : warning.name}</li>`)}
            </ul>`
          : t('check.warnings.none')}
      </dd>
    </dl>`;
  }

  private renderSelect(kind: AudioDeviceKind, devices: MediaDeviceInfo[], hint?: string) {
    const t = this.i18n.t.bind(this.i18n);
    const chosen = this.choices[kind];
    // A chosen device that is not plugged in shows as the default, which is what is used meanwhile.
    const value = chosen && devices.some((device) => device.deviceId === chosen) ? chosen : '';
    const id = `${kind}-select`;
    return html`<div part="field" class="field">
      <label for=${id}>${t(KIND_LABELS[kind])}</label>
      <select
        id=${id}
        part="select ${kind}-select"
        aria-describedby=${hint ? `${kind}-hint` : nothing}
        @change=${(event: Event) => void this.choose(kind, (event.target as HTMLSelectElement).value)}
      >
        <option value="" ?selected=${value === ''}>${t('audio.default')}</option>
        ${choosable(devices).map(
            (device, index) =>
              html`<option value=${device.deviceId} ?selected=${value === device.deviceId}>${this.optionLabel(kind, device, index)}</option>`,
          )}
      </select>
      ${hint ? html`<span id="${kind}-hint" class="note">${hint}</span>` : nothing}
    </div>`;
  }
}
