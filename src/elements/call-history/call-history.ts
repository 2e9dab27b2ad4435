import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { pageRuntime } from '../../calls/page-runtime.js';
import { CallErrorEvent } from '../../events/events.js';
import { CallElementsBase } from '../../internal/base-element.js';
import { debug } from '../../internal/debug.js';
import { CallElementsError, toCallElementsError } from '../../internal/errors.js';
import type { AnyMessageKey } from '../../internal/localize.js';
import { isHttpUrl, withoutCredentials } from '../../internal/url.js';
import type { CallAction } from '../../schema/call-action.js';
import type { CallRecord } from '../../schema/call-record.js';
import { styles } from './call-history.styles.js';
import './messages.js';
import { readHistory, type History, type HistoryCall, type HistoryScope } from './read-history.js';

/** The `limit` default, written there as a literal so that the manifest shows it. */
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 500;

type Phase = 'idle' | 'loading' | 'ready' | 'failed';

const clampLevel = (level: number) => (Number.isInteger(level) ? Math.min(6, Math.max(1, level)) : 2);

/**
 * Lists the stored calls of a lead, a request or an agent, newest first, each with its outcome,
 * duration, recording and notes, and the timeline actions logged for it; then the notes and actions
 * of the lead or request that belong to no call. It reads through the configured storage
 * (`listCalls`, and `listActions` when the storage has it) and reads again whenever the queue stores
 * a call record or an action, in this tab or another: no polling.
 *
 * A recording is linked only when its URL is an absolute `http:`/`https:` URL without credentials;
 * every text from the storage is shown as text. After each load a polite live region says how many
 * calls there are, once; later reads for stored calls update the list silently.
 *
 * @summary The stored calls and timeline of a lead, a request or an agent.
 * @tagname call-history
 *
 * @attr lead-id - List the calls of this lead (property `leadId`).
 * @attr request-id - List the calls of this request (property `requestId`).
 * @attr agent-id - List the calls of this agent (property `agentId`). With several ids, a call must match them all.
 * @attr limit - How many calls at most, newest first: 1 to 500. Default 20.
 * @attr heading-level - The level of the element's heading, 1 to 6 (each call's heading is one below). Default 2 (property `headingLevel`).
 * @attr storage-url - Base URL of the host's backend implementing the HTTP contract, when the page does not call `configure({ storage })` (property `storageUrl`).
 *
 * @event {CallErrorEvent} call-error - The history could not be read. Detail: `{ code, message }`, the message in the element's language (the same text is shown).
 *
 * @csspart base - The wrapper of everything (a `<section>` named by its heading).
 * @csspart heading - The element's heading, "Call history".
 * @csspart status - The message while loading, with no scope, or when there are no calls.
 * @csspart error - The load error, with its retry button.
 * @csspart retry-button - Reads the history again after an error.
 * @csspart list - The list of calls (an `<ol>`, newest first).
 * @csspart call - One call (a list item).
 * @csspart call-heading - The heading of a call: direction, contact and start time.
 * @csspart details - The call's facts (a description list): outcome, duration, recording, notes.
 * @csspart outcome - The call's outcome, in words.
 * @csspart duration - How long the call lasted (answered calls only).
 * @csspart recording-link - The link to the call's recording (opens in a new tab).
 * @csspart notes - The notes of a call or of an action.
 * @csspart timeline - The actions logged for a call, oldest first (an `<ol>`).
 * @csspart others - The notes and actions that belong to no listed call, newest first.
 * @csspart action - One action of a timeline.
 * @csspart action-type - What the action was ("Note", "Call answered"…).
 *
 * @cssproperty --call-history-accent - Links, the retry button and focus rings. Default `var(--call-color-accent, #0b6bcb)`.
 * @cssproperty --call-history-accent-text - Text on the retry button. Default `var(--call-color-on-accent, #ffffff)`.
 * @cssproperty --call-history-danger - Border of the load error. Default `var(--call-color-danger, #c62828)`.
 * @cssproperty --call-history-danger-surface - Background of the load error. Default `var(--call-color-danger-surface, #fdecea)`.
 * @cssproperty --call-history-surface - Background of each call. Default `var(--call-color-surface, #ffffff)`.
 * @cssproperty --call-history-border - Borders of the calls and of their timelines. Default `var(--call-color-border, #c9d1db)`.
 * @cssproperty --call-history-text - Text colour. Default `var(--call-color-text, #1d2430)`.
 * @cssproperty --call-history-muted-text - Labels, times and secondary text. Default `var(--call-color-text-muted, #555f6d)`.
 * @cssproperty --call-history-radius - Corner radius. Default `var(--call-radius, 0.5rem)`.
 * @cssproperty --call-history-gap - Space between calls and inside them. Default `var(--call-space, 0.75rem)`.
 * @cssproperty --call-history-font - Font shorthand. Default `var(--call-font, 1em/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif)`: the system's interface font at the size the page gives, not the page's own font (set `--call-font: inherit` to use it).
 */
export class CallHistory extends CallElementsBase {
  static override styles = styles;

  /** List the calls of this lead. */
  @property({ attribute: 'lead-id' }) leadId = '';

