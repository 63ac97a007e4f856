import { defineMessages } from '../shared/messages.ts';

/** The business meetings' answers (`defineMessages`: only the functions that import them carry them). */
const fr = {
  'problem.meetingNotFound.detail': 'Aucune rencontre d’affaires ne correspond à « {slug} ».',
  'meetings.registered':
    'Merci ! Un e-mail part vers cette adresse avec le lien de votre espace : vous y choisirez les participants que vous souhaitez rencontrer.',
  'problem.meetingsClosed.title': 'Inscriptions closes',
  'meetings.registrationClosed':
    'La date limite de cette rencontre est passée ({date}) : les inscriptions sont closes et la grille des rendez-vous est faite.',
  'meetings.side.unknown': 'Choisissez l’un des deux groupes de la rencontre (a ou b).',
  'meetings.slots.required': 'Choisissez au moins un créneau où vous êtes disponible.',
  'meetings.slot.unknown': 'Ce créneau ne fait pas partie de la grille ({slots}).',
  'meetings.consent.required':
    'Votre accord est nécessaire : votre nom, votre structure et votre présentation sont montrés aux participants de l’autre groupe.',
  'meetings.linkInvalid': 'Ce lien d’espace participant n’est pas valide, ou l’inscription n’existe plus.',
  'problem.wishesClosed.title': 'Souhaits clos',
  'meetings.wishesClosed':
    'La date limite des souhaits est passée ({date}) : vos souhaits ne peuvent plus changer. Votre planning vous est envoyé par e-mail.',
  'meetings.wishes.tooMany': 'Vous pouvez choisir jusqu’à {maximum} participants.',
  'meetings.wishes.repeated': 'Chaque participant ne peut être choisi qu’une fois.',
  'meetings.wish.unknown': 'Ce participant n’est pas inscrit dans l’autre groupe de cette rencontre.',
  'meetings.gridLinkInvalid': 'Ce lien vers la grille n’est pas valide ou a expiré.',
  'meetings.gridNotReady':
    'La grille n’est pas encore faite : elle le sera à la date limite des souhaits ({date}).',
  'problem.meetingChange.title': 'Changement impossible',
  'problem.meetingWithdrawal.title': 'Retrait impossible pour l’instant',
  'meetings.withdrawal.gridInProgress':
    'La grille des rendez-vous est en cours de préparation : réessayez dans quelques minutes.',
  'meetings.withdrawn':
    'Votre retrait de « {title} » est enregistré : votre inscription est supprimée et ce lien ne fonctionne plus.',
  'meetings.withdrawnWithMeetings':
    'Votre retrait de « {title} » est enregistré : votre inscription est supprimée, vos rendez-vous sont annulés et les participants concernés sont prévenus. Ce lien ne fonctionne plus.',
  'meetings.gridLinkRequested':
    'Si la grille de cette rencontre est faite, un lien vers elle part vers l’adresse de l’équipe organisatrice.',
};
type MeetingMessageKey = keyof typeof fr;

declare module '../shared/messages.ts' {
  interface FeatureMessages extends Record<MeetingMessageKey, true> {}
}

defineMessages<MeetingMessageKey>({
  fr,
  en: {
    'problem.meetingNotFound.detail': 'No business-meeting event matches “{slug}”.',
    'meetings.registered':
      'Thank you! An e-mail is on its way to this address with the link to your space, where you choose whom you want to meet.',
    'problem.meetingsClosed.title': 'Registration closed',
    'meetings.registrationClosed':
      'The deadline of this event has passed ({date}): registration is closed and the meeting grid is made.',
    'meetings.side.unknown': 'Choose one of the two sides of the event (a or b).',
    'meetings.slots.required': 'Choose at least one slot when you are available.',
    'meetings.slot.unknown': 'This slot is not one of the grid’s ({slots}).',
    'meetings.consent.required':
      'Your consent is needed: your name, organisation and presentation are shown to the participants of the other side.',
    'meetings.linkInvalid': 'This participant link is not valid, or the registration no longer exists.',
    'problem.wishesClosed.title': 'Wishes closed',
    'meetings.wishesClosed':
      'The deadline for wishes has passed ({date}): your wishes can no longer change. Your schedule is sent to you by e-mail.',
    'meetings.wishes.tooMany': 'You may choose up to {maximum} participants.',
    'meetings.wishes.repeated': 'Each participant may be chosen once.',
    'meetings.wish.unknown': 'This participant is not registered on the other side of this event.',
    'meetings.gridLinkInvalid': 'This link to the grid is not valid or has expired.',
    'meetings.gridNotReady': 'The grid is not made yet: it will be at the deadline for wishes ({date}).',
    'problem.meetingChange.title': 'Change not possible',
    'problem.meetingWithdrawal.title': 'Withdrawal not possible yet',
    'meetings.withdrawal.gridInProgress': 'The meeting grid is being made: try again in a few minutes.',
    'meetings.withdrawn':
      'Your withdrawal from “{title}” is recorded: your registration is deleted and this link no longer works.',
    'meetings.withdrawnWithMeetings':
      'Your withdrawal from “{title}” is recorded: your registration is deleted, your meetings are cancelled and the participants concerned told. This link no longer works.',
    'meetings.gridLinkRequested':
      'If the grid of this event is made, a link to it is on its way to the organising team’s address.',
  },
});
