/**
 * Accessibility sweep (issue 14, point 3): every element walked through its states, axe run on each in the light
 * and the dark theme; where focus lands after answering, hanging up, declining, a toast closing and the Aircall
 * dialog closing (never on the page's <body>); live regions saying each change once.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/aircall-settings/define.js';
import '../../src/elements/call-button/define.js';
import '../../src/elements/call-controls/define.js';
import '../../src/elements/call-notification/define.js';
import type { AircallSettings } from '../../src/elements/aircall-settings/aircall-settings.js';
import type { CallButton } from '../../src/elements/call-button/call-button.js';
import type { CallControls } from '../../src/elements/call-controls/call-controls.js';
import type { CallNotificationElement } from '../../src/elements/call-notification/call-notification.js';
import { defineWorkspaceElement, WORKSPACE_TAG } from '../../src/providers/aircall/workspace-element.js';
import { $notifications } from '../../src/store/notifications.js';
import { pushNotification } from '../../src/store/push-notification.js';
import { useElementPage } from '../helpers/element-page.js';
import { until, type ManualProvider } from '../helpers/manual-provider.js';

type Themed = HTMLElement & { theme?: string; updateComplete: Promise<boolean> };

const THEMES = ['light', 'dark'] as const;
const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~='${name}']`);
/** The part name of what has focus inside `el` ('' when focus is elsewhere). */
const focusedPart = (el: Element) => el.shadowRoot!.activeElement?.getAttribute('part') ?? '';

/** The focused element, inside shadow roots too. */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Runs axe on `el` in the light theme and then the dark one, and puts its theme back. */
async function accessibleInBothThemes(el: Themed, state: string): Promise<void> {
  const before = el.getAttribute('theme');
  try {
    for (const theme of THEMES) {
      el.setAttribute('theme', theme);
      await el.updateComplete;
      expect(getComputedStyle(el).colorScheme, `${state}: theme applied`).to.equal(theme);
      await expect(el, `${state}, ${theme}`).shadowDom.to.be.accessible();
    }
  } finally {
    if (before === null) el.removeAttribute('theme');
    else el.setAttribute('theme', before);
    await el.updateComplete;
  }
}

/** Waits for the element's entrance animations (toasts fade in): axe reads colours once they are there. */
async function settled(el: Element): Promise<void> {
  await Promise.all(el.shadowRoot!.getAnimations().map((animation) => animation.finished));
}

