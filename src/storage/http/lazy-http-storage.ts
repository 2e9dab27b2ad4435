import { toCallElementsError } from '../../internal/errors.js';
import { lazy } from '../../internal/lazy.js';
import { normaliseBaseUrl } from './base-url.js';
import { checkHttpOptions } from './http-options.js';
import type { HttpStorage, HttpStorageOptions } from './http-storage.js';
import '../../locales/engine-messages.js';

export type { HttpHeaders, HttpHeadersContext, HttpHeadersSource, HttpStorage, HttpStorageOptions } from './http-storage.js';

/**
 * The HTTP storage (same options, same behaviour as {@link createHttpStorage}) whose code — the
 * adapter and the validation of what the server answers, about 17 kB min+gzip — downloads on first
 * use: the first record to send or configuration to read. An agent page built with it downloads
 * nothing of it before its first call. The options are checked at once, like `createHttpStorage` does.
 *
 * One difference: `saveCallsOnUnload` sends nothing before the first use (the page is going away and
 * cannot wait for a download); the records stay queued and the next page sends them.
 *
 * The `storage-url` attribute of `<call-button>` uses this storage.
 */
export function createLazyHttpStorage(options: HttpStorageOptions | string): HttpStorage {
  const given = typeof options === 'string' ? { baseUrl: options } : options;
  checkHttpOptions(given);
  const baseUrl = normaliseBaseUrl(given.baseUrl);
  let disposed = false;
  const adapter = lazy(() =>
    import('./http-storage.js').then(({ createHttpStorage }) => {
      const created = createHttpStorage({ ...given, baseUrl });
      if (disposed) created.dispose();
      return created;
    }),
  );
  const use = (): Promise<HttpStorage> =>
    adapter.value
      ? Promise.resolve(adapter.value)
      : adapter().catch((error: unknown) => {
          // Could not download the adapter: as transient as the network itself.
          throw toCallElementsError(error, 'storage-failed');
        });

  return {
    name: 'http',
    baseUrl,
    saveCall: async (record) => (await use()).saveCall(record),
    saveCalls: async (records) => (await use()).saveCalls(records),
    listCalls: async (query) => (await use()).listCalls(query),
    logAction: async (action) => (await use()).logAction(action),
    listActions: async (query) => (await use()).listActions(query),
    getRecordingUrl: async (callId) => (await use()).getRecordingUrl(callId),
    getConfig: async (scope) => (await use()).getConfig(scope),
    saveConfig: async (scope, config, saveOptions) => (await use()).saveConfig(scope, config, saveOptions),
    listConfigVersions: async (scope) => (await use()).listConfigVersions(scope),
    saveCallsOnUnload: (records) => adapter.value?.saveCallsOnUnload(records) ?? [],
    dispose: () => {
      disposed = true;
      adapter.value?.dispose();
    },
  };
}
