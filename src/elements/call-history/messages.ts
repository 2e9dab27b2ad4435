import { extendMessages } from '../../internal/localize.js';
import '../../locales/engine-messages.js';

/**
 * The strings of <call-history>, in their own catalogue so that pages without it do not download them.
 * Registered when this module loads; a language added with `registerLocale` can include these keys.
 */
const en = {
  'history.title': 'Call history',
  'history.loading': 'Loading the call history…',
  'history.empty': 'No calls yet.',
  'history.noScope': 'Give this call history a lead-id, request-id or agent-id to show calls.',
  'history.count.one': '{count} call',
  'history.count.other': '{count} calls',
  'history.failed': 'The call history could not be loaded.',
  'history.retry': 'Try again',
  'history.call.outbound': 'Outgoing call to {contact}, {date}',
  'history.call.inbound': 'Incoming call from {contact}, {date}',
  'history.contact.named': '{name} ({number})',
  'history.contact.unknown': 'unknown number',
  'history.outcome': 'Outcome',
  'history.duration': 'Duration',
  'history.recording': 'Recording',
  'history.recording.link': 'Listen to the recording of this call',
  'history.recording.opens': '(opens in a new tab)',
  'history.notes': 'Notes',
  'history.timeline.label': 'Timeline of this call',
  'history.others': 'Other notes and actions',
  'history.by': 'by {name}',
  'history.action.call-started': 'Call started',
  'history.action.call-answered': 'Call answered',
  'history.action.call-ended': 'Call ended',
  'history.action.call-missed': 'Missed call',
  'history.action.login': 'Signed in',
  'history.action.logout': 'Signed out',
  'history.action.note': 'Note',
} as const;

const fr: Record<keyof typeof en, string> = {
  'history.title': 'Historique des appels',
  'history.loading': 'Chargement de l’historique des appels…',
  'history.empty': 'Aucun appel pour l’instant.',
  'history.noScope': 'Indiquez un lead-id, un request-id ou un agent-id à cet historique pour afficher des appels.',
  'history.count.one': '{count} appel',
  'history.count.other': '{count} appels',
  'history.failed': 'L’historique des appels n’a pas pu être chargé.',
  'history.retry': 'Réessayer',
  'history.call.outbound': 'Appel sortant vers {contact}, {date}',
  'history.call.inbound': 'Appel entrant de {contact}, {date}',
  'history.contact.named': '{name} ({number})',
  'history.contact.unknown': 'numéro inconnu',
  'history.outcome': 'Issue',
  'history.duration': 'Durée',
  'history.recording': 'Enregistrement',
  'history.recording.link': 'Écouter l’enregistrement de cet appel',
  'history.recording.opens': '(s’ouvre dans un nouvel onglet)',
  'history.notes': 'Notes',
  'history.timeline.label': 'Chronologie de cet appel',
  'history.others': 'Autres notes et actions',
  'history.by': 'par {name}',
  'history.action.call-started': 'Appel commencé',
  'history.action.call-answered': 'Appel décroché',
  'history.action.call-ended': 'Appel terminé',
  'history.action.call-missed': 'Appel manqué',
  'history.action.login': 'Connexion',
  'history.action.logout': 'Déconnexion',
  'history.action.note': 'Note',
};

export const historyMessages = { en, fr };

declare module '../../internal/localize.js' {
  interface ExtraMessageKeys extends Record<keyof typeof en, true> {}
}

extendMessages(historyMessages);
