import { extendMessages } from '../../internal/localize.js';

/**
 * The strings of what `<call-button>` and `<call-controls>` show only during a call or with an opt-in attribute
 * (Mute, the dial pad, Decline, the timer, the dialler, the incoming-call prompts): registered when those parts
 * download (call-view-parts.ts), so that a page before its first call does not carry them.
 */
const en = {
  'button.enableAlerts': 'Turn on call alerts',
  'button.available': 'Available',
  'button.enableSound': 'Enable sound',
  'sound.blocked': 'The browser keeps this page silent until you click: incoming calls would not ring aloud.',
  'button.mute': 'Mute',
  'button.decline': 'Decline',
  'button.declineName': 'Decline the call from {name}',
  'button.keypad': 'Keypad',
  'keypad.label': 'Dial pad',
  'keypad.key': 'Send {key}',
  'keypad.sent': 'Tones sent',
  'keypad.close': 'Close the dial pad',
  'dialler.label': 'Number to call',
  'quality.poor': 'Poor connection',
  'quality.details': 'Call quality warnings: {warnings}',
  'timer.label': 'Call duration',
} as const;

const fr: Record<keyof typeof en, string> = {
  'button.enableAlerts': 'Activer les alertes d’appel',
  'button.available': 'Disponible',
  'button.enableSound': 'Activer le son',
  'sound.blocked': 'Le navigateur garde cette page muette jusqu’à un clic : les appels entrants ne sonneraient pas.',
  'button.mute': 'Couper le micro',
  'button.decline': 'Refuser',
  'button.declineName': 'Refuser l’appel de {name}',
  'button.keypad': 'Clavier',
  'keypad.label': 'Clavier numérique',
  'keypad.key': 'Envoyer {key}',
  'keypad.sent': 'Tonalités envoyées',
  'keypad.close': 'Fermer le clavier',
  'dialler.label': 'Numéro à appeler',
  'quality.poor': 'Connexion dégradée',
  'quality.details': 'Alertes de qualité d’appel : {warnings}',
  'timer.label': 'Durée de l’appel',
};

declare module '../../internal/localize.js' {
  interface ExtraMessageKeys extends Record<keyof typeof en, true> {}
}

extendMessages({ en, fr });
