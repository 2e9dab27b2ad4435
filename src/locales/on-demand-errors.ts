import { extendMessages } from '../internal/localize.js';

/**
 * Messages of the error codes that only the parts loaded on demand produce (the Twilio and Aircall
 * providers, Aircall configurations and their storage, `<aircall-settings>`): each of those imports
 * this module, so agent pages do not download these strings until such a part is used.
 */
const en = {
  'error.browser-unsupported': 'This browser cannot place calls with {provider}. Use a recent Chrome, Edge, Firefox or Safari.',
  'error.sdk-load-failed': 'Could not load the {provider} calling software: {detail}',
  'error.token-failed': 'Could not get a calling token from the server: {detail}',
  'error.token-invalid': 'The calling token was refused ({detail}). Ask your administrator to check the token service.',
  'error.token-expired': 'Your calling session expired. Try again; if it keeps happening, reload the page.',
  'error.microphone-denied':
    'The microphone is blocked. Allow microphone access for this site (the icon in the address bar), then try again.',
  'error.microphone-unavailable': 'No microphone could be used: {detail}. Check that one is plugged in and not used by another app.',
  'error.audio-device-failed': 'The chosen audio device could not be used ({detail}). The system’s default device is used instead.',
  'error.connection-failed': 'The call could not be connected: {detail}',
  'error.call-check-failed': 'The call check could not finish: {detail}',
  'error.scope-missing': 'Aircall needs the organization-id and country-code of the organisation to call from.',
  'error.config-missing': 'Aircall is not configured for this organisation ({organizationId}, {countryCode}).',
  'error.config-unsupported': 'The configured storage ({storage}) cannot keep Aircall configurations.',
  'error.aircall-disabled': 'Aircall is turned off for this organisation.',
  'error.outbound-not-allowed': 'This organisation’s Aircall settings do not allow outbound calls.',
  'error.workspace-timeout':
    'The Aircall workspace did not answer within {seconds} s. If it asks you to sign in, sign in, then call again; if it stays blank or shows an error, check your connection and that this site’s domain is allowed in Aircall.',
  'error.aircall-not-ready': 'Aircall is not ready: sign in to the Aircall workspace, then try again.',
  'error.aircall-no-answer': 'The Aircall workspace did not respond. Try again.',
  'error.aircall-in-call': 'You are already on a call in Aircall. End it before starting a new one.',
  'error.permission-denied': 'Permission denied: your role cannot do this.',
  'error.organization-not-found': 'Organization not found.',
  'error.config-conflict': 'Someone else changed this configuration since you opened it. Reload it to see their changes.',
  'error.config-invalid': 'The configuration is invalid: {detail}',
  'error.import-invalid': 'This file is not a valid configuration: {detail}',
} as const;

const fr: Record<keyof typeof en, string> = {
  'error.browser-unsupported': 'Ce navigateur ne peut pas passer d’appels avec {provider}. Utilisez une version récente de Chrome, Edge, Firefox ou Safari.',
  'error.sdk-load-failed': 'Impossible de charger le logiciel d’appel {provider} : {detail}',
  'error.token-failed': 'Impossible d’obtenir un jeton d’appel auprès du serveur : {detail}',
  'error.token-invalid': 'Le jeton d’appel a été refusé ({detail}). Demandez à votre administrateur de vérifier le service de jetons.',
  'error.token-expired': 'Votre session d’appel a expiré. Réessayez ; si cela se reproduit, rechargez la page.',
  'error.microphone-denied':
    'Le micro est bloqué. Autorisez l’accès au micro pour ce site (l’icône dans la barre d’adresse), puis réessayez.',
  'error.microphone-unavailable': 'Aucun micro n’a pu être utilisé : {detail}. Vérifiez qu’un micro est branché et libre.',
  'error.audio-device-failed': 'Le périphérique audio choisi n’a pas pu être utilisé ({detail}). Le périphérique par défaut du système est utilisé à la place.',
  'error.connection-failed': 'L’appel n’a pas pu être établi : {detail}',
  'error.call-check-failed': 'Le test d’appel n’a pas pu aller au bout : {detail}',
  'error.scope-missing': 'Aircall a besoin de l’organization-id et du country-code de l’organisation qui appelle.',
  'error.config-missing': 'Aircall n’est pas configuré pour cette organisation ({organizationId}, {countryCode}).',
  'error.config-unsupported': 'Le stockage configuré ({storage}) ne sait pas conserver les configurations Aircall.',
  'error.aircall-disabled': 'Aircall est désactivé pour cette organisation.',
  'error.outbound-not-allowed': 'Les réglages Aircall de cette organisation n’autorisent pas les appels sortants.',
  'error.workspace-timeout':
    'L’espace de travail Aircall n’a pas répondu en {seconds} s. S’il vous demande de vous connecter, connectez-vous puis rappelez ; s’il reste vide ou affiche une erreur, vérifiez votre connexion et que le domaine de ce site est autorisé dans Aircall.',
  'error.aircall-not-ready': 'Aircall n’est pas prêt : connectez-vous à l’espace de travail Aircall, puis réessayez.',
  'error.aircall-no-answer': 'L’espace de travail Aircall n’a pas répondu. Réessayez.',
  'error.aircall-in-call': 'Vous êtes déjà en communication dans Aircall. Terminez-la avant d’en commencer une autre.',
  'error.permission-denied': 'Action non autorisée : votre rôle ne le permet pas.',
  'error.organization-not-found': 'Organisation introuvable.',
  'error.config-conflict': 'Quelqu’un d’autre a modifié cette configuration depuis que vous l’avez ouverte. Rechargez-la pour voir ses changements.',
  'error.config-invalid': 'La configuration n’est pas valide : {detail}',
  'error.import-invalid': 'Ce fichier n’est pas une configuration valide : {detail}',
};

export const onDemandErrorMessages = { en, fr };

declare module '../internal/localize.js' {
  interface ExtraMessageKeys extends Record<keyof typeof en, true> {}
}

extendMessages(onDemandErrorMessages);
