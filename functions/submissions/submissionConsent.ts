/** The text the stored consent version stands for, next to the form's checkbox (the component shows it). */
export const submissionConsentText =
  'J’accepte que ces informations soient utilisées pour étudier ma proposition, la publier si elle est retenue, et me contacter à son sujet.';
/** Stored with each version of a submission, with the time the consent was given. */
export const submissionConsentVersion = 'proposition-2027-10';
