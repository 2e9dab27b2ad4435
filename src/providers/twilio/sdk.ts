import { measured } from '../../internal/perf.js';

export type TwilioSdk = typeof import('@twilio/voice-sdk');

let pending: Promise<TwilioSdk> | undefined;

/**
 * Loads @twilio/voice-sdk on first use only, so that a page that never places a Twilio call never
 * downloads it. The load time is recorded as the performance measure "call-elements:twilio-sdk".
 * A failed load is not cached: the next call tries again.
 */
export function loadTwilioSdk(): Promise<TwilioSdk> {
  pending ??= measured('call-elements:twilio-sdk', () => import('@twilio/voice-sdk')).catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}