describe('accessibility sweep: every state, both themes, focus after each action', () => {
  const provider = useElementPage();
  let manual: ManualProvider;
  beforeEach(() => (manual = provider()));


  it('<call-button> and <call-controls>: idle, connecting, ringing, connected, keypad open, reconnecting, ended, failed with its reason, disabled with its reason', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <call-button provider="manual" number="+33123456789" display-name="Jean Dupont"></call-button>
      <call-button provider="manual" number="+33999999999" disabled></call-button>
      <call-controls></call-controls>
    </div>`);
    const [el, disabled] = [...wrapper.querySelectorAll('call-button')] as CallButton[];
    const controls = wrapper.querySelector<CallControls>('call-controls')!;
    const both = async (state: string) => {
      await controls.updateComplete;
      await accessibleInBothThemes(el!, state);
      if (part(controls, 'base')) await accessibleInBothThemes(controls, `<call-controls> ${state}`);
    };
    await both('idle');
    disabled!.call();
    await until(() => part(disabled!, 'reason'), 'the reason it is disabled');
    await accessibleInBothThemes(disabled!, 'disabled with its reason');

    el!.call();
    await until(() => el!.state === 'connecting', 'connecting');
    await both('connecting');
    manual.emit({ type: 'ringing', callSid: 'CA-sweep' });
    await until(() => el!.state === 'ringing', 'ringing');
    await both('ringing');
    manual.emit({ type: 'connected' });
    await until(() => part(el!, 'mute-button'), 'connected');
    await both('connected');
    part(el!, 'keypad-button')!.click();
    await until(() => part(el!, 'keypad'), 'the dial pad');
    await both('keypad open');
    part(el!, 'keypad-close')!.click();
    await until(() => !part(el!, 'keypad'), 'the dial pad closed');
    expect(focusedPart(el!), 'closing the pad gives focus back to its toggle').to.equal('keypad-button');
    manual.emit({ type: 'reconnecting' });
    await until(() => el!.state === 'reconnecting', 'reconnecting');
    await both('reconnecting');
    manual.emit({ type: 'reconnected' });
    await until(() => el!.state === 'connected', 'reconnected');
    el!.hangup();
    await until(() => el!.state === 'ended', 'ended');
    await both('ended');

    el!.call();
    await until(() => manual.requests.length === 2, 'dialled again');
    manual.emit({ type: 'failed', error: { code: 'provider-failed', message: 'socket closed' } });
    await until(() => part(el!, 'failure'), 'the failure');
    expect(part(el!, 'failure')!.textContent!.trim()).to.not.equal('');
    await both('failed');
  });

  it('<call-button accept-incoming>: incoming and receive-only, axe clean in both themes', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <call-button provider="manual" accept-incoming></call-button>
      <call-controls></call-controls>
    </div>`);
    const el = wrapper.querySelector<CallButton>('call-button')!;
    const controls = wrapper.querySelector<CallControls>('call-controls')!;
    await until(() => manual.listeners === 1, 'listening');
    await el.updateComplete;
    await accessibleInBothThemes(el, 'receive-only, waiting');
    manual.ring({ callSid: 'CA-in', from: '+14155550100' });
    await until(() => el.state === 'incoming', 'incoming');
    await controls.updateComplete;
    await accessibleInBothThemes(el, 'incoming');
    await accessibleInBothThemes(controls, '<call-controls> incoming');
  });

  for (const receiveOnly of [false, true]) {
    const kind = receiveOnly ? 'a receive-only button' : 'a button with a number';
    it(`focus on ${kind}: Answer → Hang up, Hang up → ${receiveOnly ? 'its status' : 'Call'}, Decline → ${receiveOnly ? 'its status' : 'Call'}; never <body>`, async () => {
      const el = receiveOnly
        ? await fixture<CallButton>(html`<call-button provider="manual" accept-incoming></call-button>`)
        : await fixture<CallButton>(html`<call-button provider="manual" number="+33123456789" accept-incoming></call-button>`);
      const after = receiveOnly ? 'status' : 'call-button';
      await until(() => manual.listeners === 1, 'listening');
      manual.ring({ callSid: 'CA-focus-1', from: '+14155550100' });
      await until(() => part(el, 'answer-button'), 'ringing');
      part(el, 'answer-button')!.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => focusedPart(el) === 'hangup-button', 'Hang up focused after answering');
      await sendKeys({ press: 'Enter' });
      await until(() => el.state === 'ended', 'ended');
      await until(() => focusedPart(el) === after, `${after} focused after hanging up`);
      expect(document.activeElement).to.equal(el);

      manual.ring({ callSid: 'CA-focus-2', from: '+14155550100' });
      await until(() => part(el, 'decline-button'), 'ringing again');
      part(el, 'decline-button')!.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => el.state === 'ended', 'declined');
      await until(() => focusedPart(el) === after, `${after} focused after declining`);
      expect(document.activeElement).to.equal(el);
    });
  }

  it('the toasts of <call-notification>: info, warning and an error with Retry, axe clean in both themes; one announcement each', async () => {
    const el = await fixture<CallNotificationElement>(html`<call-notification duration="0"></call-notification>`);
    const status = el.shadowRoot!.querySelector('[role="status"]')!;
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    const added: string[] = [];
    const note = (records: MutationRecord[]) => {
      for (const record of records) {
        for (const node of record.addedNodes) if (node instanceof HTMLElement && node.matches("[part~='toast']")) added.push(node.dataset.id!);
      }
    };
    const observer = new MutationObserver(note);
    observer.observe(status, { childList: true, subtree: true });
    observer.observe(alert, { childList: true, subtree: true });
    try {
      const ids = [
        pushNotification({ kind: 'info', messageKey: 'notify.saving' }),
        pushNotification({ kind: 'warning', messageKey: 'notify.retrying', code: 'storage-failed' }),
        pushNotification({ kind: 'error', messageKey: 'notify.dead', params: { detail: 'HTTP 500' }, code: 'storage-failed', action: { labelKey: 'notify.retry', run: () => {} } }),
      ];
      await until(() => el.shadowRoot!.querySelectorAll("[part~='toast']").length === 3, 'three toasts');
      await el.updateComplete;
      await settled(el);
      expect(alert.querySelector("[part~='action-button']"), 'the error has Retry').to.not.equal(null);
      expect(status.querySelectorAll("[part~='toast']").length, 'info and warning are polite').to.equal(2);
      await accessibleInBothThemes(el, 'info, warning, error with Retry');
      // A re-render (theme changes) adds no toast again: each is inserted into its live region once.
      note(observer.takeRecords());
      expect([...added].sort()).to.deep.equal([...ids].sort());
    } finally {
      observer.disconnect();
    }
  });

  it('focus after a toast closes (dismiss button, Escape, Retry): the next toast, then where it came from; never <body>', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <button id="origin">Before</button>
      <call-notification duration="0"></call-notification>
    </div>`);
    const el = wrapper.querySelector<CallNotificationElement>('call-notification')!;
    const origin = wrapper.querySelector<HTMLButtonElement>('#origin')!;
    const error = (detail: string, action = false) =>
      pushNotification({
        kind: 'error',
        messageKey: 'notify.dead',
        params: { detail },
        code: 'storage-failed',
        ...(action && { action: { labelKey: 'notify.retry' as const, run: () => {} } }),
      });
    error('HTTP 500');
    error('HTTP 502');
    error('HTTP 503', true);
    await until(() => el.shadowRoot!.querySelectorAll("[part~='toast']").length === 3, 'three toasts');
    await el.updateComplete;
    origin.focus();
    await sendKeys({ press: 'Tab' });
    expect(focusedPart(el), 'Tab reaches the first toast').to.equal('dismiss-button');

    await sendKeys({ press: 'Enter' });
    await until(() => $notifications.get().length === 2, 'dismissed by its button');
    await el.updateComplete;
    expect(focusedPart(el), 'dismiss button: focus on the next toast').to.equal('dismiss-button');

    await sendKeys({ press: 'Escape' });
    await until(() => $notifications.get().length === 1, 'dismissed by Escape');
    await el.updateComplete;
    expect(focusedPart(el), 'Escape: focus on the next toast').to.equal('dismiss-button');

    // The last one, closed by its Retry button (just before its dismiss button): focus goes back where it came from.
    el.shadowRoot!.querySelector<HTMLButtonElement>("[part~='action-button']")!.focus();
    expect(focusedPart(el)).to.equal('action-button');
    await sendKeys({ press: 'Enter' });
    await until(() => $notifications.get().length === 0, 'closed by Retry');
    await el.updateComplete;
    await until(() => document.activeElement === origin, 'focus back on the button it came from');
    expect(document.activeElement).to.not.equal(document.body);
  });

  it('<aircall-settings>: the form, errors after submit (the summary focused) and read-only, axe clean in both themes', async () => {
    const el = await fixture<AircallSettings>(html`<aircall-settings organization-id="org-1" country-code="GA" roles="ADMIN" lang="en"></aircall-settings>`);
    await until(() => el.shadowRoot!.querySelector('form'), 'the form');
    await el.updateComplete;
    await accessibleInBothThemes(el, 'form');
    const enabled = el.shadowRoot!.querySelector<HTMLInputElement>('#enabled')!;
    if (!enabled.checked) enabled.click();
    part(el, 'save-button')!.click();
    await until(() => part(el, 'error-summary'), 'the error summary');
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.id, 'focus on the summary').to.equal('error-summary');
    await accessibleInBothThemes(el, 'errors after submit');
    el.roles = 'AGENT';
    await el.updateComplete;
    expect(part(el, 'read-only')).to.not.equal(null);
    await accessibleInBothThemes(el, 'read-only');
  });

  for (const how of ['its close button', 'Escape'] as const) {
    it(`the Aircall workspace dialog: axe clean open, focus back on what opened it after ${how}`, async () => {
      defineWorkspaceElement();
      const wrapper = await fixture<HTMLDivElement>(html`<div><button id="opener">Call</button></div>`);
      const opener = wrapper.querySelector<HTMLButtonElement>('#opener')!;
      const dialog = document.createElement(WORKSPACE_TAG);
      wrapper.append(dialog);
      try {
        opener.focus();
        await dialog.show();
        expect(dialog.isOpen).to.equal(true);
        await until(() => deepActiveElement() === part(dialog, 'close-button'), 'focus in the dialog');
        await expect(dialog).shadowDom.to.be.accessible();
        if (how === 'Escape') await sendKeys({ press: 'Escape' });
        else await sendKeys({ press: 'Enter' });
        await until(() => !dialog.isOpen, 'closed');
        await until(() => deepActiveElement() === opener, 'focus back on the opener');
      } finally {
        dialog.remove();
      }
    });
  }
});
