import { html, nothing } from 'lit/html.js';
import type { CallControlsContext } from './call-actions.js';
import { FEEDBACK_ISSUES } from '../../schema/feedback-issues.js';
import type { Disposition } from './dispositions.js';
import './wrap-up-messages.js';

export { wrapUpStyles } from './wrap-up-form.styles.js';

const SCORES = [1, 2, 3, 4, 5] as const;

/** What the wrap-up form needs from the element that shows it. */
export interface WrapUpFormContext {
  t: CallControlsContext['t'];
  /** Who the call was with, for the form's name. */
  name: string;
  dispositions: Required<Disposition>[];
  /** Ask for a one-to-five rating of the call's sound (`rate-call`). */
  rate: boolean;
  saving: boolean;
  /** Why the last Save failed, in the element's language. */
  error?: string;
  save(): void;
  skip(): void;
}

/**
 * The wrap-up of a finished call: an outcome (the host's dispositions) and a note, Save and Skip. A popover
 * under the element, as the dial pad is one: the element's slots stay put. Escape skips; Enter in the
 * outcome, or Ctrl+Enter in the note, saves.
 */
export function renderWrapUpForm(ctx: WrapUpFormContext) {
  const { t } = ctx;
  const onKey = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (event.key === 'Escape') {
      event.preventDefault();
      ctx.skip();
    } else if (event.key === 'Enter' && (target.localName === 'select' || (target.localName === 'textarea' && (event.ctrlKey || event.metaKey)))) {
      event.preventDefault();
      ctx.save();
    }
  };
  return html`<form
    part="wrap-up"
    class="wrap-up"
    id="wrap-up"
    popover="manual"
    aria-label=${t('wrapUp.label', { name: ctx.name })}
    aria-busy=${ctx.saving ? 'true' : 'false'}
    @keydown=${onKey}
    @submit=${(event: Event) => (event.preventDefault(), ctx.save())}
  >
    ${ctx.dispositions.length
      ? html`<label class="field"
          ><span>${t('wrapUp.outcome')}</span>
          <select part="wrap-up-outcome" name="disposition">
            <option value="">${t('wrapUp.noOutcome')}</option>
            ${ctx.dispositions.map((item) => html`<option value=${item.value}>${item.label}</option>`)}
          </select></label
        >`
      : nothing}
    ${ctx.rate
      ? html`<fieldset part="wrap-up-rating" class="rating">
          <legend>${t('rating.legend')}</legend>
          <span class="scores">
            ${SCORES.map(
              (score) => html`<label class="score"
                ><input type="radio" name="score" value=${score} /><span aria-hidden="true">${score}</span
                ><span class="visually-hidden">${t(`rating.score${score}`)}</span></label
              >`,
            )}
          </span>
          <label class="field"
            ><span>${t('rating.issue')}</span>
            <select part="wrap-up-issue" name="issue">
              <option value="">${t('rating.noIssue')}</option>
              ${FEEDBACK_ISSUES.map((issue) => html`<option value=${issue}>${t(`rating.issue.${issue}`)}</option>`)}
            </select></label
          >
        </fieldset>`
      : nothing}
    <label class="field"
      ><span>${t('wrapUp.note')}</span>
      <textarea part="wrap-up-notes" name="notes" rows="3" maxlength="20000"></textarea>
    </label>
    ${ctx.error ? html`<p part="wrap-up-error" class="failure" role="alert">${ctx.error}</p>` : nothing}
    <span class="wrap-up-actions">
      <button part="wrap-up-save" class="call" type="submit" ?disabled=${ctx.saving}>${t('wrapUp.save')}</button>
      <button part="wrap-up-skip" class="secondary" type="button" @click=${() => ctx.skip()}>${t('wrapUp.skip')}</button>
    </span>
  </form>`;
}