  /** List the calls of this request. */
  @property({ attribute: 'request-id' }) requestId = '';

  /** List the calls of this agent. With several ids, a call must match them all. */
  @property({ attribute: 'agent-id' }) agentId = '';

  /** How many calls at most, newest first (1 to 500; anything else means 20). */
  @property({ type: Number }) limit = 20;

  /** The level of the element's heading, 1 to 6; each call's heading is one level below (at most 6). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /**
   * Base URL of the host's backend implementing the HTTP contract (HTML-only configuration). Ignored
   * when the page calls `configure({ storage })`. Without either, IndexedDB.
   */
  @property({ attribute: 'storage-url' }) storageUrl = '';

  @state() private phase: Phase = 'idle';
  @state() private history: History = { calls: [], others: [] };
  @state() private error?: CallElementsError;
  /** What the polite live region says: the count, once per load. */
  @state() private announcement?: { key: AnyMessageKey; count: number };

  private loadToken = 0;
  private listenToken = 0;
  private stopListening?: () => void;
  /** A silent read in progress, and whether another stored item asked for one meanwhile. */
  private reading?: Promise<void>;
  private readAgain = false;
  private focusAfterRetry = false;

  /**
   * Reads the history again, as the retry button does, showing the loading state and announcing the
   * count. Resolves once it is shown; never rejects (a failure is shown and sent as `call-error`).
   */
  refresh(): Promise<void> {
    return this.load(true);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    pageRuntime().resume();
    this.listen();
    // Back in the document: what was stored meanwhile was not heard.
    if (this.hasUpdated) this.readQuietly();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.listenToken += 1;
    this.stopListening?.();
    this.stopListening = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('storageUrl') && this.storageUrl) {
      const url = this.storageUrl;
      // The list below loads once the URL is checked (the engine waits for it).
      void pageRuntime()
        .useStorageUrl(url)
        .then((problem) => problem && debug('history', 'storage-url-invalid', { url: withoutCredentials(url), code: problem.code }));
    }
    if (['leadId', 'requestId', 'agentId', 'limit', 'storageUrl'].some((name) => changed.has(name as keyof CallHistory))) {
      void this.load(true);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!this.focusAfterRetry) return;
    // The retry button goes while loading: focus waits on the heading, and goes back to the button if it fails again.
    if (this.phase !== 'loading') this.focusAfterRetry = false;
    const selector = this.phase === 'failed' ? '[part~="retry-button"]' : '[part~="heading"]';
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private scope(): HistoryScope | undefined {
    const [leadId, requestId, agentId] = [this.leadId, this.requestId, this.agentId].map((id) => id?.trim() || undefined);
    if (!leadId && !requestId && !agentId) return undefined;
    const limit = Number.isInteger(this.limit) && this.limit >= 1 && this.limit <= MAX_LIMIT ? this.limit : DEFAULT_LIMIT;
    return { leadId, requestId, agentId, limit };
  }

  /** Hears every call record and action the queue stores, once the engine is there. */
  private listen(): void {
    const token = ++this.listenToken;
    pageRuntime()
      .loadEngine()
      .then(
        (engine) => {
          if (token === this.listenToken) this.stopListening = engine.onStored(() => this.readQuietly());
        },
        (error: unknown) => debug('history', 'not-listening', { error: String(error) }),
      );
  }

  /** A read for something stored: one at a time, and one more if more was stored meanwhile. */
  private readQuietly(): void {
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = this.load(false).finally(() => {
      this.reading = undefined;
      if (this.readAgain) {
        this.readAgain = false;
        this.readQuietly();
      }
    });
  }

  /** `announce`: a load the person waits for (loading state, then the count); otherwise a silent update. */
  private async load(announce: boolean): Promise<void> {
    const token = ++this.loadToken;
    const scope = this.scope();
    if (!scope) {
      this.phase = 'idle';
      this.history = { calls: [], others: [] };
      this.error = undefined;
      this.announcement = undefined;
      return;
    }
    const silent = !announce && this.phase === 'ready';
    if (!silent) {
      this.phase = 'loading';
      this.announcement = undefined;
    }
    try {
      const engine = await pageRuntime()
        .loadEngine()
        .catch((cause: unknown) => {
          throw new CallElementsError('load-failed', { cause });
        });
      const history = await readHistory(engine.storage(), scope);
      if (token !== this.loadToken) return;
      this.history = history;
      this.error = undefined;
      this.phase = 'ready';
      if (!silent) this.announcement = { key: history.calls.length ? this.countKey(history.calls.length) : 'history.empty', count: history.calls.length };
    } catch (caught) {
      if (token !== this.loadToken) return;
      const error = toCallElementsError(caught, 'storage-failed');
      if (silent) {
        // The list shown stays; the next stored item or a refresh() reads again.
        debug('history', 'update-failed', { code: error.code, error: error.message });
        return;
      }
      this.phase = 'failed';
      this.error = error;
      this.emit(new CallErrorEvent({ code: error.code, message: error.localizedMessage(this.i18n.locale) }));
    }
  }

