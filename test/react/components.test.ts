import { expect } from '@open-wc/testing';
import { act, createElement, createRef, StrictMode, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { configure } from '../../src/config.js';
import type { AircallSettings as AircallSettingsElement } from '../../src/elements/aircall-settings/aircall-settings.js';
import type { CallHistory as CallHistoryElement } from '../../src/elements/call-history/call-history.js';
import type { CallAudioSettings as CallAudioSettingsElement } from '../../src/elements/call-audio-settings/call-audio-settings.js';
import { CallButton as CallButtonElement } from '../../src/elements/call-button/call-button.js';
import type { CallNotificationElement } from '../../src/elements/call-notification/call-notification.js';
import {
  CallConnectEvent,
  CallEndEvent,
  CallErrorEvent,
  CallStartEvent,
  CallStoredEvent,
  SettingsErrorEvent,
  SettingsSavedEvent,
} from '../../src/events/events.js';
import { createDemoProvider } from '../../src/providers/demo/index.js';
import { AircallSettings } from '../../src/react/aircall-settings.js';
import { CallHistory } from '../../src/react/call-history.js';
import { CallAudioSettings } from '../../src/react/call-audio-settings.js';
import { CallButton, CallNotification } from '../../src/react/index.js';
import { defaultAircallConfig } from '../../src/schema/aircall-config.js';
import { createMemoryStorage } from '../../src/storage/memory/index.js';
import { pushNotification } from '../../src/store/push-notification.js';
import { until, wait } from '../helpers/manual-provider.js';
import { sampleRecord } from '../helpers/records.js';
import { resetLibrary } from '../helpers/reset.js';

// Tells React that renders are wrapped in act(), which flushes them (and their effects) before it resolves.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLElement;
let root: Root;

async function render(node: ReactNode): Promise<void> {
  await act(async () => root.render(node));
}

async function unmount(): Promise<void> {
  await act(async () => root.unmount());
}

const part = (el: HTMLElement, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~='${name}']`);

describe('call-elements/react', () => {
  beforeEach(async () => {
    await resetLibrary();
    configure({ providers: { demo: createDemoProvider({ connectAfterMs: 5, answerAfterMs: 5 }) } });
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });

  afterEach(async () => {
    await unmount();
    container.remove();
    document.querySelectorAll('call-button').forEach((el) => el.hangup());
    await resetLibrary();
  });

  describe('<CallButton>', () => {
    it('renders the registered <call-button>, sets its props as element properties, forwards the ref and HTML attributes', async () => {
      const ref = createRef<CallButtonElement>();
      await render(
        createElement(CallButton, {
          ref,
          provider: 'demo',
          number: '+33 1 23 45 67 89',
          displayName: 'Jean Dupont',
          agentId: 'agent-7',
          leadId: 'lead-42',
          requestId: 'req-123',
          organizationId: 'org-1',
          countryCode: 'GA',
          disabled: true,
          id: 'lead-call',
          className: 'primary',
        }),
      );
      const el = container.querySelector('call-button')!;
      expect(el instanceof CallButtonElement).to.equal(true);
      expect(ref.current === el, 'the ref is the element').to.equal(true);
      await el.updateComplete;
      expect([el.provider, el.number, el.displayName, el.agentId, el.leadId, el.requestId, el.organizationId, el.countryCode]).to.deep.equal([
        'demo',
        '+33 1 23 45 67 89',
        'Jean Dupont',
        'agent-7',
        'lead-42',
        'req-123',
        'org-1',
        'GA',
      ]);
      expect(el.disabled).to.equal(true);
      expect(el.hasAttribute('disabled'), 'reflected by the element').to.equal(true);
      expect(el.id).to.equal('lead-call');
      expect(el.className).to.equal('primary');
      expect(part(el, 'name')!.textContent).to.equal('Jean Dupont');
      expect((part(el, 'call-button') as HTMLButtonElement).disabled).to.equal(true);
    });

    it('leaves HTML attributes to React (class, title, aria-*), and sets a property no longer passed to undefined', async () => {
      const ref = createRef<CallButtonElement>();
      await render(
        createElement(CallButton, {
          ref,
          number: '+33123456789',
          displayName: 'Jean Dupont',
          dispositions: ['interested', 'call-back'],
          title: 'Call the lead',
          'aria-describedby': 'lead-hint',
          className: 'primary',
        }),
      );
      const el = ref.current!;
      await el.updateComplete;
      expect([el.getAttribute('title'), el.getAttribute('aria-describedby'), el.getAttribute('class')]).to.deep.equal([
        'Call the lead',
        'lead-hint',
        'primary',
      ]);
      expect(el.dispositions, 'an array is set as the property, not stringified').to.deep.equal(['interested', 'call-back']);
      expect(el.hasAttribute('displayname') || el.hasAttribute('displayName'), 'a property is not an attribute').to.equal(false);
      expect(part(el, 'name')!.textContent).to.equal('Jean Dupont');

      await render(createElement(CallButton, { ref, number: '+33123456789', className: 'primary' }));
      await el.updateComplete;
      expect(ref.current === el, 'the same element').to.equal(true);
      expect(el.displayName).to.equal(undefined);
      expect(el.dispositions).to.equal(undefined);
      expect([el.getAttribute('title'), el.getAttribute('aria-describedby')], 'attributes no longer passed are removed by React').to.deep.equal([null, null]);
      expect(el.number).to.equal('+33123456789');
    });

    it('sets the words of translate and draggable as attributes (as properties, "no" and "false" would be true), booleans as properties', async () => {
      const ref = createRef<CallButtonElement>();
      await render(createElement(CallButton, { ref, number: '+33123456789', translate: 'no', draggable: 'false' }));
      const el = ref.current!;
      expect([el.getAttribute('translate'), el.translate, el.getAttribute('draggable'), el.draggable]).to.deep.equal(['no', false, 'false', false]);

      await render(createElement(CallButton, { ref, number: '+33123456789', translate: 'yes', draggable: true }));
      expect([el.getAttribute('translate'), el.translate, el.draggable]).to.deep.equal(['yes', true, true]);

      await render(createElement(CallButton, { ref, number: '+33123456789' }));
      expect([el.hasAttribute('translate'), el.hasAttribute('draggable')], 'removed with the props').to.deep.equal([false, false]);
    });

    it('passes each event of a whole call to its callback, as the typed event', async () => {
      const starts: CallStartEvent[] = [];
      const connects: CallConnectEvent[] = [];
      const ends: CallEndEvent[] = [];
      const stored: CallStoredEvent[] = [];
      const errors: CallErrorEvent[] = [];
      await render(
        createElement(CallButton, {
          number: '+33123456789',
          displayName: 'Jean Dupont',
          leadId: 'lead-42',
          onCallStart: (event) => starts.push(event),
          onCallConnect: (event) => connects.push(event),
          onCallEnd: (event) => ends.push(event),
          onCallStored: (event) => stored.push(event),
          onCallError: (event) => errors.push(event),
        }),
      );
      const el = container.querySelector('call-button')!;
      await el.updateComplete;
      part(el, 'call-button')!.click();
      await until(() => el.state === 'connected', 'connected');
      part(el, 'hangup-button')!.click();
      await until(() => stored.length === 1, 'call-stored');

      expect(starts.length).to.equal(1);
      expect(starts[0] instanceof CallStartEvent).to.equal(true);
      expect(starts[0]!.detail).to.deep.equal({
        provider: 'demo',
        direction: 'outbound',
        to: '+33123456789',
        displayName: 'Jean Dupont',
        leadId: 'lead-42',
      });
      expect(connects.length).to.equal(1);
      expect(connects[0] instanceof CallConnectEvent).to.equal(true);
      expect(ends.length).to.equal(1);
      expect(ends[0] instanceof CallEndEvent).to.equal(true);
      expect(ends[0]!.detail).to.deep.include({ provider: 'demo', status: 'completed', endedBy: 'agent', leadId: 'lead-42' });
      expect(ends[0]!.detail.callSid).to.equal(connects[0]!.detail.callSid);
      expect(stored[0] instanceof CallStoredEvent).to.equal(true);
      expect(stored[0]!.detail).to.deep.equal({ id: ends[0]!.detail.id });
      expect(errors.length).to.equal(0);
    });

    it('passes errors to onCallError as CallErrorEvent, with the code and the message in the element’s language', async () => {
      const ref = createRef<CallButtonElement>();
      const errors: CallErrorEvent[] = [];
      await render(createElement(CallButton, { ref, lang: 'fr', onCallError: (event) => errors.push(event) }));
      await ref.current!.updateComplete;
      ref.current!.call();
      expect(errors.length).to.equal(1);
      expect(errors[0] instanceof CallErrorEvent).to.equal(true);
      expect(errors[0]!.detail).to.deep.equal({ code: 'number-missing', message: 'Aucun numéro de téléphone à appeler.', provider: 'demo' });
    });

    it('re-rendering updates the same element and swaps callbacks; a removed callback is no longer called', async () => {
      const ref = createRef<CallButtonElement>();
      const first: CallErrorEvent[] = [];
      const second: CallErrorEvent[] = [];
      const onElement: CallErrorEvent[] = [];
      await render(
        createElement(CallButton, { ref, number: '+33123456789', displayName: 'Jean', onCallError: (event) => first.push(event) }),
      );
      const el = ref.current!;
      el.addEventListener('call-error', (event) => onElement.push(event));

      await render(
        createElement(CallButton, {
          ref,
          number: '+14155550100',
          displayName: 'Ada',
          disabled: true,
          onCallError: (event) => second.push(event),
        }),
      );
      expect(ref.current === el, 'the same element').to.equal(true);
      expect(container.querySelectorAll('call-button').length).to.equal(1);
      await el.updateComplete;
      expect([el.number, el.displayName, el.disabled]).to.deep.equal(['+14155550100', 'Ada', true]);
      expect(part(el, 'name')!.textContent).to.equal('Ada');

      el.call();
      expect(second.map((e) => e.detail.code)).to.deep.equal(['call-disabled']);
      expect(first.length).to.equal(0);

      await render(createElement(CallButton, { ref, number: '+14155550100', disabled: true }));
      el.call();
      expect(onElement.length, 'the element did report the error').to.equal(2);
      expect(second.length).to.equal(1);
      expect(first.length).to.equal(0);
    });

    it('unmounting removes the listeners: a call that ends after unmount reaches no callback', async () => {
      const ref = createRef<CallButtonElement>();
      const ends: CallEndEvent[] = [];
      const stored: CallStoredEvent[] = [];
      const errors: CallErrorEvent[] = [];
      await render(
        createElement(CallButton, {
          ref,
          number: '+33123456789',
          onCallEnd: (event) => ends.push(event),
          onCallStored: (event) => stored.push(event),
          onCallError: (event) => errors.push(event),
        }),
      );
      const el = ref.current!;
      await el.updateComplete;
      el.call();
      await until(() => el.state === 'connected', 'connected');
      // The call outlives the component: its end and storage are reported to the page (document).
      const endedOnPage: CallEndEvent[] = [];
      const storedOnPage: CallStoredEvent[] = [];
      const errorsOnElement: CallErrorEvent[] = [];
      const onEnd = (event: CallEndEvent) => endedOnPage.push(event);
      const onStored = (event: CallStoredEvent) => storedOnPage.push(event);
      document.addEventListener('call-end', onEnd);
      document.addEventListener('call-stored', onStored);
      el.addEventListener('call-error', (event) => errorsOnElement.push(event));

      await unmount();
      expect(el.isConnected).to.equal(false);
      el.hangup();
      await until(() => storedOnPage.length === 1, 'call-stored on the page');
      document.removeEventListener('call-end', onEnd);
      document.removeEventListener('call-stored', onStored);
      el.disabled = true;
      el.call();

      expect(endedOnPage.length, 'the page heard the end').to.equal(1);
      expect(errorsOnElement.map((e) => e.detail.code)).to.deep.equal(['call-disabled']);
      expect(ends.length).to.equal(0);
      expect(stored.length).to.equal(0);
      expect(errors.length).to.equal(0);
    });

    it('under StrictMode (effects run twice) each event reaches its callback once', async () => {
      const ref = createRef<CallButtonElement>();
      const errors: CallErrorEvent[] = [];
      const button = createElement(CallButton, { ref, number: '', onCallError: (event) => errors.push(event) });
      await render(createElement(StrictMode, null, button));
      await ref.current!.updateComplete;
      ref.current!.call();
      expect(errors.map((e) => e.detail.code)).to.deep.equal(['number-missing']);
    });
  });

  describe('<AircallSettings>', () => {
    it('sets its props as element properties before the first load, then follows re-renders', async () => {
      const ref = createRef<AircallSettingsElement>();
      const errors: SettingsErrorEvent[] = [];
      await render(
        createElement(AircallSettings, {
          ref,
          organizationId: 'org-1',
          countryCode: 'GA',
          roles: 'ADMIN',
          userId: 'admin-1',
          onSettingsError: (event) => errors.push(event),
        }),
      );
      const el = ref.current!;
      expect(el.localName).to.equal('aircall-settings');
      await until(() => el.shadowRoot!.querySelector('form'), 'the form');
      expect([el.organizationId, el.countryCode, el.roles, el.userId]).to.deep.equal(['org-1', 'GA', 'ADMIN', 'admin-1']);
      expect(el.canEdit).to.equal(true);
      expect(part(el, 'save-button') !== null).to.equal(true);
      expect(errors.map((e) => e.detail.code), 'no scope-missing: the scope was there before the first load').to.deep.equal([]);

      await render(createElement(AircallSettings, { ref, organizationId: 'org-1', countryCode: 'GA', roles: 'ADMIN', readOnly: true }));
      await el.updateComplete;
      expect(el.hasAttribute('readonly')).to.equal(true);
      expect(part(el, 'save-button') === null).to.equal(true);
    });

    it('passes settings-saved to onSettingsSaved as SettingsSavedEvent', async () => {
      const ref = createRef<AircallSettingsElement>();
      const saved: SettingsSavedEvent[] = [];
      const errors: SettingsErrorEvent[] = [];
      await render(
        createElement(AircallSettings, {
          ref,
          organizationId: 'org-1',
          countryCode: 'GA',
          roles: 'ADMIN',
          userId: 'admin-1',
          onSettingsSaved: (event) => saved.push(event),
          onSettingsError: (event) => errors.push(event),
        }),
      );
      const el = ref.current!;
      await until(() => el.shadowRoot!.querySelector('form'), 'the form');
      expect(el.importConfig({ ...defaultAircallConfig(), workspaceSize: 'big' }).ok).to.equal(true);
      expect(await el.save()).to.equal(true);
      expect(saved.length).to.equal(1);
      expect(saved[0] instanceof SettingsSavedEvent).to.equal(true);
      expect(saved[0]!.detail).to.deep.include({ organizationId: 'org-1', countryCode: 'GA', version: 1 });
      expect(saved[0]!.detail.config.workspaceSize).to.equal('big');
      expect(errors.length).to.equal(0);
    });

    it('passes settings-error to onSettingsError as SettingsErrorEvent', async () => {
      const ref = createRef<AircallSettingsElement>();
      const errors: SettingsErrorEvent[] = [];
      await render(
        createElement(AircallSettings, {
          ref,
          organizationId: 'org-1',
          countryCode: 'GA',
          roles: 'AGENT',
          onSettingsError: (event) => errors.push(event),
        }),
      );
      const el = ref.current!;
      // An AGENT gets the read-only view (no form); asking it to save is refused with a typed error.
      await until(() => el.shadowRoot!.querySelector('[part="read-only"]'), 'the read-only view');
      expect(el.shadowRoot!.querySelector('form')).to.equal(null);
      expect(await el.save()).to.equal(false);
      expect(errors.length).to.equal(1);
      expect(errors[0] instanceof SettingsErrorEvent).to.equal(true);
      expect(errors[0]!.detail.code).to.equal('permission-denied');
    });
  });

  describe('<CallHistory>', () => {
    it('sets its props as element properties before the first read and lists that lead’s calls', async () => {
      const storage = createMemoryStorage();
      configure({ storage });
      await storage.saveCall(sampleRecord({ leadId: 'lead-r', to: '+33155555555', displayName: undefined }));
      await storage.saveCall(sampleRecord({ leadId: 'lead-other' }));
      const ref = createRef<CallHistoryElement>();
      await render(createElement(CallHistory, { ref, leadId: 'lead-r', limit: 5, headingLevel: 3 }));
      const el = ref.current!;
      expect(el.localName).to.equal('call-history');
      await until(() => el.shadowRoot!.querySelector("[part~='call']"), 'the call listed');
      expect([el.leadId, el.limit, el.headingLevel]).to.deep.equal(['lead-r', 5, 3]);
      expect(el.shadowRoot!.querySelectorAll("[part~='call']")).to.have.length(1);
      expect(part(el, 'call-heading')!.textContent).to.contain('+33155555555');
    });
  });

  describe('<CallAudioSettings>', () => {
    it('sets its props as element properties: the heading level and the provider it follows', async () => {
      const ref = createRef<CallAudioSettingsElement>();
      await render(createElement(CallAudioSettings, { ref, provider: 'office-twilio', headingLevel: 3 }));
      const el = ref.current!;
      expect(el.localName).to.equal('call-audio-settings');
      expect([el.provider, el.headingLevel]).to.deep.equal(['office-twilio', 3]);
      await until(() => part(el, 'heading')?.getAttribute('aria-level') === '3', 'the heading');
    });
  });

  describe('<CallNotification>', () => {
    it('sets notify and duration as element properties: toasts follow them', async () => {
      const ref = createRef<CallNotificationElement>();
      await render(createElement(CallNotification, { ref, notify: 'none', duration: 0 }));
      const el = ref.current!;
      expect(el.localName).to.equal('call-notification');
      expect([el.notify, el.duration]).to.deep.equal(['none', 0]);
      const toasts = () => el.shadowRoot!.querySelectorAll("[part~='toast']").length;
      pushNotification({ kind: 'info', messageKey: 'notify.saving' });
      await el.updateComplete;
      expect(toasts()).to.equal(0);

      await render(createElement(CallNotification, { ref, notify: 'all', duration: 0 }));
      await el.updateComplete;
      expect(el.notify).to.equal('all');
      expect(toasts()).to.equal(1);
      await wait(20);
      expect(toasts(), 'duration 0 keeps the toast').to.equal(1);
    });
  });
});
