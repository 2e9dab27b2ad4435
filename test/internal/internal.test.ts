import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { atom } from 'nanostores';
import { autoload } from '../../src/internal/autoload.js';
import { defineElement } from '../../src/internal/define.js';
import { StoreController } from '../../src/internal/store-controller.js';
import { CallElementsBase } from '../../src/internal/base-element.js';
import { CallErrorEvent } from '../../src/events/events.js';
import { CallElementsError, isErrorCode, toCallElementsError } from '../../src/internal/errors.js';
import { availableLocales, loadLocale, matchLocale, registerLocale, resolveLocale, translate, type AnyMessageKey } from '../../src/internal/localize.js';
import { settingsMessages } from '../../src/elements/aircall-settings/messages.js';
import { aircallMessages } from '../../src/providers/aircall/messages.js';
import { onDemandErrorMessages } from '../../src/locales/on-demand-errors.js';
import { en } from '../../src/locales/en.js';
import { fr } from '../../src/locales/fr.js';
import { configure } from '../../src/config.js';
import { resetLibrary } from '../helpers/reset.js';

describe('defineElement', () => {
  it('defines once; a second load with another class warns instead of throwing', () => {
    class First extends HTMLElement {}
    class Second extends HTMLElement {}
    const warnings: unknown[][] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      expect(defineElement('test-guarded-el', First)).to.equal(true);
      expect(defineElement('test-guarded-el', Second)).to.equal(false);
      expect(defineElement('test-guarded-el', First)).to.equal(false);
    } finally {
      console.warn = original;
    }
    expect(customElements.get('test-guarded-el')).to.equal(First);
    expect(warnings).to.have.length(1);
    expect(String(warnings[0]![0])).to.contain('<test-guarded-el> is already defined');
  });

  it('registering the call-button module twice does not throw', async () => {
    await import('../../src/elements/call-button/define.js');
    const again = await import('../../src/elements/call-button/define.js?second-load' as string);
    expect(again.CallButton).to.be.a('function');
    expect(customElements.get('call-button')).to.be.a('function');
  });
});

describe('StoreController', () => {
  class StoreView extends LitElement {
    static store = atom(0);
    renders = 0;
    counter = new StoreController(this, StoreView.store);
    override render() {
      this.renders += 1;
      return html`${this.counter.value}`;
    }
  }
  defineElement('test-store-view', StoreView);

  it('renders the current value, re-renders on change, and stops listening when disconnected', async () => {
    StoreView.store.set(1);
    const el = await fixture<StoreView>(html`<test-store-view></test-store-view>`);
    expect(el.shadowRoot!.textContent).to.equal('1');
    StoreView.store.set(2);
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.equal('2');
    expect(StoreView.store.lc).to.equal(1);
    el.remove();
    expect(StoreView.store.lc).to.equal(0);
    const rendersWhileAway = el.renders;
    StoreView.store.set(3);
    await el.updateComplete;
    expect(el.renders).to.equal(rendersWhileAway);
    document.body.append(el);
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.equal('3');
    el.remove();
  });
});

describe('CallElementsBase.emit', () => {
  class Emitter extends CallElementsBase {
    fire() {
      this.emit<'call-error'>(new CallErrorEvent({ code: 'unknown', message: 'x' }));
    }
  }
  defineElement('test-emitter', Emitter);

  it('dispatches events that bubble out of shadow roots to the document', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const shadow = host.attachShadow({ mode: 'open' });
    const emitter = document.createElement('test-emitter') as Emitter;
    shadow.append(emitter);
    let received: Event | undefined;
    const listener = (event: Event) => (received = event);
    document.addEventListener('call-error', listener);
    emitter.fire();
    document.removeEventListener('call-error', listener);
    expect(received).to.be.instanceOf(CallErrorEvent);
    expect(received!.bubbles && received!.composed).to.equal(true);
    expect(received!.target === host, 'retargeted to the shadow host').to.equal(true);
  });
});

