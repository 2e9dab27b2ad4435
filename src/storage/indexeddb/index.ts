export { createIndexedDbStorage } from './indexeddb-storage.js';
export type { IndexedDbStorageOptions } from './indexeddb-storage.js';
