/**
 * The submission's own lists and lengths (no zod: the form's component and the workers read
 * them too). Formats, themes and legal statuses are the programme's (`programme/vocabulary.ts`).
 */
import type { LegalStatus } from '../programme/vocabulary.ts';

/** Lengths: the event model's (title 140, summary 400), and what a form reasonably takes. */
export const submissionLimits = {
  organizationName: 140,
  contactName: 120,
  email: 254,
  phone: 30,
  title: 140,
  summary: 400,
  description: 5000,
  essLinkMin: 20,
  essLink: 1000,
  placeName: 120,
  address: 200,
  url: 500,
  themes: 4,
  occurrences: 20,
  capacity: 100_000,
} as const;

/** The values alone (what a request's schema needs, without the titles). */
export const attendanceModeValues = ['onsite', 'online', 'mixed'] as const;
export const disabilityKindValues = ['motor', 'visual', 'hearing', 'mental', 'psychic'] as const;
export const registrationModeValues = ['none', 'essaim', 'external'] as const;

/** How people attend, as OpenAgenda records it (1 sur place, 2 en ligne, 3 mixte). */
export const attendanceModes = [
  { value: 'onsite', title: 'Sur place', openAgenda: 1 },
  { value: 'online', title: 'En ligne', openAgenda: 2 },
  { value: 'mixed', title: 'Mixte (sur place et en ligne)', openAgenda: 3 },
] as const;
export type AttendanceMode = (typeof attendanceModeValues)[number];

/** The five kinds of disability an event says it welcomes, as OpenAgenda's accessibility flags. */
export const disabilityKinds = [
  { value: 'motor', title: 'Handicap moteur' },
  { value: 'visual', title: 'Handicap visuel' },
  { value: 'hearing', title: 'Handicap auditif' },
  { value: 'mental', title: 'Handicap mental' },
  { value: 'psychic', title: 'Handicap psychique' },
] as const;
export type DisabilityKind = (typeof disabilityKindValues)[number];

/** How people register: no registration, on Essaim (with a number of places), or on another site. */
export const registrationModes = [
  { value: 'none', title: 'Entrée libre, sans inscription' },
  { value: 'essaim', title: 'Inscription sur ce site' },
  { value: 'external', title: 'Inscription sur un autre site' },
] as const;
export type RegistrationMode = (typeof registrationModeValues)[number];

/** Seed 001: an ESS status, a local authority or a teaching institution; `autre` is none of them. */
export const eligibleLegalStatuses: readonly LegalStatus[] = [
  'association',
  'scop',
  'scic',
  'cae',
  'cooperative',
  'mutuelle',
  'fondation',
  'esus',
  'collectivite',
  'enseignement',
];

/** Moderation states of a submitted event, as OpenAgenda's (0 À modérer, 1 Prêt, 2 Publié, −1 Refusé). */
export const moderationStates = [
  { value: 'toModerate', title: 'À modérer', openAgenda: 0 },
  { value: 'ready', title: 'Prêt', openAgenda: 1 },
  { value: 'published', title: 'Publié', openAgenda: 2 },
  { value: 'refused', title: 'Refusé', openAgenda: -1 },
] as const;
export type ModerationState = (typeof moderationStates)[number]['value'];

/** Reasons a chamber gives the organiser when refusing a submitted event (« Refuser »; or written). */
export const refusalReasons = [
  'La manifestation ne répond pas aux critères de la campagne (statut de la structure ou lien avec l’ESS).',
  'Les dates sont en dehors de la période de la campagne.',
  'Les informations sont incomplètes : il manque de quoi la présenter au public.',
  'Cette manifestation a déjà été proposée : elle ferait doublon dans le programme.',
] as const;
