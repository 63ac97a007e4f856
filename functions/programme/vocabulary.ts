/**
 * The programme's controlled vocabularies, from the campaign's criteria (seed 001): the Studio
 * offers them as option lists, the API accepts them as filters, the demo dataset draws from them.
 */
export interface Term<Value extends string = string> {
  readonly value: Value;
  readonly title: string;
}

export const eventFormats = [
  { value: 'portes-ouvertes', title: 'Portes ouvertes' },
  { value: 'atelier-participatif', title: 'Atelier participatif' },
  { value: 'spectacle', title: 'Spectacle' },
  { value: 'debat', title: 'Débat' },
  { value: 'conference', title: 'Conférence' },
  { value: 'rencontre', title: 'Rencontre' },
  { value: 'cine-debat', title: 'Ciné-débat' },
  { value: 'colloque', title: 'Colloque' },
  { value: 'visite-entreprise', title: 'Visite d’entreprise' },
  { value: 'sensibilisation-scolaire', title: 'Sensibilisation en milieu scolaire' },
  { value: 'rencontre-affaires', title: 'Rencontre d’affaires' },
  { value: 'autre', title: 'Autre format' },
] as const satisfies readonly Term[];

export const eventThemes = [
  { value: 'engagement-citoyen', title: 'Engagement citoyen' },
  { value: 'creation-activite', title: 'Création d’activité' },
  { value: 'cooperation', title: 'Coopération' },
  { value: 'entrepreneuriat-collectif', title: 'Entrepreneuriat collectif' },
  { value: 'developpement-durable', title: 'Développement durable' },
  { value: 'utilite-sociale', title: 'Utilité sociale' },
  { value: 'emploi-insertion', title: 'Emploi et insertion' },
  { value: 'finance-solidaire', title: 'Finance solidaire' },
  { value: 'alimentation', title: 'Alimentation durable' },
  { value: 'culture', title: 'Culture et éducation populaire' },
  { value: 'transition-ecologique', title: 'Transition écologique' },
  { value: 'egalite', title: 'Égalité femmes-hommes' },
] as const satisfies readonly Term[];

export const eventStatuses = [
  { value: 'scheduled', title: 'Programmée' },
  { value: 'full', title: 'Complète' },
  { value: 'cancelled', title: 'Annulée' },
  { value: 'postponed', title: 'Reportée' },
] as const satisfies readonly Term[];

export const legalStatuses = [
  { value: 'association', title: 'Association' },
  { value: 'scop', title: 'Coopérative — SCOP' },
  { value: 'scic', title: 'Coopérative — SCIC' },
  { value: 'cae', title: 'Coopérative — CAE' },
  { value: 'cooperative', title: 'Autre coopérative' },
  { value: 'mutuelle', title: 'Mutuelle' },
  { value: 'fondation', title: 'Fondation' },
  { value: 'esus', title: 'Entreprise de l’ESS / ESUS' },
  { value: 'collectivite', title: 'Collectivité territoriale' },
  { value: 'enseignement', title: 'Établissement d’enseignement' },
  { value: 'autre', title: 'Autre' },
] as const satisfies readonly Term[];

export type EventFormat = (typeof eventFormats)[number]['value'];
export type EventTheme = (typeof eventThemes)[number]['value'];
export type EventStatus = (typeof eventStatuses)[number]['value'];
export type LegalStatus = (typeof legalStatuses)[number]['value'];

export const valuesOf = <T extends readonly Term[]>(terms: T): T[number]['value'][] =>
  terms.map((term) => term.value);
export const titleOf = (terms: readonly Term[], value: string): string =>
  terms.find((term) => term.value === value)?.title ?? value;

/**
 * The 18 regions with their official (INSEE) codes, and the time zone their events' local
 * times are in. The Studio's region documents carry the same codes.
 */
export const frenchRegions = [
  { code: '84', name: 'Auvergne-Rhône-Alpes', timeZone: 'Europe/Paris' },
  { code: '27', name: 'Bourgogne-Franche-Comté', timeZone: 'Europe/Paris' },
  { code: '53', name: 'Bretagne', timeZone: 'Europe/Paris' },
  { code: '24', name: 'Centre-Val de Loire', timeZone: 'Europe/Paris' },
  { code: '94', name: 'Corse', timeZone: 'Europe/Paris' },
  { code: '44', name: 'Grand Est', timeZone: 'Europe/Paris' },
  { code: '32', name: 'Hauts-de-France', timeZone: 'Europe/Paris' },
  { code: '11', name: 'Île-de-France', timeZone: 'Europe/Paris' },
  { code: '28', name: 'Normandie', timeZone: 'Europe/Paris' },
  { code: '75', name: 'Nouvelle-Aquitaine', timeZone: 'Europe/Paris' },
  { code: '76', name: 'Occitanie', timeZone: 'Europe/Paris' },
  { code: '52', name: 'Pays de la Loire', timeZone: 'Europe/Paris' },
  { code: '93', name: 'Provence-Alpes-Côte d’Azur', timeZone: 'Europe/Paris' },
  { code: '01', name: 'Guadeloupe', timeZone: 'America/Guadeloupe' },
  { code: '02', name: 'Martinique', timeZone: 'America/Martinique' },
  { code: '03', name: 'Guyane', timeZone: 'America/Cayenne' },
  { code: '04', name: 'La Réunion', timeZone: 'Indian/Reunion' },
  { code: '06', name: 'Mayotte', timeZone: 'Indian/Mayotte' },
] as const;
