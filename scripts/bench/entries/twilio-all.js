// The whole Twilio SDK entry, for information (Device already pulls in nearly all of it).
export * from '@twilio/voice-sdk';
