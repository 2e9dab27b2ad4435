import { extendMessages } from '../../internal/localize.js';
import '../../locales/on-demand-errors.js';

/**
 * The strings of the Aircall workspace dialog and action notifications, in their own catalogue so that pages without it do not download them.
 * Registered when this module loads; a language added with `registerLocale` can include these keys.
 */
const en = {
  'aircall.title': 'Aircall workspace',
  'aircall.close': 'Close the Aircall workspace',
  'aircall.loading': 'Loading the Aircall workspace…',
  'aircall.waiting': 'Waiting for Aircall… Sign in if the workspace asks you to.',
} as const;

const fr: Record<keyof typeof en, string> = {
  'aircall.title': 'Espace de travail Aircall',
  'aircall.close': 'Fermer l’espace de travail Aircall',
  'aircall.loading': 'Chargement de l’espace de travail Aircall…',
  'aircall.waiting': 'En attente d’Aircall… Connectez-vous si l’espace de travail vous le demande.',
};

export const aircallMessages = { en, fr };

declare module '../../internal/localize.js' {
  interface ExtraMessageKeys extends Record<keyof typeof en, true> {}
}

extendMessages(aircallMessages);
