import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { configure } from '../../src/config.js';
import '../../src/elements/call-notification/define.js';
import type { CallNotificationElement } from '../../src/elements/call-notification/call-notification.js';
import { updateSettings } from '../../src/store/config.js';
import { $notifications, dismissNotification } from '../../src/store/notifications.js';
import { pushNotification, type NewNotification } from '../../src/store/push-notification.js';
import { until, wait } from '../helpers/manual-provider.js';
import { resetLibrary } from '../helpers/reset.js';

type El = CallNotificationElement;

const root = (el: El) => el.shadowRoot!;
const toasts = (el: El) => [...root(el).querySelectorAll<HTMLElement>("[part~='toast']")];
const messages = (el: El) => toasts(el).map((t) => t.querySelector("[part~='message']")!.textContent);
const toastOf = (el: El, id: string) => root(el).querySelector<HTMLElement>(`[data-id="${id}"]`);
const dismissButton = (toast: HTMLElement) => toast.querySelector<HTMLButtonElement>("[part~='dismiss-button']")!;
const actionButton = (toast: HTMLElement) => toast.querySelector<HTMLButtonElement>("[part~='action-button']");
/** `${toast id}:${part}` of the control focused inside the element (strings keep failing assertions readable). */
const focusedControl = (el: El) => {
  const active = root(el).activeElement;
  return active ? `${active.closest('[data-id]')?.getAttribute('data-id')}:${active.getAttribute('part')}` : null;
};
const storedIds = () => $notifications.get().map((n) => n.id);
const statusRegion = (el: El) => root(el).querySelector<HTMLElement>('[role="status"]')!;
const alertRegion = (el: El) => root(el).querySelector<HTMLElement>('[role="alert"]')!;

const info = (extra: Partial<NewNotification> = {}) => pushNotification({ kind: 'info', messageKey: 'notify.saving', ...extra });
const success = (extra: Partial<NewNotification> = {}) => pushNotification({ kind: 'success', messageKey: 'notify.saved', ...extra });
const error = (detail = 'HTTP 500', extra: Partial<NewNotification> = {}) =>
  pushNotification({ kind: 'error', messageKey: 'notify.dead', params: { detail }, code: 'storage-failed', ...extra });

/** Records the pending timers that the code under test starts with exactly `delay` ms. */
function trackTimers(delay: number) {
  const pending = new Set<number>();
  const realSet = window.setTimeout;
  const realClear = window.clearTimeout;
  window.setTimeout = ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
    if (ms !== delay || typeof handler !== 'function') return realSet(handler, ms, ...args);
    const handle = realSet(() => {
      pending.delete(handle);
      handler(...args);
    }, ms);
    pending.add(handle);
    return handle;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((handle?: number) => {
    if (handle !== undefined) pending.delete(handle);
    realClear(handle);
  }) as typeof window.clearTimeout;
  return {
    pending,
    restore() {
      window.setTimeout = realSet;
      window.clearTimeout = realClear;
    },
  };
}

