import { defineMessages } from '../shared/messages.ts';

/**
 * The answers of the organisers' grid changes (`PATCH /meetings/{slug}/grid/{meetingId}`), apart
 * from the other meetings' messages: only `changeMeeting` carries them.
 */
const fr = {
  'meetings.meetingNotFound': 'Aucun rendez-vous de cette grille ne correspond à « {id} ».',
  'meetings.change.incomplete':
    'Indiquez la nouvelle heure (time) et la table (table), ou l’annulation (cancelled: true).',
  'meetings.change.cancelled': 'Ce rendez-vous est annulé : il ne peut plus être déplacé.',
  'meetings.change.unavailable': '{name} n’est pas disponible à {time}.',
  'meetings.change.busy': '{name} a déjà un rendez-vous à {time}.',
  'meetings.change.tableTaken': 'La table {table} est déjà prise à {time}.',
  'meetings.change.conflict': 'Ce rendez-vous vient d’être modifié : rechargez la grille, puis recommencez.',
  'meetings.change.tableJustTaken':
    'La table {table} vient d’être prise à {time} par un autre changement : rechargez la grille, puis choisissez une autre table.',
  'meetings.change.busyJustNow':
    'Un autre changement vient de donner un rendez-vous à {time} à l’un de ces deux participants : rechargez la grille, puis choisissez un autre créneau.',
  'meetings.change.stale':
    'Ce rendez-vous a été modifié depuis que vous avez ouvert la grille : voyez où il est maintenant, puis recommencez.',
  'meetings.change.versionInvalid':
    'La version (version) est le nombre entier que la grille donne pour ce rendez-vous.',
  'meetings.table.unknown': 'Les tables sont numérotées de 1 à {tables}.',
};

type MeetingChangeMessageKey = keyof typeof fr;

declare module '../shared/messages.ts' {
  interface FeatureMessages extends Record<MeetingChangeMessageKey, true> {}
}

defineMessages<MeetingChangeMessageKey>({
  fr,
  en: {
    'meetings.meetingNotFound': 'No meeting of this grid matches “{id}”.',
    'meetings.change.incomplete':
      'Give the new time (time) and table (table), or the cancellation (cancelled: true).',
    'meetings.change.cancelled': 'This meeting is cancelled: it can no longer be moved.',
    'meetings.change.unavailable': '{name} is not available at {time}.',
    'meetings.change.busy': '{name} already has a meeting at {time}.',
    'meetings.change.tableTaken': 'Table {table} is already taken at {time}.',
    'meetings.change.conflict': 'This meeting was just changed: reload the grid, then try again.',
    'meetings.change.tableJustTaken':
      'Table {table} was just taken at {time} by another change: reload the grid, then choose another table.',
    'meetings.change.busyJustNow':
      'Another change just gave one of these two participants a meeting at {time}: reload the grid, then choose another slot.',
    'meetings.change.stale':
      'This meeting was changed since you opened the grid: see where it is now, then try again.',
    'meetings.change.versionInvalid':
      'The version (version) is the whole number the grid gives for this meeting.',
    'meetings.table.unknown': 'Tables are numbered from 1 to {tables}.',
  },
});
