export { createMemoryStorage } from './memory-storage.js';
export type { MemoryStorage } from './memory-storage.js';
