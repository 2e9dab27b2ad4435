export { loadAircallSdk } from './sdk.js';
export type { AircallWorkspaceConstructor } from './sdk.js';
