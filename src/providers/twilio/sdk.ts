import { lazy } from '../../internal/lazy.js';

export type TwilioSdk = typeof import('@twilio/voice-sdk');

/**
 * Loads @twilio/voice-sdk on first use only, so that a page that never places a Twilio call never
 * downloads it. The load time is recorded as the performance measure "call-elements:twilio-sdk".
 * A failed load is not cached: the next call tries again.
 */
export const loadTwilioSdk: () => Promise<TwilioSdk> = lazy(() => import('@twilio/voice-sdk'), { measure: 'call-elements:twilio-sdk' });
