export { createTwilioProvider, TWILIO_DEFAULT_CONNECT_TIMEOUT_MS } from './twilio-provider.js';
export type {
  TwilioCall,
  TwilioCallProvider,
  TwilioDevice,
  TwilioDeviceConstructor,
  TwilioDeviceOptions,
  TwilioEmitter,
  TwilioListener,
  TwilioProviderOptions,
  TwilioSdkModule,
} from './twilio-provider.js';
export { AUDIO_PREFERENCES_KEY, readAudioPreferences } from './audio-preferences.js';
export type { AudioDeviceKind, TwilioAudioAccess, TwilioAudioHelper, TwilioAudioPreferences, TwilioOutputDevices } from './audio-preferences.js';
export { loadTwilioSdk } from './sdk.js';
export type { TwilioSdk } from './sdk.js';
