import { lazy } from './lazy.js';

/**
 * Loads an element's module the first time its tag is in the document, so that a page registers it
 * without downloading it until it is used (the script-tag bundle does this for `<aircall-settings>`).
 * Elements inside other shadow roots are not seen: call the returned function to load it yourself.
 * Where there is no DOM (Node, server rendering), it watches nothing until that function is called.
 */
export function autoload(tagName: string, load: () => Promise<unknown>): () => Promise<void> {
  const module = lazy(load);
  let observer: MutationObserver | undefined;
  const start = (): Promise<void> => {
    observer?.disconnect();
    observer = undefined;
    // A failed download is tried again by the next call.
    return module().then(
      () => undefined,
      (error: unknown) => console.error(`[call-elements] could not load <${tagName}>`, error),
    );
  };
  // On a page that never shows the tag this watches every change of the DOM: look at the added nodes
  // only, not at the whole document each time.
  const holds = (node: Node) => node instanceof Element && (node.localName === tagName || !!node.querySelector(tagName));
  // No DOM (Node, server rendering): nothing to watch; the returned function still loads the element.
  if (typeof document === 'undefined' || typeof MutationObserver === 'undefined') return start;
  if (document.querySelector(tagName)) {
    void start();
  } else {
    observer = new MutationObserver((records) => {
      if (records.some((record) => [...record.addedNodes].some(holds))) void start();
    });
    observer.observe(document, { childList: true, subtree: true });
  }
  return start;
}
