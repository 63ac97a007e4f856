/**
 * The submission form's fields and how the error list names them: a module of its own, with no
 * dependency, so that the API's answer pages and `<essaim-submission>` share one wording.
 */
export const submissionFieldLabels = {
  organizationName: 'Nom de la structure',
  legalStatus: 'Statut de la structure',
  siret: 'Numéro SIRET',
  rna: 'Numéro RNA',
  contactName: 'Votre nom',
  email: 'Votre adresse e-mail',
  phone: 'Téléphone',
  title: 'Titre de la manifestation',
  summary: 'Résumé',
  description: 'Description',
  essLink: 'Lien avec l’ESS',
  format: 'Format',
  themes: 'Thèmes',
  occurrences: 'Dates',
  attendanceMode: 'Mode de participation',
  placeName: 'Nom du lieu',
  address: 'Adresse',
  postalCode: 'Code postal',
  communeCode: 'Commune',
  onlineUrl: 'Lien de participation en ligne',
  regionCode: 'Région',
  openToAll: 'Ouverte à tout public',
  accessibility: 'Accessibilité',
  registration: 'Inscriptions',
  capacity: 'Nombre de places',
  registrationUrl: 'Lien d’inscription',
  imageUrl: 'Image',
  consent: 'Accord',
} as const;
