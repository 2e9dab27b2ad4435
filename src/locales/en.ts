/**
 * English strings, the reference catalogue: every other language has the same keys.
 * `{name}` placeholders are filled by `translate()`; the values are plain text, never HTML.
 */
export const en = {
  'button.call': 'Call',
  'button.callName': 'Call {name}',
  'button.hangup': 'Hang up',
  'button.answer': 'Answer',
  'state.listening': 'Waiting for calls',
  'state.away': 'Away: not taking calls',
  'state.receptionConnecting': 'Connecting to receive calls…',
  'state.receptionOffline': 'Not receiving calls: reconnecting…',
  'state.idle': 'Ready to call',
  'state.connecting': 'Connecting…',
  'announce.connecting': 'Calling {name}…',
  'error.number-missing': 'No phone number to call.',
  'error.number-invalid':
    '“{number}” is not a valid phone number. Use the international format: +, country code, number (e.g. +33123456789).',
  'error.call-disabled': 'Calling is turned off here.',
  'error.call-in-progress': 'Another call is already in progress. End it before starting a new one.',
  'error.provider-unknown': 'No call provider named “{provider}” is configured.',
  'error.load-failed': 'Part of the calling software could not be downloaded. Check the connection, then try again or reload the page.',
  'error.invalid-options': 'Invalid options: {detail}',
  'error.invalid-record': 'The call record is invalid: {detail}',
  'notify.region': 'Call notifications',
  'error.unknown': 'Something went wrong: {detail}',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