describe('errors', () => {
  it('carry a stable code, an English message and a localised one', async () => {
    await loadLocale('fr');
    const error = new CallElementsError('number-invalid', { params: { number: '12' } });
    expect(error).to.be.instanceOf(Error);
    expect(error.code).to.equal('number-invalid');
    expect(error.message).to.match(/^“12” is not a valid phone number/);
    expect(error.localizedMessage('fr')).to.match(/^« 12 » n’est pas un numéro de téléphone valide/);
    expect(JSON.parse(JSON.stringify(error))).to.deep.equal({ code: 'number-invalid', message: error.message });
  });

  it('wrap anything thrown, keeping the cause', () => {
    const cause = new TypeError('boom');
    const wrapped = toCallElementsError(cause, 'provider-failed');
    expect(wrapped.code).to.equal('provider-failed');
    expect(wrapped.message).to.equal('The call provider reported an error: boom');
    expect(wrapped.cause).to.equal(cause);
    expect(toCallElementsError('text').message).to.equal('Something went wrong: text');
    expect(toCallElementsError(wrapped)).to.equal(wrapped);
  });

  it('keep what an error of another window says (a storage shared with an iframe): permanence, status, known code', async () => {
    const frame = document.createElement('iframe');
    frame.src = '/test/fixtures/outbox-frame.html?name=errors';
    document.body.append(frame);
    try {
      const foreignError = await new Promise<unknown>((resolve) => {
        frame.addEventListener('load', () => {
          const { Error: OtherError } = frame.contentWindow as unknown as { Error: ErrorConstructor };
          resolve(Object.assign(new OtherError('refused'), { name: 'CallElementsError', code: 'storage-rejected', permanent: true, status: 422, params: { detail: 'HTTP 422' } }));
        });
      });
      expect(foreignError).not.to.be.instanceOf(Error);
      const wrapped = toCallElementsError(foreignError, 'storage-failed');
      expect(wrapped).to.include({ code: 'storage-rejected', permanent: true, status: 422 });
      expect(wrapped.params).to.deep.equal({ detail: 'HTTP 422' });
      const unknownHere = toCallElementsError({ name: 'CallElementsError', code: 'made-up', permanent: true, message: 'nope' }, 'storage-failed');
      expect(unknownHere).to.include({ code: 'storage-failed', permanent: true });
    } finally {
      frame.remove();
    }
  });

  it('know their own codes', () => {
    expect(isErrorCode('demo-failed')).to.equal(true);
    expect(isErrorCode('toString')).to.equal(false);
    expect(isErrorCode('31005')).to.equal(false);
  });
});

describe('localisation', () => {
  afterEach(resetLibrary);

  it('has the same keys in French as in English, none left empty or untranslated by accident', () => {
    expect(Object.keys(fr).sort()).to.deep.equal(Object.keys(en).sort());
    for (const [key, value] of Object.entries(fr)) expect(value, key).to.be.a('string').and.not.equal('');
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(fr[key]), key).to.deep.equal(placeholders(en[key]));
    }
  });

  it('has the same keys in French as in English in the catalogues of the parts loaded on demand', () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const catalogue of [settingsMessages, aircallMessages, onDemandErrorMessages]) {
      const english = catalogue.en as Record<string, string>;
      const french = catalogue.fr as Record<string, string>;
      expect(Object.keys(french).sort()).to.deep.equal(Object.keys(english).sort());
      for (const key of Object.keys(english)) {
        expect(french[key], key).to.be.a('string').and.not.equal('');
        expect(placeholders(french[key]!), key).to.deep.equal(placeholders(english[key]!));
        expect(key in en, `${key} is not also in the core catalogue`).to.equal(false);
        expect(translate('fr', key as AnyMessageKey), key).to.equal(french[key]);
      }
    }
  });

  it('matches language tags to catalogues and fills placeholders', async () => {
    await loadLocale('fr');
    expect(matchLocale('fr-CA')).to.equal('fr');
    expect(matchLocale('FR')).to.equal('fr');
    expect(matchLocale('de')).to.equal('en');
    expect(matchLocale(undefined)).to.equal('en');
    expect(translate('fr', 'button.callName', { name: 'Ana' })).to.equal('Appeler Ana');
    expect(translate('en', 'button.callName')).to.equal('Call {name}');
  });

  it('resolves element lang, then configure({ locale }), then <html lang>', async () => {
    const outer = await fixture<HTMLDivElement>(html`<div><span></span></div>`);
    const inner = outer.querySelector('span')!;
    document.documentElement.lang = 'fr';
    expect(resolveLocale(inner)).to.equal('fr');
    configure({ locale: 'en' });
    expect(resolveLocale(inner)).to.equal('en');
    outer.setAttribute('lang', 'fr');
    expect(resolveLocale(inner)).to.equal('fr');
  });

  it('accepts new languages, falling back to English for missing keys', () => {
    registerLocale('de', { 'button.call': 'Anrufen' });
    expect(availableLocales()).to.include('de');
    expect(translate('de-AT', 'button.call')).to.equal('Anrufen');
    expect(translate('de', 'button.hangup')).to.equal('Hang up');
  });
});

describe('autoload', () => {
  it('loads an element’s module once, when its tag first appears in the document', async () => {
    let loads = 0;
    const load = autoload('x-autoload-probe', async () => {
      loads += 1;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(loads).to.equal(0);
    const first = document.createElement('x-autoload-probe');
    document.body.append(first);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(loads).to.equal(1);
    document.body.append(document.createElement('x-autoload-probe'));
    await load();
    expect(loads).to.equal(1);
    document.querySelectorAll('x-autoload-probe').forEach((el) => el.remove());
  });

  it('loads at once when the tag is already there, and can be retried after a failed load', async () => {
    const present = document.createElement('x-autoload-present');
    document.body.append(present);
    let attempts = 0;
    const errors: unknown[] = [];
    const originalError = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const load = autoload('x-autoload-present', async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('network down');
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(attempts).to.equal(1);
      expect(errors).to.have.length(1);
      await load();
      expect(attempts).to.equal(2);
    } finally {
      console.error = originalError;
      present.remove();
    }
  });
});
