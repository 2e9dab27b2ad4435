/**
 * Incoming calls that are seen in a background tab (`configure({ notifyIncoming })`, `notify-incoming`): a
 * system notification once the agent allowed them, and a flashing tab title, both gone when the tab comes
 * to the front or the call stops ringing; the permission is asked on a click, never at load.
 *
 * The tab's visibility is set through `document.visibilityState` (a test cannot send a real tab to the
 * background), and `Notification` is replaced by a stand-in with the Web API's surface (permission,
 * requestPermission, the constructor's title and options, close, click events), since a test browser
 * neither asks nor shows.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { configure, requestCallNotifications } from '../../src/config.js';
import '../../src/elements/call-button/define.js';
import type { CallButton } from '../../src/elements/call-button/call-button.js';
import { TITLE_FLASH_MS } from '../../src/calls/incoming-alert.js';
import { $call } from '../../src/store/call.js';
import { createFlakyStorage } from '../helpers/flaky-storage.js';
import { createManualProvider, until, type ManualProvider } from '../helpers/manual-provider.js';
import { isolatedOutbox, resetLibrary } from '../helpers/reset.js';

const part = (element: Element, name: string) => element.shadowRoot!.querySelector<HTMLElement>(`[part~='${name}']`);

class StandInNotification extends EventTarget {
  static permission: NotificationPermission = 'default';
  static asked = 0;
  static answer: NotificationPermission = 'granted';
  static shown: StandInNotification[] = [];
  static async requestPermission(): Promise<NotificationPermission> {
    StandInNotification.asked += 1;
    StandInNotification.permission = StandInNotification.answer;
    return StandInNotification.permission;
  }
  closed = false;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions = {},
  ) {
    super();
    StandInNotification.shown.push(this);
  }
  close(): void {
    this.closed = true;
  }
}

let hidden = false;
const realNotification = Object.getOwnPropertyDescriptor(globalThis, 'Notification');

function setHidden(value: boolean): void {
  hidden = value;
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('incoming calls in a background tab', () => {
  let manual: ManualProvider;
  const pageTitle = 'Agent desk';

  beforeEach(async () => {
    await resetLibrary();
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
    Object.defineProperty(globalThis, 'Notification', { configurable: true, writable: true, value: StandInNotification });
    Object.assign(StandInNotification, { permission: 'granted', asked: 0, answer: 'granted', shown: [] });
    hidden = false;
    document.title = pageTitle;
    manual = createManualProvider('manual', ['outbound', 'inbound']);
    configure({ providers: { manual }, storage: createFlakyStorage(), outbox: isolatedOutbox() });
  });
  afterEach(async () => {
    hidden = false;
    delete (document as { visibilityState?: unknown }).visibilityState;
    if (realNotification) Object.defineProperty(globalThis, 'Notification', realNotification);
    else delete (globalThis as { Notification?: unknown }).Notification;
    await resetLibrary();
  });

  async function receiver(template = html`<call-button provider="manual" accept-incoming></call-button>`) {
    const el = await fixture<CallButton>(template);
    await until(() => manual.listeners === 1, 'listening');
    return el;
  }

  const titles = async (count: number) => {
    const seen = new Set<string>();
    await until(() => (seen.add(document.title), seen.size >= count), `${count} titles`, TITLE_FLASH_MS * 5);
    return seen;
  };

  it('configure({ notifyIncoming }): one notification and a flashing title while it rings hidden; both go when the tab is shown', async () => {
    configure({ notifyIncoming: true });
    await receiver();
    setHidden(true);
    expect(manual.ring({ callSid: 'CA400', from: '+33612345678' })).to.equal(true);
    expect(StandInNotification.shown).to.have.length(1);
    const [shown] = StandInNotification.shown;
    expect(shown!.title).to.equal('Incoming call');
    expect(shown!.options.body).to.equal('+33612345678');
    expect(shown!.options.requireInteraction).to.equal(true);
    expect([...(await titles(2))].sort()).to.deep.equal(['Agent desk', 'Incoming call: +33612345678']);
    setHidden(false);
    expect(document.title).to.equal(pageTitle);
    expect(shown!.closed).to.equal(true);
    // Still ringing, hidden again: the title flashes again.
    setHidden(true);
    expect(document.title).to.equal('Incoming call: +33612345678');
    expect($call.get()?.state).to.equal('incoming');
  });

  it('stops when the call stops ringing (answered, declined or given up), and restores the title', async () => {
    configure({ notifyIncoming: true });
    const el = await receiver();
    setHidden(true);
    manual.ring({ callSid: 'CA401', from: '+33612345678' });
    expect(document.title).to.not.equal(pageTitle);
    el.answer();
    await until(() => $call.get()?.state === 'connected', 'answered');
    expect(document.title).to.equal(pageTitle);
    expect(StandInNotification.shown[0]!.closed).to.equal(true);
  });

  it('names the caller once lookupCaller answered; a click on the notification brings the tab forward', async () => {
    configure({ notifyIncoming: true, lookupCaller: () => ({ displayName: 'Marie Curie' }) });
    await receiver();
    manual.ring({ callSid: 'CA402', from: '+33612345678' });
    await until(() => $call.get()?.displayName === 'Marie Curie', 'looked up');
    setHidden(true);
    expect(StandInNotification.shown[0]!.options.body).to.equal('Marie Curie\n+33612345678');
    expect(document.title).to.equal('Incoming call: Marie Curie');
    StandInNotification.shown[0]!.dispatchEvent(new Event('click'));
    expect(StandInNotification.shown[0]!.closed).to.equal(true);
    expect(document.title).to.equal(pageTitle);
  });

  it('nothing while the tab is visible, nothing without the consent, and only the title when notifications are refused', async () => {
    await receiver();
    setHidden(true);
    manual.ring({ callSid: 'CA403', from: '+33612345678' });
    expect(document.title).to.equal(pageTitle);
    expect(StandInNotification.shown).to.have.length(0);
    manual.emit({ type: 'ended', endedBy: 'remote' });
    await until(() => $call.get()?.state === 'ended', 'given up');

    configure({ notifyIncoming: true });
    setHidden(false);
    manual.ring({ callSid: 'CA404', from: '+33612345678' });
    expect(StandInNotification.shown).to.have.length(0);
    manual.emit({ type: 'ended', endedBy: 'remote' });
    await until(() => $call.get()?.state === 'ended', 'given up');

    StandInNotification.permission = 'denied';
    setHidden(true);
    manual.ring({ callSid: 'CA405', from: '+33612345678' });
    expect(StandInNotification.shown).to.have.length(0);
    expect(document.title).to.equal('Incoming call: +33612345678');
  });

  it('notify-incoming on the button that takes the call, in its language', async () => {
    await receiver(html`<call-button provider="manual" accept-incoming notify-incoming lang="fr"></call-button>`);
    setHidden(true);
    manual.ring({ callSid: 'CA406', from: '+33612345678' });
    expect(StandInNotification.shown[0]!.title).to.equal('Appel entrant');
    expect(document.title).to.equal('Appel entrant : +33612345678');
  });

  it('"Turn on call alerts" asks on a click, never at load, then goes away with focus kept in the element', async () => {
    StandInNotification.permission = 'default';
    const plain = await fixture<CallButton>(html`<call-button provider="manual" accept-incoming></call-button>`);
    expect(part(plain, 'alerts-button')).to.equal(null);
    plain.remove();
    const el = await receiver(html`<call-button provider="manual" accept-incoming notify-incoming></call-button>`);
    expect(StandInNotification.asked).to.equal(0);
    const button = part(el, 'alerts-button')!;
    expect(button.textContent).to.equal('Turn on call alerts');
    await expect(el).shadowDom.to.be.accessible();
    button.focus();
    button.click();
    await until(() => part(el, 'alerts-button') === null, 'the button gone');
    expect(StandInNotification.asked).to.equal(1);
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.contain('status');
    el.lang = 'fr';
    StandInNotification.permission = 'default';
    const again = await fixture<CallButton>(html`<call-button provider="manual" accept-incoming notify-incoming lang="fr"></call-button>`);
    expect(part(again, 'alerts-button')!.textContent).to.equal('Activer les alertes d’appel');
  });

  it('requestCallNotifications(): the answer, asked once; "unsupported" without the API', async () => {
    StandInNotification.permission = 'default';
    StandInNotification.answer = 'denied';
    expect(await requestCallNotifications()).to.equal('denied');
    expect(await requestCallNotifications()).to.equal('denied');
    expect(StandInNotification.asked).to.equal(1);
    delete (globalThis as { Notification?: unknown }).Notification;
    expect(await requestCallNotifications()).to.equal('unsupported');
  });
});
