export { createTwilioProvider, TWILIO_DEFAULT_CONNECT_TIMEOUT_MS } from './twilio-provider.js';
export type {
  TwilioCall,
  TwilioDevice,
  TwilioDeviceConstructor,
  TwilioDeviceOptions,
  TwilioEmitter,
  TwilioListener,
  TwilioProviderOptions,
  TwilioSdkModule,
} from './twilio-provider.js';
export { loadTwilioSdk } from './sdk.js';
export type { TwilioSdk } from './sdk.js';
