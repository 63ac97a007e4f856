import { defineMessages } from '../shared/messages.ts';

/** The member directory's answers (`defineMessages`: only the functions that import them carry them). */
const fr = {
  'directory.sector.unknown': 'Secteur inconnu : choisissez-le dans la liste proposée.',
  'directory.sectors.count': 'Choisissez de un à trois secteurs d’activité, sans doublon.',
  'directory.family.unknown': 'Famille de l’ESS inconnue : choisissez-la dans la liste proposée.',
  'directory.families.count': 'Choisissez une ou deux familles de l’ESS, sans doublon.',
  'directory.exchange.unknown': 'Choisissez dans la liste proposée, sans doublon.',
  'directory.exchange.required':
    'Dites ce que vous proposez ou ce que vous recherchez (l’un des deux au moins).',
  'directory.links.count': 'Indiquez trois liens au plus.',
  'directory.publicFields.unknown': 'Ce champ ne fait pas partie de ceux qui peuvent être rendus publics.',
  'directory.publicField.required':
    'Ce champ paraît sur toute fiche de l’annuaire : cochez « Rendre public » pour l’accepter.',
  'directory.publicField.consentMissing':
    'Ce champ paraîtra dans l’annuaire : cochez « Rendre public » pour l’accepter, ou laissez-le vide.',
  'directory.consent.required': 'Votre accord est nécessaire pour enregistrer votre fiche.',
  'directory.requested':
    'Merci ! Si cette adresse peut recevoir nos e-mails, un e-mail vient de lui être envoyé : cliquez sur son lien pour la confirmer. L’équipe relit ensuite votre fiche avant de la publier dans l’annuaire. Si une fiche existe déjà avec cette adresse, l’e-mail contient le lien pour la modifier.',
  'directory.confirmed':
    'Votre adresse est confirmée : l’équipe relit votre fiche avant de la publier. Le lien de l’e-mail vous permet de la modifier ou de la supprimer à tout moment.',
  'directory.linkInvalid': 'Ce lien de fiche n’est pas valide, ou la fiche n’existe plus.',
  'directory.entryNotFound': 'Aucune fiche publiée de l’annuaire ne correspond à « {id} ».',
  'directory.conflict': 'Votre fiche vient d’être modifiée : rechargez la page, puis recommencez.',
  'directory.tooManyEdits':
    'Cette fiche a eu trop de versions : supprimez-la puis créez-en une nouvelle, ou écrivez à l’équipe.',
  'directory.limit.invalid': 'Le nombre de fiches par page va de 1 à 24.',
  'directory.query.tooLong': 'La recherche ne doit pas dépasser 100 caractères.',
  'problem.directoryContactUnavailable.title': 'Message impossible',
  'directory.contact.unavailable':
    'Cette fiche ne reçoit pas de messages par l’annuaire : utilisez les liens qu’elle indique.',
  'directory.contact.tooShort': 'Écrivez un message d’au moins 20 caractères.',
  'directory.contact.sent':
    'Votre message est transmis. L’adresse du membre reste cachée : s’il vous répond, ce sera depuis sa propre messagerie.',
};
type DirectoryMessageKey = keyof typeof fr;

declare module '../shared/messages.ts' {
  interface FeatureMessages extends Record<DirectoryMessageKey, true> {}
}

defineMessages<DirectoryMessageKey>({
  fr,
  en: {
    'directory.sector.unknown': 'Unknown sector: choose one from the list.',
    'directory.sectors.count': 'Choose one to three sectors, without duplicates.',
    'directory.family.unknown': 'Unknown ESS family: choose one from the list.',
    'directory.families.count': 'Choose one or two ESS families, without duplicates.',
    'directory.exchange.unknown': 'Choose from the list, without duplicates.',
    'directory.exchange.required': 'Say what you offer or what you look for (at least one of them).',
    'directory.links.count': 'Give three links at most.',
    'directory.publicFields.unknown': 'This field is not one that can be made public.',
    'directory.publicField.required':
      'Every directory entry shows this field: tick “Make public” to accept it.',
    'directory.publicField.consentMissing':
      'This field will appear in the directory: tick “Make public” to accept it, or leave it empty.',
    'directory.consent.required': 'We need your consent to record your entry.',
    'directory.requested':
      'Thank you! If this address can receive our e-mails, an e-mail was just sent to it: click its link to confirm it. The team then reviews your entry before publishing it in the directory. If an entry already exists with this address, the e-mail holds the link to edit it.',
    'directory.confirmed':
      'Your address is confirmed: the team reviews your entry before publishing it. The e-mail’s link lets you edit or delete it at any time.',
    'directory.linkInvalid': 'This entry link is not valid, or the entry no longer exists.',
    'directory.entryNotFound': 'No published directory entry matches “{id}”.',
    'directory.conflict': 'Your entry was just changed: reload the page, then try again.',
    'directory.tooManyEdits':
      'This entry had too many versions: delete it and create a new one, or write to the team.',
    'directory.limit.invalid': 'The number of entries per page goes from 1 to 24.',
    'directory.query.tooLong': 'The search must not exceed 100 characters.',
    'problem.directoryContactUnavailable.title': 'No messages',
    'directory.contact.unavailable':
      'This entry takes no messages through the directory: use the links it gives.',
    'directory.contact.tooShort': 'Write a message of at least 20 characters.',
    'directory.contact.sent':
      'Your message is on its way. The member’s address stays hidden: if they answer, it will be from their own mailbox.',
  },
});
