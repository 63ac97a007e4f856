/**
 * The directory's own lists and lengths (no zod: the Studio's schema, the form's component and
 * the workers read them too). Regions are the programme's (`programme/vocabulary.ts`).
 */

/** Activity sectors of a member's organisation (a small list, as the ESS observatories group them). */
export const directorySectors = [
  { value: 'alimentation-agriculture', title: 'Alimentation et agriculture' },
  { value: 'action-sociale-sante', title: 'Action sociale et santé' },
  { value: 'culture-sport-loisirs', title: 'Culture, sport et loisirs' },
  { value: 'education-formation', title: 'Éducation et formation' },
  { value: 'emploi-insertion', title: 'Emploi et insertion' },
  { value: 'environnement-energie', title: 'Environnement et énergie' },
  { value: 'economie-circulaire', title: 'Économie circulaire et réemploi' },
  { value: 'habitat-logement', title: 'Habitat et logement' },
  { value: 'mobilite', title: 'Mobilité' },
  { value: 'numerique', title: 'Numérique' },
  { value: 'finance-assurance', title: 'Finance solidaire, banque et assurance' },
  { value: 'commerce-services', title: 'Commerce et services aux entreprises' },
  { value: 'tourisme', title: 'Tourisme' },
  { value: 'autre', title: 'Autre secteur' },
] as const;

/** The families of the ESS (loi du 31 juillet 2014): the statuses, grouped. */
export const essFamilies = [
  { value: 'association', title: 'Association' },
  { value: 'cooperative', title: 'Coopérative' },
  { value: 'mutuelle', title: 'Mutuelle' },
  { value: 'fondation', title: 'Fondation' },
  { value: 'entreprise-ess', title: 'Entreprise de l’ESS (société commerciale, ESUS)' },
] as const;

/** What members offer or look for: the kinds a visitor filters on (the details are free text). */
export const exchangeKinds = [
  { value: 'partenariat', title: 'Partenariat, coopération' },
  { value: 'achat-vente', title: 'Achat ou vente de produits et services' },
  { value: 'expertise', title: 'Expertise, conseil' },
  { value: 'mentorat', title: 'Mentorat, parrainage' },
  { value: 'emploi-stage', title: 'Emploi, stage, alternance' },
  { value: 'benevolat', title: 'Bénévolat' },
  { value: 'financement', title: 'Financement' },
  { value: 'locaux-materiel', title: 'Locaux, matériel' },
  { value: 'mutualisation', title: 'Mutualisation' },
] as const;

export type DirectorySector = (typeof directorySectors)[number]['value'];
export type EssFamily = (typeof essFamilies)[number]['value'];
export type ExchangeKind = (typeof exchangeKinds)[number]['value'];

export const directorySectorValues = directorySectors.map((term) => term.value);
export const essFamilyValues = essFamilies.map((term) => term.value);
export const exchangeKindValues = exchangeKinds.map((term) => term.value);

/** Lengths, and how many of each list an entry takes. */
export const directoryLimits = {
  name: 120,
  email: 254,
  organization: 140,
  role: 120,
  sectors: 3,
  families: 2,
  exchangeKinds: exchangeKinds.length,
  details: 600,
  links: 3,
  url: 300,
  contactName: 120,
  contactMessage: 2000,
  contactMessageMin: 20,
} as const;

/**
 * The fields of an entry that become public once editors publish it: each needs its own consent
 * (`publicFields` of the request). The address the entry is confirmed with is never public;
 * `publicEmail` is shown one entry at a time, never in a list.
 */
export const publicFieldNames = [
  'name',
  'organization',
  'role',
  'region',
  'sectors',
  'families',
  'offers',
  'needs',
  'publicEmail',
  'links',
] as const;
export type PublicFieldName = (typeof publicFieldNames)[number];

/** French labels of the public fields (the consent boxes, the Studio, the messages). */
export const publicFieldLabels: Readonly<Record<PublicFieldName, string>> = {
  name: 'Nom',
  organization: 'Structure',
  role: 'Fonction',
  region: 'Région',
  sectors: 'Secteurs d’activité',
  families: 'Famille de l’ESS',
  offers: 'Ce que je propose',
  needs: 'Ce que je recherche',
  publicEmail: 'Adresse e-mail publique',
  links: 'Liens',
};

/** The text each consent box stands for, and its version (stored with the entry's consents). */
export const directoryConsentText =
  'J’accepte que les informations cochées « rendre public » paraissent dans l’annuaire des membres une fois la fiche validée par l’équipe, et que l’adresse indiquée serve à confirmer, gérer et recevoir les messages de l’annuaire. Je peux modifier ou supprimer ma fiche à tout moment.';
export const directoryConsentVersion = 'annuaire-2027-10';

/** The consent of the contact form (the text beside its box). */
export const directoryContactConsentText =
  'J’accepte que mon nom, mon adresse et mon message soient transmis à ce membre de l’annuaire, qui pourra me répondre.';
export const directoryContactConsentVersion = 'annuaire-contact-2027-10';

/** Page sizes of `GET /directory`: a visitor browses; a scraper gets no more per request. */
export const directoryPageSizes = { default: 12, max: 24 } as const;

/** Reasons editors give a member when refusing their entry (« Refuser »; or written). */
export const directoryRefusalReasons = [
  'L’adhésion au réseau n’a pas pu être vérifiée.',
  'La fiche ne concerne pas une structure de l’ESS.',
  'Cette fiche ferait doublon avec une fiche existante de l’annuaire.',
  'Les informations sont incomplètes : il manque de quoi présenter la structure.',
] as const;
