import { defineMessages } from '../shared/messages.ts';

/**
 * The submissions' API messages (`defineMessages`): only the functions that check or show a
 * submission carry them. `submission.url.invalid` stays shared: the directory's links use it too.
 */
const fr = {
  'submission.window.notYetOpen': 'Les propositions pour « {campaign} » ouvrent le {date}.',
  'submission.window.closed': 'Les propositions pour « {campaign} » sont closes depuis le {date}.',
  'submission.legalStatus.notEligible':
    'La campagne est ouverte aux structures de l’ESS, aux collectivités et aux établissements d’enseignement.',
  'submission.legalStatus.unknown': 'Choisissez un statut dans la liste proposée.',
  'submission.identifier.required':
    'Indiquez le numéro SIRET de votre structure, ou le numéro RNA de votre association.',
  'submission.siret.invalid': 'Ce numéro SIRET n’est pas valide : vérifiez ses 14 chiffres.',
  'submission.rna.invalid': 'Un numéro RNA s’écrit W suivi de 9 chiffres (par exemple W751234567).',
  'submission.rna.associationsOnly':
    'Le numéro RNA est réservé aux associations : indiquez le numéro SIRET de votre structure.',
  'submission.phone.invalid': 'Ce numéro de téléphone n’est pas valide.',
  'submission.essLink.required': 'Dites en une ou deux phrases le lien de votre manifestation avec l’ESS.',
  'submission.themes.count': 'Choisissez de un à quatre thèmes, sans doublon.',
  'submission.occurrences.count': 'Indiquez au moins une date, vingt au plus.',
  'submission.dateTime.invalid': 'Date et heure invalides : écrivez-les sous la forme AAAA-MM-JJTHH:MM.',
  'submission.occurrence.endBeforeStart': 'La fin doit être après le début.',
  'submission.occurrence.outsideCampaign':
    'Cette date est en dehors de la campagne « {campaign} », qui a lieu du {startsOn} au {endsOn}.',
  'submission.attendanceMode.unknown': 'Choisissez « sur place », « en ligne » ou « mixte ».',
  'submission.postalCode.invalid': 'Un code postal a cinq chiffres.',
  'submission.postalCode.unknown': 'Aucune commune ne correspond à ce code postal.',
  'submission.commune.unknown': 'Choisissez la commune parmi celles du code postal indiqué.',
  'submission.region.required': 'Pour une manifestation en ligne, choisissez la région qui la porte.',
  'submission.accessibility.unknown': 'Type de handicap inconnu.',
  'submission.registration.unknown': 'Choisissez un mode d’inscription de la liste.',
  'submission.capacity.invalid': 'Indiquez le nombre de places, de 1 à 100 000.',
  'submission.consent.required': 'Votre accord est nécessaire pour enregistrer votre proposition.',
  'submission.linkInvalid': 'Ce lien de proposition n’est pas valide, ou la proposition n’existe plus.',
  'submission.conflict': 'Votre proposition vient d’être modifiée : rechargez la page, puis recommencez.',
  'submission.tooManyEdits': 'Cette proposition a trop de versions : écrivez à la chambre régionale.',
};
type SubmissionMessageKey = keyof typeof fr;

declare module '../shared/messages.ts' {
  interface FeatureMessages extends Record<SubmissionMessageKey, true> {}
}

defineMessages<SubmissionMessageKey>({
  fr,
  en: {
    'submission.window.notYetOpen': 'Submissions for “{campaign}” open on {date}.',
    'submission.window.closed': 'Submissions for “{campaign}” closed on {date}.',
    'submission.legalStatus.notEligible':
      'The campaign is open to ESS organisations, local authorities and teaching institutions.',
    'submission.legalStatus.unknown': 'Choose a status from the list.',
    'submission.identifier.required':
      'Give your organisation’s SIRET number, or your association’s RNA number.',
    'submission.siret.invalid': 'This SIRET number is not valid: check its 14 digits.',
    'submission.rna.invalid': 'An RNA number is W followed by 9 digits (for example W751234567).',
    'submission.rna.associationsOnly':
      'RNA numbers are for associations: give your organisation’s SIRET number.',
    'submission.phone.invalid': 'This phone number is not valid.',
    'submission.essLink.required': 'Say in a sentence or two how your event relates to the ESS.',
    'submission.themes.count': 'Choose one to four themes, without duplicates.',
    'submission.occurrences.count': 'Give at least one date, twenty at most.',
    'submission.dateTime.invalid': 'Invalid date and time: write them as YYYY-MM-DDTHH:MM.',
    'submission.occurrence.endBeforeStart': 'The end must be after the start.',
    'submission.occurrence.outsideCampaign':
      'This date is outside the campaign “{campaign}”, which runs from {startsOn} to {endsOn}.',
    'submission.attendanceMode.unknown': 'Choose “on site”, “online” or “mixed”.',
    'submission.postalCode.invalid': 'A postcode has five digits.',
    'submission.postalCode.unknown': 'No commune has this postcode.',
    'submission.commune.unknown': 'Choose the commune among those of the postcode given.',
    'submission.region.required': 'For an online event, choose the region that hosts it.',
    'submission.accessibility.unknown': 'Unknown kind of disability.',
    'submission.registration.unknown': 'Choose a way to register from the list.',
    'submission.capacity.invalid': 'Give the number of places, from 1 to 100,000.',
    'submission.consent.required': 'We need your consent to record your submission.',
    'submission.linkInvalid': 'This submission link is not valid, or the submission no longer exists.',
    'submission.conflict': 'Your submission was just changed: reload the page, then try again.',
    'submission.tooManyEdits': 'This submission has too many versions: write to the regional chamber.',
  },
});
