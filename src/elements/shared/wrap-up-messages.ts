import { extendMessages } from '../../internal/localize.js';

/** The wrap-up form's strings (outcome, note, rating), registered when the form's code downloads (wrap-up-form.ts). */
const en = {
  'wrapUp.label': 'Wrap-up of the call with {name}',
  'wrapUp.outcome': 'Outcome',
  'wrapUp.noOutcome': 'No outcome',
  'wrapUp.note': 'Note',
  'wrapUp.save': 'Save',
  'wrapUp.skip': 'Skip',
  'wrapUp.saved': 'Wrap-up saved.',
  'rating.legend': 'Call quality',
  'rating.score1': '1 out of 5, very poor',
  'rating.score2': '2 out of 5, poor',
  'rating.score3': '3 out of 5, fair',
  'rating.score4': '4 out of 5, good',
  'rating.score5': '5 out of 5, excellent',
  'rating.issue': 'Problem with the sound',
  'rating.noIssue': 'None',
  'rating.issue.audio-latency': 'Delay',
  'rating.issue.choppy-audio': 'Choppy sound',
  'rating.issue.dropped-call': 'Call dropped',
  'rating.issue.echo': 'Echo',
  'rating.issue.noisy-call': 'Noise',
  'rating.issue.one-way-audio': 'Heard in one direction only',
} as const;

const fr: Record<keyof typeof en, string> = {
  'wrapUp.label': 'Compte rendu de l’appel avec {name}',
  'wrapUp.outcome': 'Résultat',
  'wrapUp.noOutcome': 'Aucun résultat',
  'wrapUp.note': 'Note',
  'wrapUp.save': 'Enregistrer',
  'wrapUp.skip': 'Passer',
  'wrapUp.saved': 'Compte rendu enregistré.',
  'rating.legend': 'Qualité de l’appel',
  'rating.score1': '1 sur 5, très mauvaise',
  'rating.score2': '2 sur 5, mauvaise',
  'rating.score3': '3 sur 5, moyenne',
  'rating.score4': '4 sur 5, bonne',
  'rating.score5': '5 sur 5, excellente',
  'rating.issue': 'Problème de son',
  'rating.noIssue': 'Aucun',
  'rating.issue.audio-latency': 'Décalage',
  'rating.issue.choppy-audio': 'Son haché',
  'rating.issue.dropped-call': 'Appel coupé',
  'rating.issue.echo': 'Écho',
  'rating.issue.noisy-call': 'Bruit',
  'rating.issue.one-way-audio': 'Son dans un seul sens',
};

declare module '../../internal/localize.js' {
  interface ExtraMessageKeys extends Record<keyof typeof en, true> {}
}

extendMessages({ en, fr });
