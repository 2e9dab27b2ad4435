// The reference of the size target: what a page needs from the Twilio SDK to place a call.
export { Device } from '@twilio/voice-sdk';
