import { HANGUP_PATH, PHONE_PATH, iconElement } from './icons.js';

/** The button in the primary slot: Call, Hang up or Answer. */
export interface PrimaryAction {
  part: 'call-button' | 'hangup-button' | 'answer-button';
  /** `call` (accent colour) or `hangup` (danger colour). */
  look: 'call' | 'hangup';
  label: string;
  /** The accessible name when the label alone does not say whom ("Hang up on Ana"). */
  ariaLabel?: string;
  disabled?: boolean;
  /** Pressed, and waiting for the code of calls: `aria-disabled` rather than `disabled`, so focus stays on it. */
  busy?: boolean;
  describedBy?: string;
  /** The label is the fallback content of the element's default slot (the call button's). */
  slotted?: boolean;
  press(): void;
}

/** What the frame shows: the element works out each field, the frame only puts it on screen. */
export interface FrameState {
  /** Nothing at all (no call to show, or a provider that hides the button). */
  hidden: boolean;
  /** The other party; empty while a part (the dialler) fills the contact slot. */
  contact: { name?: string; number?: string };
  action?: PrimaryAction;
  /** Every label the primary slot can hold: an invisible copy of each keeps the slot as wide as the widest. */
  sizer: string[];
  /** Why the call button is disabled, in place of the status. */
  reason?: string;
  status: string;
  /** The status line also takes the secondary slot's place (no secondary actions). */
  wide: boolean;
  /** What screen readers are told politely, and urgently (a call ringing in). */
  announcement: string;
  alert: string;
}

export interface FrameOptions {
  /** The status's id, for `aria-describedby` (`<call-button>`'s). */
  statusId?: string;
  /** Whether the live regions stay in the document while the frame is hidden (`<call-controls>`'s do). */
  regionsOutside: boolean;
}

const element = <K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string>): HTMLElementTagNameMap[K] => {
  const created = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) created.setAttribute(name, value);
  return created;
};

const setAttribute = (target: Element, name: string, value: string | undefined) => {
  if (value === undefined) target.removeAttribute(name);
  else if (target.getAttribute(name) !== value) target.setAttribute(name, value);
};

const setText = (target: Node, text: string) => {
  if (target.textContent !== text) target.textContent = text;
};

/**
 * The fixed slots of `<call-button>` and `<call-controls>`, built with the DOM so that the page needs no
 * template engine before its first call: the contact (name and number), the primary action, the status line
 * (or the reason the button is disabled) and the live regions. Nothing moves from one state to the next.
 * The parts downloaded on demand (secondary actions, timer, dialler…) are rendered with Lit into the places
 * this frame keeps for them: `contact`, `primary` (before `sizer`), `base` (before `actions`), `line` (after the
 * status) and the shadow root (after `base`, before `after`).
 */
export class CallFrame {
  readonly base = element('div', { part: 'base', class: 'base' });
  readonly contact = element('span', { part: 'contact', class: 'contact' });
  readonly primary = element('span', { class: 'primary' });
  readonly sizer = element('span', { class: 'sizer', 'aria-hidden': 'true' });
  readonly line = element('span', { class: 'line wide' });
  /**
   * Where the secondary actions go, in `base` before `line`. Lit keeps a render root on the node it renders
   * before (or on its container): this marker is the actions' own, `line` is the status line's.
   */
  readonly actions = document.createComment('actions');
  readonly #name = element('span', { part: 'name', class: 'name' });
  readonly #number = element('span', { part: 'number', class: 'number' });
  readonly #status: HTMLSpanElement;
  readonly #reason = element('span', { part: 'reason', class: 'reason', id: 'reason' });
  readonly #announcement = element('span', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  readonly #alert = element('span', { class: 'visually-hidden', role: 'alert' });
  #button?: HTMLButtonElement;
  #action?: PrimaryAction;

  constructor(
    private readonly root: HTMLElement | DocumentFragment,
    options: FrameOptions,
  ) {
    this.#status = element('span', { part: 'status', class: 'status', tabindex: '-1', ...(options.statusId && { id: options.statusId }) });
    this.primary.append(this.sizer);
    // A space between the status and what follows it on the line (the timer…), as between words.
    this.line.append(this.#status, ' ');
    this.base.append(this.contact, this.primary, this.actions, this.line);
    if (options.regionsOutside) root.append(this.#announcement, this.#alert);
    else this.base.append(this.#announcement, this.#alert);
  }

  /** Where the shadow root's own part (the wrap-up form) goes: after the frame, before live regions kept outside it. */
  get after(): ChildNode | null {
    return this.#announcement.parentNode === this.root ? this.#announcement : null;
  }

  update(state: FrameState): void {
    if (state.hidden) {
      this.base.remove();
    } else if (this.base.parentNode !== this.root) {
      this.root.prepend(this.base);
    }
    this.#updateContact(state.contact);
    this.#updateAction(state.action);
    this.#updateSizer(state.sizer);
    const shown = state.reason === undefined ? this.#status : this.#reason;
    const other = shown === this.#status ? this.#reason : this.#status;
    if (shown.parentNode !== this.line) other.replaceWith(shown);
    setText(shown, state.reason ?? state.status);
    setAttribute(this.line, 'class', state.wide ? 'line wide' : 'line');
    setText(this.#announcement, state.announcement);
    setText(this.#alert, state.alert);
  }

  #updateContact({ name, number }: FrameState['contact']): void {
    if (name) setText(this.#name, name);
    else this.#name.remove();
    if (number) setText(this.#number, number);
    else this.#number.remove();
    // Name first, then number, before whatever a part renders in the slot.
    const shown = [name && this.#name, number && this.#number].filter((span): span is HTMLSpanElement => !!span);
    if (shown.some((span, i) => this.contact.childNodes[i] !== span)) this.contact.prepend(...shown);
  }

  #updateAction(action: PrimaryAction | undefined): void {
    this.#action = action;
    if (!action) {
      this.#button?.remove();
      this.#button = undefined;
      return;
    }
    // Another action is another button (as focus and screen readers expect), the same one is updated.
    if (this.#button?.getAttribute('part') !== action.part) {
      this.#button?.remove();
      const button = element('button', { part: action.part, type: 'button' });
      const label = element('span', { class: 'label' });
      button.append(iconElement(action.look === 'call' ? PHONE_PATH : HANGUP_PATH), label);
      if (action.slotted) label.append(document.createElement('slot'));
      button.addEventListener('click', () => this.#action?.press());
      this.primary.prepend(button);
      this.#button = button;
    }
    const button = this.#button;
    setAttribute(button, 'class', action.look);
    button.disabled = !!action.disabled;
    setAttribute(button, 'aria-disabled', action.busy ? 'true' : undefined);
    setAttribute(button, 'aria-describedby', action.describedBy);
    setAttribute(button, 'aria-label', action.ariaLabel);
    const label = button.lastElementChild!;
    setText(label.firstElementChild ?? label, action.label);
  }

  #updateSizer(labels: string[]): void {
    const spans = [...this.sizer.children];
    if (spans.length === labels.length && spans.every((span, i) => span.textContent === labels[i])) return;
    this.sizer.replaceChildren(
      ...labels.map((text) => {
        const span = document.createElement('span');
        span.textContent = text;
        return span;
      }),
    );
  }
}
