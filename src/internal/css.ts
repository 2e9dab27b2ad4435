// The page's `css` tag and the adoption of its styles by shadow roots: Lit's css-tag for what a page has before
// its first call. Its results have the shape of Lit's CSSResult (`cssText`, a cached `styleSheet`,
// `_$cssResult$`), so the Lit elements downloaded later take them as their own, in `static styles` and inside
// Lit's css`${...}`. Where shadow roots cannot adopt style sheets, `<style>` elements with the page's `litNonce`.
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

/** Sets a shadow root's styles: its adopted style sheets, or else `<style>` elements. */
export function adoptStyles(root: ShadowRoot, styles: Array<CSSResult | CSSStyleSheet>): void {
  if (canAdoptStyleSheets) {
    root.adoptedStyleSheets = styles.map((style) => (style instanceof CSSStyleSheet ? style : style.styleSheet!));
    return;
  }
  for (const style of styles as CSSResult[]) {
    const element = document.createElement('style');
    const nonce = (globalThis as { litNonce?: string }).litNonce;
    if (nonce !== undefined) element.setAttribute('nonce', nonce);
    element.textContent = style.cssText;
    root.append(element);
  }
}
