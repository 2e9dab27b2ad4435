// The page's css tag (src/internal/css.ts) against Lit's css-tag, which it stands in for on the page: the same
// text, styles that Lit's elements and Lit's css take as theirs, adopted sheets shared by every shadow root,
// and `<style>` elements with the page's nonce where shadow roots cannot adopt style sheets.
import { expect } from '@open-wc/testing';
import { adoptStyles as litAdoptStyles, css as litCss } from '@lit/reactive-element/css-tag.js';
import { LitElement, html } from 'lit';
import { addStyles, canAdoptStyleSheets, css } from '../../src/internal/css.js';

let count = 0;

/** An element of its own with an open shadow root and a `<p>` in it. */
function host(): { el: HTMLElement; root: ShadowRoot; p: HTMLElement } {
  const el = document.createElement('div');
  document.body.append(el);
  const root = el.attachShadow({ mode: 'open' });
  const p = document.createElement('p');
  root.append(p);
  return { el, root, p };
}

describe('css (the page’s css tag)', () => {
  afterEach(() => document.querySelectorAll('body > div').forEach((el) => el.remove()));

  it('gives the text of Lit’s css for the same template, with styles (its own or Lit’s) and numbers interpolated', () => {
    const ours = css`p { color: red; }`;
    const theirs = litCss`p { color: red; }`;
    expect(ours.cssText).to.equal(theirs.cssText);
    const compose = (tag: typeof css) => tag`:host { margin: ${4}px; } ${ours} ${theirs} p { order: ${-1}; }`;
    expect(compose(css).cssText).to.equal(compose(litCss).cssText);
    expect(compose(css).cssText).to.equal(':host { margin: 4px; } p { color: red; } p { color: red; } p { order: -1; }');
    expect(`${ours}`, 'a string, as Lit’s').to.equal('p { color: red; }');
    // And Lit's css takes ours inside it, as it takes its own (it refuses anything else).
    expect(litCss`${ours} a { color: blue; }`.cssText).to.equal('p { color: red; } a { color: blue; }');
    expect(() => litCss`${'p { color: red; }' as unknown as number}`).to.throw();
  });

  it('is adopted by shadow roots, each sharing one style sheet per style, after those already there', () => {
    expect(canAdoptStyleSheets, 'every engine under test adopts style sheets').to.equal(true);
    const colour = css`p { color: rgb(1, 2, 3); }`;
    const size = litCss`p { font-size: 13px; }`;
    const a = host();
    const b = host();
    addStyles(a.root, [colour, size]);
    addStyles(b.root, [colour]);
    expect(getComputedStyle(a.p).color).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(a.p).fontSize).to.equal('13px');
    expect(getComputedStyle(b.p).color).to.equal('rgb(1, 2, 3)');
    expect(a.root.adoptedStyleSheets[0] === b.root.adoptedStyleSheets[0], 'one sheet for both roots').to.equal(true);
    expect(a.root.adoptedStyleSheets[0] === colour.styleSheet).to.equal(true);
    // As Lit's adoptStyles does with the same list.
    const c = host();
    litAdoptStyles(c.root, [colour, size]);
    expect(c.root.adoptedStyleSheets).to.deep.equal(a.root.adoptedStyleSheets);
    expect(a.root.querySelector('style'), 'no <style> element').to.equal(null);
  });

  it('styles a Lit element, in its static styles and in Lit’s css', async () => {
    const tag = `css-test-${++count}`;
    const shared = css`p { color: rgb(4, 5, 6); }`;
    customElements.define(
      tag,
      class extends LitElement {
        static override styles = [shared, litCss`${shared} p { font-size: 11px; }`];
        override render() {
          return html`<p>text</p>`;
        }
      },
    );
    const el = document.createElement(tag) as LitElement;
    document.body.append(el);
    await el.updateComplete;
    const p = el.shadowRoot!.querySelector('p')!;
    expect([getComputedStyle(p).color, getComputedStyle(p).fontSize]).to.deep.equal(['rgb(4, 5, 6)', '11px']);
    el.remove();
  });

  describe('where shadow roots cannot adopt style sheets', () => {
    const descriptor = Object.getOwnPropertyDescriptor(Document.prototype, 'adoptedStyleSheets')!;
    let fallback: typeof import('../../src/internal/css.js');

    before(async () => {
      // A fresh instance of the module, evaluated while documents lack adoptedStyleSheets (older Safari).
      delete (Document.prototype as { adoptedStyleSheets?: unknown }).adoptedStyleSheets;
      try {
        const fresh = '../../src/internal/css.ts?without-adoption'; // the source itself, and a variable: TypeScript resolves no query string
        fallback = (await import(fresh)) as typeof fallback;
      } finally {
        Object.defineProperty(Document.prototype, 'adoptedStyleSheets', descriptor);
      }
    });

    afterEach(() => delete (globalThis as { litNonce?: string }).litNonce);

    it('adds a <style> element per style, with the page’s litNonce, and makes no style sheet', () => {
      expect(fallback.canAdoptStyleSheets).to.equal(false);
      (globalThis as { litNonce?: string }).litNonce = 'n0nce';
      const colour = fallback.css`p { color: rgb(7, 8, 9); }`;
      const { root, p } = host();
      fallback.addStyles(root, [colour, litCss`p { font-size: 12px; }`]);
      const styles = [...root.querySelectorAll('style')];
      expect(styles.map((style) => [style.textContent, style.getAttribute('nonce')])).to.deep.equal([
        ['p { color: rgb(7, 8, 9); }', 'n0nce'],
        ['p { font-size: 12px; }', 'n0nce'],
      ]);
      expect([getComputedStyle(p).color, getComputedStyle(p).fontSize]).to.deep.equal(['rgb(7, 8, 9)', '12px']);
      expect(colour.styleSheet).to.equal(undefined);
      expect(root.adoptedStyleSheets.length).to.equal(0);
    });

    it('adds no nonce when the page has none', () => {
      const { root } = host();
      fallback.addStyles(root, [fallback.css`p { color: red; }`]);
      expect(root.querySelector('style')!.hasAttribute('nonce')).to.equal(false);
    });
  });
});