describe('<call-notification>', () => {
  let restoreTimers: (() => void) | undefined;

  beforeEach(resetLibrary);
  afterEach(async () => {
    restoreTimers?.();
    restoreTimers = undefined;
    await resetLibrary();
  });

  it('renders every kind as a toast, oldest first, with kind-specific parts and translated text', async () => {
    const el = await fixture<El>(html`<call-notification notify="all"></call-notification>`);
    info();
    success();
    error('HTTP 500');
    pushNotification({ kind: 'warning', messageKey: 'notify.retrying', code: 'storage-failed' });
    await el.updateComplete;

    // A warning is polite, like info and success: the queue retries by itself, nothing for the person to do.
    const infoToasts = [...statusRegion(el).querySelectorAll<HTMLElement>("[part~='toast']")];
    expect(infoToasts.map((t) => t.getAttribute('part'))).to.deep.equal(['toast toast-info', 'toast toast-success', 'toast toast-warning']);
    expect(infoToasts.map((t) => t.querySelector("[part~='message']")!.textContent)).to.deep.equal([
      'Logging the call…',
      'Call logged',
      'Call not logged yet — will retry',
    ]);
    const errorToasts = [...alertRegion(el).querySelectorAll<HTMLElement>("[part~='toast']")];
    expect(errorToasts.map((t) => t.getAttribute('part'))).to.deep.equal(['toast toast-error']);
    expect(errorToasts[0]!.querySelector("[part~='message']")!.textContent).to.equal('The call could not be logged: HTTP 500');
    for (const toast of toasts(el)) {
      expect(toast.querySelector("[part~='icon']")!.getAttribute('aria-hidden')).to.equal('true');
      expect(dismissButton(toast).getAttribute('aria-label')).to.equal('Dismiss');
      expect(actionButton(toast) === null, 'no action button').to.equal(true);
    }
  });

  it('shows notifications that were pushed before it was created', async () => {
    error('before');
    const el = await fixture<El>(html`<call-notification></call-notification>`);
    expect(messages(el)).to.deep.equal(['The call could not be logged: before']);
  });

  it('without the attribute, follows the configured level (errors by default: the problems, warnings included), live', async () => {
    info();
    success();
    pushNotification({ kind: 'warning', messageKey: 'notify.retrying', code: 'storage-failed' });
    error('boom');
    const el = await fixture<El>(html`<call-notification></call-notification>`);
    expect(messages(el)).to.deep.equal(['Call not logged yet — will retry', 'The call could not be logged: boom']);
    dismissNotification($notifications.get().find((n) => n.kind === 'warning')!.id);

    configure({ notify: 'all' });
    await el.updateComplete;
    expect(messages(el)).to.deep.equal(['Logging the call…', 'Call logged', 'The call could not be logged: boom']);

    updateSettings({ notify: 'none' });
    await el.updateComplete;
    expect(toasts(el).length).to.equal(0);

    configure({ notify: 'errors' });
    await el.updateComplete;
    expect(messages(el)).to.deep.equal(['The call could not be logged: boom']);
  });

  it('the notify attribute overrides the configured level; an invalid value or no attribute falls back to it', async () => {
    configure({ notify: 'all' });
    info();
    error('boom');
    const el = await fixture<El>(html`<call-notification notify="errors"></call-notification>`);
    expect(messages(el)).to.deep.equal(['The call could not be logged: boom']);

    el.setAttribute('notify', 'none');
    await el.updateComplete;
    expect(toasts(el).length).to.equal(0);

    el.setAttribute('notify', 'loud');
    await el.updateComplete;
    expect(messages(el)).to.deep.equal(['Logging the call…', 'The call could not be logged: boom']);

    el.notify = 'errors';
    await el.updateComplete;
    expect(messages(el)).to.deep.equal(['The call could not be logged: boom']);

    el.removeAttribute('notify');
    await el.updateComplete;
    expect(messages(el)).to.deep.equal(['Logging the call…', 'The call could not be logged: boom']);
  });

  it('notify="none" renders no toast at all, whatever is pushed', async () => {
    configure({ notify: 'all' });
    const el = await fixture<El>(html`<call-notification notify="none"></call-notification>`);
    info();
    success();
    error();
    await el.updateComplete;
    expect(toasts(el).length).to.equal(0);
    expect(root(el).querySelectorAll('button').length).to.equal(0);
    expect(statusRegion(el).textContent!.trim()).to.equal('');
    expect(alertRegion(el).textContent!.trim()).to.equal('');
  });

  it('has a labelled region with a polite status region and an alert region from the first render', async () => {
    const el = await fixture<El>(html`<call-notification notify="all"></call-notification>`);
    const base = root(el).querySelector<HTMLElement>("[part~='base']")!;
    expect(base.tagName).to.equal('SECTION');
    expect(base.getAttribute('aria-label')).to.equal('Call notifications');
    const status = statusRegion(el);
    const alert = alertRegion(el);
    expect(status.getAttribute('aria-live')).to.equal('polite');
    expect(status.getAttribute('aria-atomic')).to.equal('false');
    expect(alert.getAttribute('aria-atomic')).to.equal('false');
    expect(base.contains(status) && base.contains(alert)).to.equal(true);

    info();
    error();
    await el.updateComplete;
    // The same region nodes receive the toasts: the live regions were not re-created.
    expect(statusRegion(el) === status, 'same status region').to.equal(true);
    expect(alertRegion(el) === alert, 'same alert region').to.equal(true);
    expect(status.querySelectorAll("[part~='toast-info']").length).to.equal(1);
    expect(status.querySelectorAll("[part~='toast-error']").length).to.equal(0);
    expect(alert.querySelectorAll("[part~='toast-error']").length).to.equal(1);
  });

  it('dismisses info and success toasts after `duration` ms; errors stay', async () => {
    const el = await fixture<El>(html`<call-notification notify="all" duration="60"></call-notification>`);
    const infoId = info();
    const successId = success();
    const errorId = error();
    await el.updateComplete;
    expect(toasts(el).length).to.equal(3);

    await until(() => !storedIds().includes(infoId) && !storedIds().includes(successId), 'info and success dismissed', 2000);
    await el.updateComplete;
    expect(messages(el)).to.deep.equal(['The call could not be logged: HTTP 500']);

    await wait(200);
    expect(storedIds()).to.deep.equal([errorId]);
    expect(toasts(el).length).to.equal(1);
  });

  it('keeps info toasts until dismissed when duration is 0, and uses 5000 ms for an invalid duration', async () => {
    const el = await fixture<El>(html`<call-notification notify="all" duration="0"></call-notification>`);
    const id = info();
    await wait(100);
    expect(storedIds()).to.deep.equal([id]);

    const timers = trackTimers(5000);
    restoreTimers = timers.restore;
    el.setAttribute('duration', 'soon');
    await el.updateComplete;
    expect(timers.pending.size).to.equal(1);
    expect(storedIds()).to.deep.equal([id]);
  });

  it('dismisses a toast when its dismiss button is clicked', async () => {
    const el = await fixture<El>(html`<call-notification notify="all"></call-notification>`);
    const first = error('one');
    const second = error('two');
    await el.updateComplete;
    dismissButton(toastOf(el, first)!).click();
    expect(storedIds()).to.deep.equal([second]);
    await el.updateComplete;
    expect(messages(el)).to.deep.equal(['The call could not be logged: two']);
  });

  it('Escape dismisses the focused toast, moves focus to the next one, then back to where focus came from', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <button id="before">Before</button>
      <call-notification notify="all"></call-notification>
    </div>`);
    const el = wrapper.querySelector('call-notification')!;
    const keydowns: string[] = [];
    const onKeydown = (event: KeyboardEvent) => keydowns.push(event.key);
    document.addEventListener('keydown', onKeydown);
    try {
      const first = error('one');
      const second = error('two');
      await el.updateComplete;

      wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
      await sendKeys({ press: 'Tab' });
      expect(focusedControl(el)).to.equal(`${first}:dismiss-button`);

      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(storedIds()).to.deep.equal([second]);
      expect(focusedControl(el)).to.equal(`${second}:dismiss-button`);

      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(storedIds()).to.deep.equal([]);
      expect(document.activeElement!.id).to.equal('before');
      // The Escape presses were consumed by the toasts, not seen by page handlers (e.g. a dialog's).
      expect(keydowns).to.deep.equal(['Tab']);
    } finally {
      document.removeEventListener('keydown', onKeydown);
    }
  });

  it('Escape on a later toast moves focus to the one before when none follows; keyboard activation of dismiss keeps focus in the stack', async () => {
    const el = await fixture<El>(html`<call-notification notify="all"></call-notification>`);
    const first = error('one');
    const second = error('two');
    const third = error('three');
    await el.updateComplete;

    dismissButton(toastOf(el, third)!).focus();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(storedIds()).to.deep.equal([first, second]);
    expect(focusedControl(el)).to.equal(`${second}:dismiss-button`);

    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(storedIds()).to.deep.equal([first]);
    expect(focusedControl(el)).to.equal(`${first}:dismiss-button`);
  });

  it('Escape outside a toast dismisses nothing', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <button id="outside">Outside</button>
      <call-notification notify="all"></call-notification>
    </div>`);
    const id = error();
    await wrapper.querySelector('call-notification')!.updateComplete;
    wrapper.querySelector<HTMLButtonElement>('#outside')!.focus();
    await sendKeys({ press: 'Escape' });
    expect(storedIds()).to.deep.equal([id]);
  });

  it('an action button runs the action once, then dismisses the toast', async () => {
    const el = await fixture<El>(html`<call-notification notify="all"></call-notification>`);
    let runs = 0;
    const id = error('HTTP 503', { action: { labelKey: 'notify.retry', run: () => (runs += 1) } });
    const other = error('other');
    await el.updateComplete;
    const toast = toastOf(el, id)!;
    const button = actionButton(toast)!;
    expect(button.textContent!.trim()).to.equal('Retry');
    expect(actionButton(toastOf(el, other)!) === null, 'no action button').to.equal(true);

    button.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(runs).to.equal(1);
    expect(storedIds()).to.deep.equal([other]);
    expect(focusedControl(el)).to.equal(`${other}:dismiss-button`);
  });

  it('a throwing or rejecting action never throws into the page; the failure is logged and the toast dismissed', async () => {
    const el = await fixture<El>(html`<call-notification notify="all"></call-notification>`);
    const logged: unknown[][] = [];
    const realError = console.error;
    console.error = (...args: unknown[]) => logged.push(args);
    const pageErrors: unknown[] = [];
    const onError = (event: ErrorEvent) => pageErrors.push(event.error);
    const onRejection = (event: PromiseRejectionEvent) => pageErrors.push(event.reason);
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    try {
      const throwing = error('a', {
        action: {
          labelKey: 'notify.retry',
          run: () => {
            throw new Error('retry exploded');
          },
        },
      });
      const rejecting = error('b', { action: { labelKey: 'notify.retry', run: async () => Promise.reject(new Error('async exploded')) } });
      await el.updateComplete;

      expect(() => actionButton(toastOf(el, throwing)!)!.click()).to.not.throw();
      expect(() => actionButton(toastOf(el, rejecting)!)!.click()).to.not.throw();
      await wait(50);

      expect(storedIds()).to.deep.equal([]);
      expect(pageErrors).to.deep.equal([]);
      expect(logged.map((args) => (args[1] as Error).message)).to.deep.equal(['retry exploded', 'async exploded']);
    } finally {
      console.error = realError;
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    }
  });

  it('speaks French with lang="fr", and follows a lang change', async () => {
    const el = await fixture<El>(html`<call-notification lang="fr" notify="all"></call-notification>`);
    success();
    error('HTTP 500', { action: { labelKey: 'notify.retry', run: () => undefined } });
    await el.updateComplete;
    expect(messages(el)).to.deep.equal(['Appel ajouté à l’historique', 'L’appel n’a pas pu être ajouté à l’historique : HTTP 500']);
    expect(root(el).querySelector("[part~='base']")!.getAttribute('aria-label')).to.equal('Notifications d’appel');
    expect(toasts(el).map((t) => dismissButton(t).getAttribute('aria-label'))).to.deep.equal(['Fermer', 'Fermer']);
    expect(actionButton(toasts(el)[1]!)!.textContent!.trim()).to.equal('Réessayer');

    el.setAttribute('lang', 'en');
    await until(() => messages(el)[0] === 'Call logged', 'English text');
    expect(actionButton(toasts(el)[1]!)!.textContent!.trim()).to.equal('Retry');
  });

  it('renders params as text, never as HTML', async () => {
    const el = await fixture<El>(html`<call-notification notify="all"></call-notification>`);
    const hostile = '<img src=x onerror="window.__callNotificationXss = true">';
    error(hostile);
    await el.updateComplete;
    await wait(50);
    expect(messages(el)).to.deep.equal([`The call could not be logged: ${hostile}`]);
    expect(root(el).querySelectorAll('img').length).to.equal(0);
    expect((window as unknown as Record<string, unknown>).__callNotificationXss).to.equal(undefined);
  });

  it('pauses auto-dismissal while focus is inside the toasts and resumes when it leaves', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <button id="outside">Outside</button>
      <call-notification notify="all" duration="80"></call-notification>
    </div>`);
    const el = wrapper.querySelector('call-notification')!;
    const id = info();
    await el.updateComplete;
    dismissButton(toastOf(el, id)!).focus();
    await wait(250);
    expect(storedIds()).to.deep.equal([id]);

    wrapper.querySelector<HTMLButtonElement>('#outside')!.focus();
    await until(() => storedIds().length === 0, 'dismissed after focus left', 2000);
  });

  it('resumes auto-dismissal when the focused toast disappears without focus going anywhere', async () => {
    const el = await fixture<El>(html`<call-notification notify="all" duration="60"></call-notification>`);
    const focusedError = error();
    await el.updateComplete;
    dismissButton(toastOf(el, focusedError)!).focus();
    dismissNotification(focusedError);
    await el.updateComplete;
    expect(focusedControl(el)).to.equal(null);

    const later = info();
    await until(() => !storedIds().includes(later), 'later toast dismissed on its own', 2000);
  });

  it('leaves no timer behind: a removed element never dismisses later, and restarts its countdowns when re-attached', async () => {
    const timers = trackTimers(4321);
    restoreTimers = timers.restore;
    const el = await fixture<El>(html`<call-notification notify="all" duration="4321"></call-notification>`);
    const id = info();
    success();
    await el.updateComplete;
    expect(timers.pending.size).to.equal(2);

    const parent = el.parentElement!;
    el.remove();
    expect(timers.pending.size).to.equal(0);
    // Updates of a detached element must not start countdowns either.
    el.duration = 4321.5;
    el.duration = 4321;
    info();
    await el.updateComplete;
    expect(timers.pending.size).to.equal(0);

    restoreTimers();
    restoreTimers = undefined;
    el.duration = 40;
    parent.appendChild(el);
    await until(() => !storedIds().includes(id), 're-attached element dismisses', 2000);
  });

  it('a removed element with a short duration does not dismiss anything later', async () => {
    const el = await fixture<El>(html`<call-notification notify="all" duration="40"></call-notification>`);
    const id = info();
    await el.updateComplete;
    el.remove();
    await wait(150);
    expect(storedIds()).to.deep.equal([id]);
  });

  it('a toast dismissed or replaced elsewhere cancels its countdown without disturbing the others', async () => {
    const timers = trackTimers(3000);
    restoreTimers = timers.restore;
    const el = await fixture<El>(html`<call-notification notify="all" duration="3000"></call-notification>`);
    const a = info();
    const saving = info({ key: 'call:1' });
    const errorId = error();
    await el.updateComplete;
    expect(timers.pending.size).to.equal(2);

    dismissNotification(a);
    await el.updateComplete;
    expect(timers.pending.size).to.equal(1);

    const saved = success({ key: 'call:1' });
    await el.updateComplete;
    expect(storedIds()).to.deep.equal([errorId, saved]);
    expect(timers.pending.size).to.equal(1);
    expect(messages(el)).to.deep.equal(['Call logged', 'The call could not be logged: HTTP 500']);
    expect(storedIds()).to.not.include(saving);
  });

  it('two elements showing the same toast do not get in each other\'s way', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <call-notification notify="all" duration="30"></call-notification>
      <call-notification notify="all" duration="60"></call-notification>
    </div>`);
    const [fast, slow] = [...wrapper.querySelectorAll('call-notification')];
    info();
    await until(() => storedIds().length === 0, 'dismissed', 2000);
    await wait(100);
    await fast!.updateComplete;
    await slow!.updateComplete;
    expect(toasts(fast!).length).to.equal(0);
    expect(toasts(slow!).length).to.equal(0);
  });

  it('is accessible with toasts of every kind present', async () => {
    const el = await fixture<El>(html`<call-notification notify="all"></call-notification>`);
    info();
    success();
    error('HTTP 500', { action: { labelKey: 'notify.retry', run: () => undefined } });
    await el.updateComplete;
    expect(toasts(el).length).to.equal(3);
    // The toasts fade in: colours measured mid-animation are blends (axe read 4.0:1 in Firefox), not the toasts'.
    await Promise.all(el.shadowRoot!.getAnimations().map((animation) => animation.finished));
    await expect(el).shadowDom.to.be.accessible();
  });
});
