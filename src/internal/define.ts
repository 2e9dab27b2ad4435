/**
 * Registers a custom element once. When the library is loaded twice (two bundles, a micro-frontend),
 * the second registration warns and keeps the first instead of throwing "already defined".
 * Returns false when nothing was registered.
 */
export function defineElement(tagName: string, constructor: CustomElementConstructor): boolean {
  // No custom element registry (Node without Lit's server shim): nothing to register, and importing the
  // element's module must not throw.
  if (typeof customElements === 'undefined') return false;
  const existing = customElements.get(tagName);
  if (existing) {
    if (existing !== constructor) {
      console.warn(
        `[call-elements] <${tagName}> is already defined, probably by a second copy of call-elements on this page. ` +
          'Keeping the first definition; load the library once.',
      );
    }
    return false;
  }
  customElements.define(tagName, constructor);
  return true;
}
