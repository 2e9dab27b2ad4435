import { extendMessages } from '../internal/localize.js';

/**
 * Messages of what the call engine and the storages produce once they run (the queue's notices, storage,
 * identity and provider errors): the engine, each storage adapter and each provider that reports one
 * import this module, so a page downloads these strings with them, not before its first call.
 */
const en = {
  'error.provider-failed': 'The call provider reported an error: {detail}',
  'error.demo-failed': 'The demo provider failed this call on purpose (outcome “failed”).',
  'error.not-supported': '{provider} does not support {feature}.',
  'error.identity-failed': 'Could not find out who the current user is: {detail}',
  'error.caller-lookup-failed': 'Could not find out who is calling: {detail}',
  'error.storage-failed': 'Could not reach the call storage: {detail}',
  'error.storage-rejected': 'The call storage refused the request: {detail}',
  'error.storage-unauthorized': 'The call storage did not accept our credentials: {detail}',
  'error.storage-unavailable': 'Calls cannot be kept on this device ({detail}); they are sent directly instead.',
  'error.storage-quota': 'This device is out of storage space; calls are sent directly instead.',
  'notify.saving': 'Logging the call…',
  'notify.saved': 'Call logged',
  'notify.retrying': 'Call not logged yet — will retry',
  'notify.dead': 'The call could not be logged: {detail}',
  'notify.actionDead': 'A call note could not be logged: {detail}',
  'notify.retry': 'Retry',
  'alert.title': 'Incoming call',
  'alert.flash': 'Incoming call: {name}',
  'alert.unknown': 'Unknown caller',
} as const;

const fr: Record<keyof typeof en, string> = {
  'error.provider-failed': 'Le fournisseur d’appels a signalé une erreur : {detail}',
  'error.demo-failed': 'Le fournisseur de démonstration a fait échouer cet appel exprès (issue « failed »).',
  'error.not-supported': '{provider} ne prend pas en charge {feature}.',
  'error.identity-failed': 'Impossible de savoir qui est l’utilisateur actuel : {detail}',
  'error.caller-lookup-failed': 'Impossible de savoir qui appelle : {detail}',
  'error.storage-failed': 'Impossible de joindre le stockage des appels : {detail}',
  'error.storage-rejected': 'Le stockage des appels a refusé la requête : {detail}',
  'error.storage-unauthorized': 'Le stockage des appels n’a pas accepté les identifiants : {detail}',
  'error.storage-unavailable': 'Les appels ne peuvent pas être conservés sur cet appareil ({detail}) ; ils sont envoyés directement.',
  'error.storage-quota': 'Cet appareil n’a plus d’espace de stockage ; les appels sont envoyés directement.',
  'notify.saving': 'Ajout de l’appel à l’historique…',
  'notify.saved': 'Appel ajouté à l’historique',
  'notify.retrying': 'Appel pas encore ajouté à l’historique — nouvel essai automatique',
  'notify.dead': 'L’appel n’a pas pu être ajouté à l’historique : {detail}',
  'notify.actionDead': 'Une note d’appel n’a pas pu être ajoutée à l’historique : {detail}',
  'notify.retry': 'Réessayer',
  'alert.title': 'Appel entrant',
  'alert.flash': 'Appel entrant : {name}',
  'alert.unknown': 'Appelant inconnu',
};

export const engineMessages = { en, fr };

declare module '../internal/localize.js' {
  interface ExtraMessageKeys extends Record<keyof typeof en, true> {}
}

extendMessages(engineMessages);
