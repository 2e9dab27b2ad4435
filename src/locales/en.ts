/**
 * English strings, the reference catalogue: every other language has the same keys.
 * `{name}` placeholders are filled by `translate()`; the values are plain text, never HTML.
 */
export const en = {
  'button.call': 'Call',
  'button.callName': 'Call {name}',
  'button.hangup': 'Hang up',
  'button.hangupName': 'Hang up the call with {name}',
  'button.mute': 'Mute',
  'state.idle': 'Ready to call',
  'state.connecting': 'Connecting…',
  'state.ringing': 'Ringing…',
  'state.incoming': 'Incoming call',
  'state.connected': 'Connected',
  'state.reconnecting': 'Reconnecting…',
  'state.ended': 'Call ended',
  'state.failed': 'Call failed',
  'status.completed': 'Call ended',
  'status.busy': 'Line busy',
  'status.no-answer': 'No answer',
  'status.failed': 'Call failed',
  'status.canceled': 'Call canceled',
  'status.rejected': 'Call declined',
  'status.missed': 'Missed call',
  'announce.connecting': 'Calling {name}…',
  'announce.ringing': 'Ringing {name}…',
  'announce.connected': 'Connected to {name}.',
  'announce.reconnecting': 'Connection lost, reconnecting…',
  'announce.ended': '{outcome}. Duration {duration}.',
  'announce.failed': 'Call failed: {message}',
  'timer.label': 'Call duration',
  'duration.short': '{minutes} min {seconds} s',
  'reason.disabled': 'Calling is turned off here.',
  'reason.busy': 'Another call is in progress.',
  'error.number-missing': 'No phone number to call.',
  'error.number-invalid':
    '“{number}” is not a valid phone number. Use the international format: +, country code, number (e.g. +33123456789).',
  'error.call-disabled': 'Calling is turned off here.',
  'error.call-in-progress': 'Another call is already in progress. End it before starting a new one.',
  'error.provider-unknown': 'No call provider named “{provider}” is configured.',
  'error.provider-failed': 'The call provider reported an error: {detail}',
  'error.demo-failed': 'The demo provider failed this call on purpose (outcome “failed”).',
  'error.invalid-options': 'Invalid options: {detail}',
  'error.invalid-record': 'The call record is invalid: {detail}',
  'error.invalid-digits': 'Only digits, *, # and w (pause) can be sent as tones.',
  'error.not-supported': '{provider} does not support {feature}.',
  'error.identity-failed': 'Could not find out who the current user is: {detail}',
  'error.unknown': 'Something went wrong: {detail}',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
