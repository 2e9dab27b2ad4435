// French is downloaded when an element first speaks it. This file must not import src/locales/fr.ts,
// nor load French any other way before its tests do; the tests run in order.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/call-button/define.js';
import type { CallButton } from '../../src/elements/call-button/call-button.js';
import { availableLocales, loadLocale, registerLocale, translate } from '../../src/internal/localize.js';

describe('languages loaded on demand', () => {
  it('offers French before it is loaded, and speaks English until then', () => {
    expect(availableLocales()).to.include.members(['en', 'fr']);
    expect(translate('fr', 'button.hangup')).to.equal('Hang up');
  });

  it('renders an element in French from its first render, with the host’s own strings on top', async () => {
    registerLocale('fr', { 'button.call': 'Téléphoner' });
    const host = document.createElement('div');
    host.lang = 'fr-CA';
    const el = document.createElement('call-button') as CallButton;
    el.number = '+33123456789';
    const texts: string[] = [];
    host.append(el);
    document.body.append(host);
    try {
      new MutationObserver(() => texts.push(el.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim())).observe(el.shadowRoot!, {
        childList: true,
        subtree: true,
        characterData: true,
      });
      await el.updateComplete;
      const button = el.shadowRoot!.querySelector('[part~="call-button"]')!;
      expect(button.textContent!.trim()).to.equal('Téléphoner');
      expect(el.shadowRoot!.querySelector('[part~="status"]')!.textContent).to.equal('Prêt à appeler');
      expect(texts.length > 0, 'rendered').to.equal(true);
      expect(texts.filter((text) => /Call|Ready/.test(text)), 'never rendered in English').to.deep.equal([]);
      expect(translate('fr', 'button.hangup')).to.equal('Raccrocher');
    } finally {
      host.remove();
    }
  });

  it('loads a language for the programmatic API with loadLocale()', async () => {
    await loadLocale('fr');
    expect(translate('fr', 'button.hangup')).to.equal('Raccrocher');
    await loadLocale('xx');
    expect(translate('xx', 'button.hangup')).to.equal('Hang up');
  });
});

describe('languages loaded on demand, with fixture()', () => {
  it('renders elements in French once loaded', async () => {
    const el = await fixture<CallButton>(html`<call-button lang="fr" number="+33123456789" display-name="Ana"></call-button>`);
    expect(el.shadowRoot!.querySelector('[part~="call-button"]')!.textContent!.trim()).to.equal('Appeler Ana');
  });
});
