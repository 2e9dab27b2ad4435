import { toCallElementsError } from '../../internal/errors.js';
import type { CallStorage } from '../types.js';
import { normaliseBaseUrl } from './base-url.js';
import type { HttpStorage } from './http-storage.js';

/**
 * The HTTP storage of the `storage-url` attribute, whose code loads right after the page chose it
 * instead of with every page: a page that keeps calls in IndexedDB never downloads it. The URL is
 * checked at once, like `createHttpStorage` does.
 */
export function createLazyHttpStorage(baseUrl: string): CallStorage & { readonly baseUrl: string } {
  const normalised = normaliseBaseUrl(baseUrl);
  let loaded: HttpStorage | undefined;
  let loading: Promise<HttpStorage> | undefined;
  const load = (): Promise<HttpStorage> => {
    loading ??= import('./http-storage.js').then(
      ({ createHttpStorage }) => (loaded = createHttpStorage({ baseUrl: normalised })),
      (error: unknown) => {
        loading = undefined;
        // Could not download the adapter: as transient as the network itself.
        throw toCallElementsError(error, 'storage-failed');
      },
    );
    return loading;
  };
  load().catch(() => {});
  const use = async () => loaded ?? load();

  return {
    name: 'http',
    baseUrl: normalised,
    saveCall: async (record) => (await use()).saveCall(record),
    listCalls: async (query) => (await use()).listCalls(query),
    logAction: async (action) => (await use()).logAction(action),
    getRecordingUrl: async (callId) => (await use()).getRecordingUrl(callId),
    getConfig: async (scope) => (await use()).getConfig(scope),
    saveConfig: async (scope, config, options) => (await use()).saveConfig(scope, config, options),
    listConfigVersions: async (scope) => (await use()).listConfigVersions(scope),
    // The page is going away and cannot wait for a download: what is not sent stays queued.
    saveCallsOnUnload: (records) => loaded?.saveCallsOnUnload(records) ?? [],
    dispose: () => {
      void loading?.then((storage) => storage.dispose()).catch(() => {});
    },
  };
}
