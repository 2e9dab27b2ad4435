import type { IncomingOwner } from './incoming.js';
import type { Pipeline } from './pipeline.js';

let loaded: Pipeline | undefined;
let loading: Promise<Pipeline> | undefined;

/** @internal Called by pipeline.ts when it is evaluated, however it was imported. */
export function setLoadedPipeline(pipeline: Pipeline): void {
  loaded = pipeline;
}

/** The call pipeline when its code is there already, for the elements to use synchronously. */
export function loadedPipeline(): Pipeline | undefined {
  return loaded;
}

/**
 * The call pipeline, downloaded on first use. A failed download is tried again on the next use; Firefox
 * and Safari then fetch it again, Chromium replays the failure until the page reloads (whatwg/html#6768).
 */
export function loadPipeline(): Promise<Pipeline> {
  if (loaded) return Promise.resolve(loaded);
  loading ??= import('./pipeline.js').then(
    (module) => module.pipeline,
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/**
 * {@link IncomingOwner | Receives} a provider's calls once the pipeline is there. Returns the function
 * that stops, which also cancels a start still waiting for the download; `onError` hears of a failed one.
 */
export function listenWhenLoaded(providerName: string, owner: IncomingOwner, onError: (error: unknown) => void): () => void {
  if (loaded) return loaded.listenForCalls(providerName, owner);
  let stop: (() => void) | undefined;
  let cancelled = false;
  loadPipeline().then(
    (pipeline) => {
      if (!cancelled) stop = pipeline.listenForCalls(providerName, owner);
    },
    (error: unknown) => {
      if (!cancelled) onError(error);
    },
  );
  return () => {
    cancelled = true;
    stop?.();
  };
}
