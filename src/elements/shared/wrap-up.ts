import { nothing } from 'lit/html.js';
import type { CallEngine } from '../../calls/engine-types.js';
import type { CallWrapUpDetail } from '../../events/events.js';
import type { AnyMessageKey } from '../../internal/localize.js';
import type { CallFeedback } from '../../providers/types.js';
import type { CallSnapshot } from '../../store/call.js';
import type { CallControlsContext } from './call-actions.js';
import type { Disposition } from './dispositions.js';
import { normalizeDispositions } from './dispositions-check.js';
import type { FocusTarget } from './live-call-view.js';
import { renderWrapUpForm } from './wrap-up-form.js';

export { wrapUpStyles } from './wrap-up-form.styles.js';

/**
 * What the wrap-up needs from the element it belongs to (`<call-button>` or `<call-controls>` with `wrap-up`).
 * It reaches the page's runtime, stores and errors only through it: this chunk imports none of the page's
 * modules, which keeps every bundler's split of the page as it is.
 */
export interface WrapUpHost {
  readonly element: HTMLElement;
  t: CallControlsContext['t'];
  /** `wrap-up`, `rate-call` and the outcomes offered (`dispositions`, as the host gave them), as they are now. */
  options(): { wrapUp: boolean; rate: boolean; dispositions: Array<string | Disposition> };
  /** Reports an option that cannot be used as `call-error` (`invalid-options` with this detail). */
  invalid(detail: string): void;
  /** The page's engine (there once a call has been placed or received). */
  engine(): CallEngine | undefined;
  /** How the element names the other party of a call. */
  nameOf(snapshot: CallSnapshot): string;
  /** Where focus goes after the element's next update. */
  focusNext(target: FocusTarget): void;
  announce(key: AnyMessageKey): void;
  /** Dispatches `call-wrap-up`. */
  saved(detail: CallWrapUpDetail): void;
  /** Reports the problem as `call-error`; returns what it says, in the element's language. */
  fail(error: unknown): string;
  requestUpdate(): void;
}

/** The wrap-up open for a finished call: its record's id, and where the form is. */
interface OpenWrapUp {
  id: string;
  sessionId: string;
  name: string;
  saving: boolean;
  error?: string;
  /** Whether focus goes into the form once it is there. */
  focus: boolean;
}

/**
 * The wrap-up of an element's calls, downloaded when the element is first given `wrap-up`: the end of a call
 * it showed opens the form once the call's record is captured; Save writes the outcome and the note into that
 * record (and the rating, with `rate-call`); Skip, Escape or a new call close it, saving nothing.
 */
export class WrapUp {
  private open?: OpenWrapUp;
  /** The outcomes the form offers: the host's dispositions, checked. */
  private dispositions: Required<Disposition>[] = [];
  /** The call the element showed last, and whether it was live. */
  private latest?: { sessionId: string; active: boolean };

  constructor(private readonly host: WrapUpHost) {}

  /**
   * Checks the element's `dispositions` (once this code is there, then at each change): trimmed, values of 1 to
   * 100 characters, each once; what cannot be one is reported.
   */
  checkDispositions(): void {
    const { dispositions, refused } = normalizeDispositions(this.host.options().dispositions);
    this.dispositions = dispositions;
    if (refused.length) this.host.invalid(`dispositions: ${refused.join(', ')} must be values of 1 to 100 characters`);
  }

  /**
   * Follows the shown call (at every change): `active` while it is live, `ended` when this change ended a call
   * the element showed live.
   */
  follow(snapshot: CallSnapshot, active: boolean, ended: boolean): void {
    this.latest = { sessionId: snapshot.sessionId, active };
    if (this.open && this.open.sessionId !== snapshot.sessionId) {
      // The agent was in the form: focus goes to the new call's button rather than to the page's body.
      if (this.host.element.shadowRoot?.activeElement) this.host.focusNext(snapshot.state === 'incoming' ? 'answer' : active ? 'hangup' : 'call');
      this.set(undefined);
    }
    if (!ended || !this.host.options().wrapUp) return;
    const handle = this.host.engine()?.callOf(snapshot.sessionId);
    const name = this.host.nameOf(snapshot);
    void handle?.record.then((record) => {
      const still = this.latest?.sessionId === snapshot.sessionId && !this.latest.active;
      if (!still || !this.host.options().wrapUp || !this.host.element.isConnected) return;
      // Focus follows only when the agent is on this element or nowhere else (not while typing in the page).
      const focused = document.activeElement;
      const focus = this.host.element.matches(':focus-within') || !focused || focused === document.body;
      this.set({ id: record.id, sessionId: snapshot.sessionId, name, saving: false, focus });
    });
  }

  /** The form's template while one is open. */
  render(): unknown {
    const open = this.open;
    if (!open) return nothing;
    return renderWrapUpForm({
      t: this.host.t,
      name: open.name,
      dispositions: this.dispositions,
      rate: this.host.options().rate,
      saving: open.saving,
      error: open.error,
      save: () => void this.save(),
      skip: () => this.close(),
    });
  }

  /** After the element's update: focus goes into a form that just opened. */
  focusField(root: ParentNode): void {
    const field = this.open?.focus ? root.querySelector<HTMLElement>("[part~='wrap-up'] :is(select, textarea)") : null;
    if (field) {
      this.open!.focus = false;
      field.focus();
    }
  }

  private set(open: OpenWrapUp | undefined): void {
    this.open = open;
    this.host.requestUpdate();
  }

  /** Saves what the form holds into the call's record (nothing when it holds nothing: the same as Skip). */
  private async save(): Promise<void> {
    const open = this.open;
    const engine = this.host.engine();
    if (!open || open.saving || !engine) return;
    const form = this.host.element.shadowRoot?.querySelector<HTMLFormElement>("[part~='wrap-up']");
    const disposition = form?.querySelector('select')?.value ?? '';
    const notes = form?.querySelector('textarea')?.value ?? '';
    const score = Number(form?.querySelector<HTMLInputElement>('input[name="score"]:checked')?.value ?? 0);
    const issue = form?.querySelector<HTMLSelectElement>('select[name="issue"]')?.value || undefined;
    if (!disposition.trim() && !notes.trim() && !score) {
      this.close();
      return;
    }
    this.set({ ...open, saving: true, error: undefined });
    try {
      const saved = await engine.wrapUpCall(open.id, { disposition, notes });
      // The rating is kept in the record whatever the provider does with it; a provider that could not
      // take it (Twilio's window passed) is reported, the wrap-up is saved all the same.
      if (score) {
        await engine
          .rateCall(open.id, { score: score as CallFeedback['score'], ...(issue && { issue: issue as CallFeedback['issue'] }) })
          .catch((error: unknown) => this.host.fail(error));
      }
      if (this.open?.id !== open.id) return;
      this.host.saved({ id: open.id, ...saved });
      this.host.announce('wrapUp.saved');
      this.close();
    } catch (error) {
      const message = this.host.fail(error);
      if (this.open?.id === open.id) this.set({ ...open, saving: false, error: message });
    }
  }

  /** Closes the wrap-up; focus goes back to the element's call button, or its status. */
  private close(): void {
    // The form is a popover (in the top layer): :focus-within does not see it everywhere, the shadow root's activeElement does.
    const element = this.host.element;
    const hadFocus = element.matches(':focus-within') || !!element.shadowRoot?.activeElement;
    this.set(undefined);
    if (hadFocus) this.host.focusNext('call');
  }
}
