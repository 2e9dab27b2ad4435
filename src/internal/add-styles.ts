import type { CSSResult } from '@lit/reactive-element/css-tag.js';
import { adoptStyles, canAdoptStyleSheets } from './css.js';

/**
 * Adds styles that downloaded after the element rendered to its shadow root, after the ones it has (a Lit
 * element's static `styles` are set once, when it first connects). Without constructable style sheets (older
 * Safari), a `<style>` element, with the page's `litNonce` as Lit does it.
 */
export function addStyles(root: ShadowRoot, styles: CSSResult): void {
  adoptStyles(root, canAdoptStyleSheets ? [...root.adoptedStyleSheets, styles] : [styles]);
}
