export { loadTwilioSdk } from './sdk.js';
export type { TwilioSdk } from './sdk.js';