  private countKey(count: number): AnyMessageKey {
    return new Intl.PluralRules(this.i18n.locale).select(count) === 'one' ? 'history.count.one' : 'history.count.other';
  }

  private retry = () => {
    this.focusAfterRetry = true;
    void this.load(true);
  };

  private formatDate(iso: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): string {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(this.i18n.locale, options).format(date);
  }

  protected override render() {
    const t = this.i18n.t.bind(this.i18n);
    const level = clampLevel(this.headingLevel);
    const loading = this.phase === 'loading';
    return html`<section part="base" class="base" aria-labelledby="heading" aria-busy=${loading ? 'true' : 'false'}>
      <div part="heading" class="heading" id="heading" role="heading" aria-level=${level} tabindex="-1">${t('history.title')}</div>
      ${this.renderBody(Math.min(6, level + 1))}
      <p class="visually-hidden" role="status">${this.announcement ? t(this.announcement.key, { count: this.announcement.count }) : nothing}</p>
    </section>`;
  }

  private renderBody(level: number) {
    const t = this.i18n.t.bind(this.i18n);
    switch (this.phase) {
      case 'idle':
        return html`<p part="status" class="muted">${t('history.noScope')}</p>`;
      case 'loading':
        return html`<p part="status" class="muted">${t('history.loading')}</p>`;
      case 'failed':
        return html`<div part="error" class="error" role="alert">
          <p>${t('history.failed')} ${this.error?.localizedMessage(this.i18n.locale) ?? ''}</p>
          <button part="retry-button" type="button" @click=${this.retry}>${t('history.retry')}</button>
        </div>`;
      case 'ready': {
        const { calls, others } = this.history;
        return html`${calls.length
            ? html`<ol part="list" class="list">
                ${repeat(calls, (call) => call.record.id, (call) => this.renderCall(call, level))}
              </ol>`
            : html`<p part="status" class="muted">${t('history.empty')}</p>`}
          ${others.length
            ? html`<section part="others" class="others" aria-labelledby="others-heading">
                <div class="call-heading" id="others-heading" role="heading" aria-level=${level}>${t('history.others')}</div>
                <ol class="timeline">
                  ${others.map((action) => this.renderAction(action))}
                </ol>
              </section>`
            : nothing}`;
      }
    }
  }

  private contactOf(record: CallRecord): string {
    const t = this.i18n.t.bind(this.i18n);
    const number = record.direction === 'inbound' ? record.from : record.to;
    if (record.displayName && number) return t('history.contact.named', { name: record.displayName, number });
    return record.displayName || number || t('history.contact.unknown');
  }

  private renderCall({ record, actions }: HistoryCall, level: number) {
    const t = this.i18n.t.bind(this.i18n);
    const recording = isHttpUrl(record.recordingUrl) ? record.recordingUrl : undefined;
    const title = t(record.direction === 'inbound' ? 'history.call.inbound' : 'history.call.outbound', {
      contact: this.contactOf(record),
      date: this.formatDate(record.startedAt),
    });
    return html`<li part="call" class="call">
      <div part="call-heading" class="call-heading" role="heading" aria-level=${level}>${title}</div>
      <dl part="details" class="details">
        <dt>${t('history.outcome')}</dt>
        <dd part="outcome">${t(`status.${record.status}`)}</dd>
        ${record.answeredAt
          ? html`<dt>${t('history.duration')}</dt>
              <dd part="duration">${t('duration.short', { minutes: Math.floor(record.durationSec / 60), seconds: record.durationSec % 60 })}</dd>`
          : nothing}
        ${recording
          ? html`<dt>${t('history.recording')}</dt>
              <dd>
                <a part="recording-link" href=${recording} target="_blank" rel="noopener noreferrer" referrerpolicy="no-referrer"
                  >${t('history.recording.link')}<span class="visually-hidden"> ${t('history.recording.opens')}</span></a
                >
              </dd>`
          : nothing}
        ${record.notes ? html`<dt>${t('history.notes')}</dt><dd part="notes" class="notes">${record.notes}</dd>` : nothing}
      </dl>
      ${actions.length
        ? html`<ol part="timeline" class="timeline" aria-label=${t('history.timeline.label')}>
            ${actions.map((action) => this.renderAction(action, record.startedAt))}
          </ol>`
        : nothing}
    </li>`;
  }

  /** An action; within a call, its time alone when it happened on the call's day. */
  private renderAction(action: CallAction, callStartedAt?: string) {
    const t = this.i18n.t.bind(this.i18n);
    const sameDay = callStartedAt !== undefined && new Date(action.at).toDateString() === new Date(callStartedAt).toDateString();
    return html`<li part="action" class="action">
      <time datetime=${action.at}>${this.formatDate(action.at, sameDay ? { timeStyle: 'short' } : undefined)}</time>
      <span part="action-type" class="action-type">${t(`history.action.${action.type}`)}</span>
      ${action.userDisplayName ? html`<span class="muted">${t('history.by', { name: action.userDisplayName })}</span>` : nothing}
      ${action.notes ? html`<p part="notes" class="notes">${action.notes}</p>` : nothing}
    </li>`;
  }
}
