import { extendMessages } from '../../internal/localize.js';
import '../../locales/on-demand-errors.js';

/**
 * The strings of <call-audio-settings>, in their own catalogue so that pages without it do not download them.
 * Registered when this module loads; a language added with `registerLocale` can include these keys.
 */
const en = {
  'audio.title': 'Audio devices',
  'audio.input': 'Microphone',
  'audio.speaker': 'Speaker',
  'audio.ringtone': 'Ringtone',
  'audio.default': 'System default',
  'audio.unnamed.input': 'Microphone {index}',
  'audio.unnamed.output': 'Speaker {index}',
  'audio.ringtone.hint': 'Where incoming calls ring.',
  'audio.output.unsupported': 'This browser plays calls through the system’s default speaker: change it in the system’s sound settings.',
  'audio.labels.hidden': 'Device names appear once the microphone is allowed: test the microphone to allow it.',
  'audio.level': 'Microphone level',
  'audio.level.start': 'Test the microphone',
  'audio.level.stop': 'Stop the microphone test',
  'audio.level.running': 'Microphone test on: speak to see the level move.',
  'audio.test': 'Play a test sound',
  'audio.test.playing': 'Playing a test sound.',
  'audio.saved': '{kind}: {device}.',
  'audio.changed': 'The audio devices changed.',
  'audio.lost': 'The chosen {kind} was unplugged: the system’s default is used until it is back.',
  'audio.notSaved': 'This browser did not keep the choice: it lasts until the page closes.',
  'audio.failed': 'Something went wrong with the audio devices.',
} as const;

const fr: Record<keyof typeof en, string> = {
  'audio.title': 'Périphériques audio',
  'audio.input': 'Micro',
  'audio.speaker': 'Haut-parleur',
  'audio.ringtone': 'Sonnerie',
  'audio.default': 'Par défaut du système',
  'audio.unnamed.input': 'Micro {index}',
  'audio.unnamed.output': 'Haut-parleur {index}',
  'audio.ringtone.hint': 'Là où sonnent les appels entrants.',
  'audio.output.unsupported': 'Ce navigateur fait passer les appels par le haut-parleur par défaut du système : changez-le dans les réglages son du système.',
  'audio.labels.hidden': 'Le nom des périphériques apparaît une fois le micro autorisé : testez le micro pour l’autoriser.',
  'audio.level': 'Niveau du micro',
  'audio.level.start': 'Tester le micro',
  'audio.level.stop': 'Arrêter le test du micro',
  'audio.level.running': 'Test du micro en cours : parlez pour voir le niveau bouger.',
  'audio.test': 'Jouer un son de test',
  'audio.test.playing': 'Son de test en cours de lecture.',
  'audio.saved': '{kind} : {device}.',
  'audio.changed': 'Les périphériques audio ont changé.',
  'audio.lost': 'Le {kind} choisi a été débranché : celui par défaut du système est utilisé jusqu’à son retour.',
  'audio.notSaved': 'Ce navigateur n’a pas gardé ce choix : il vaut jusqu’à la fermeture de la page.',
  'audio.failed': 'Un problème est survenu avec les périphériques audio.',
};

export const audioSettingsMessages = { en, fr };

declare module '../../internal/localize.js' {
  interface ExtraMessageKeys extends Record<keyof typeof en, true> {}
}

extendMessages(audioSettingsMessages);
