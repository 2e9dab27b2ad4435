/**
 * Loads an element's module the first time its tag is in the document, so that a page registers it
 * without downloading it until it is used (the script-tag bundle does this for `<aircall-settings>`).
 * Elements inside other shadow roots are not seen: call the returned function to load it yourself.
 */
export function autoload(tagName: string, load: () => Promise<unknown>): () => Promise<void> {
  let loading: Promise<void> | undefined;
  let observer: MutationObserver | undefined;
  const start = (): Promise<void> => {
    observer?.disconnect();
    observer = undefined;
    loading ??= load().then(
      () => undefined,
      (error: unknown) => {
        loading = undefined;
        console.error(`[call-elements] could not load <${tagName}>`, error);
      },
    );
    return loading;
  };
  // On a page that never shows the tag this watches every change of the DOM: look at the added nodes
  // only, not at the whole document each time.
  const holds = (node: Node) => node instanceof Element && (node.localName === tagName || !!node.querySelector(tagName));
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
