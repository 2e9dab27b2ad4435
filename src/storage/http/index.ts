export { createHttpStorage } from './http-storage.js';
export type { HttpHeaders, HttpHeadersContext, HttpHeadersSource, HttpStorage, HttpStorageOptions } from './http-storage.js';
