// The page's `css` tag and the adoption of its styles by shadow roots: Lit's css-tag for what a page has before
// its first call. Its results have the shape of Lit's CSSResult (`cssText`, a cached `styleSheet`,
// `_$cssResult$`), so the Lit elements downloaded later take them as their own, in `static styles` and inside
// Lit's css`${...}`. `addStyles` adds styles to a shadow root (Lit's `adoptStyles` replaces them); where shadow roots
// cannot adopt style sheets, `<style>` elements with the page's `litNonce`.
// What it leaves out: `unsafeCSS` (every style here is a literal) and Lit's run-time check of interpolated values
// (the types allow only styles and numbers), ShadyCSS (shadow DOM's polyfill, which these elements do not support).
import type { CSSResult } from '@lit/reactive-element/css-tag.js';

/** Whether shadow roots can adopt constructed style sheets (Lit's `supportsAdoptingStyleSheets`). */
export const canAdoptStyleSheets =
  !!globalThis.ShadowRoot && 'adoptedStyleSheets' in Document.prototype && 'replace' in CSSStyleSheet.prototype;

class PageStyles {
  readonly _$cssResult$ = true;
  #sheet?: CSSStyleSheet;

  constructor(readonly cssText: string) {}

  /** One style sheet for every shadow root that adopts these styles, made when the first does. */
  get styleSheet(): CSSStyleSheet | undefined {
    if (canAdoptStyleSheets && !this.#sheet) (this.#sheet = new CSSStyleSheet()).replaceSync(this.cssText);
    return this.#sheet;
  }

  toString(): string {
    return this.cssText;
  }
}

/** css`...`: styles, with other styles or numbers interpolated. Typed as Lit's CSSResult, whose shape it has. */
export const css = (strings: TemplateStringsArray, ...values: Array<CSSResult | number>): CSSResult =>
  new PageStyles(strings.reduce((text, string, i) => text + values[i - 1] + string)) as unknown as CSSResult;

/**
 * Adds styles to a shadow root, after those it has: a class's styles as the root is made, then those that
 * download later (the parts shown during a call, the toasts). Adopted style sheets, or else `<style>` elements.
 */
export function addStyles(root: ShadowRoot, styles: CSSResult[]): void {
  if (canAdoptStyleSheets) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...styles.map((style) => style.styleSheet!)];
    return;
  }
  const nonce = (globalThis as { litNonce?: string }).litNonce;
  for (const style of styles) {
    const element = document.createElement('style');
    if (nonce !== undefined) element.setAttribute('nonce', nonce);
    element.textContent = style.cssText;
    root.append(element);
  }
}
