import type { Messages } from './en.js';

export const fr: Messages = {
  'button.call': 'Appeler',
  'button.callName': 'Appeler {name}',
  'button.hangup': 'Raccrocher',
  'button.answer': 'Répondre',
  'state.listening': 'En attente d’appels',
  'state.away': 'Absent : vous ne recevez pas d’appels',
  'state.receptionConnecting': 'Connexion pour recevoir les appels…',
  'state.receptionOffline': 'Appels entrants interrompus : reconnexion…',
  'state.idle': 'Prêt à appeler',
  'state.connecting': 'Connexion…',
  'announce.connecting': 'Appel en cours vers {name}…',
  'error.number-missing': 'Aucun numéro de téléphone à appeler.',
  'error.number-invalid':
    '« {number} » n’est pas un numéro de téléphone valide. Utilisez le format international : +, indicatif du pays, numéro (ex. +33123456789).',
  'error.call-disabled': 'Les appels sont désactivés ici.',
  'error.call-in-progress': 'Un appel est déjà en cours. Terminez-le avant d’en passer un autre.',
  'error.provider-unknown': 'Aucun fournisseur d’appels nommé « {provider} » n’est configuré.',
  'error.load-failed': 'Une partie du logiciel d’appel n’a pas pu être téléchargée. Vérifiez la connexion, puis réessayez ou rechargez la page.',
  'error.invalid-options': 'Options invalides : {detail}',
  'error.invalid-record': 'La fiche d’appel est invalide : {detail}',
  'notify.region': 'Notifications d’appel',
  'error.unknown': 'Une erreur est survenue : {detail}',
};
