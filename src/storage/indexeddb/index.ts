export { createIndexedDbStorage } from './indexeddb-storage.js';
export type { IndexedDbStorage, IndexedDbStorageOptions } from './indexeddb-storage.js';
