import type { ContentChange } from '../content/contentChange.ts';
import { noticeableEventFields } from '../content/contentChange.ts';
import { renderEmail } from '../email/layout.ts';
import { headerSafe, type OutgoingEmail } from '../email/outgoingEmail.ts';
import type { Registration } from './registration.ts';

type Watched = NonNullable<ContentChange['after']>;

const parisDateTime = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'full',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});
const date = (iso: string | null | undefined) =>
  iso ? parisDateTime.format(new Date(iso)) : 'non communiquée';
const place = (fields: Watched) => {
  const venue = fields.venue as
    | { name?: string; address?: string; postalCode?: string; city?: string }
    | null
    | undefined;
  if (venue)
    return [venue.name, venue.address, [venue.postalCode, venue.city].filter(Boolean).join(' ')]
      .filter(Boolean)
      .join(', ');
  return fields.onlineUrl ? `en ligne (${fields.onlineUrl})` : 'non communiqué';
};

/** What registrants are told about a change of an event: null when nothing they care about changed. */
export function eventChanges(change: ContentChange): { cancelled: boolean; lines: string[] } | null {
  if (change.type !== 'event' || change.operation !== 'update' || !change.before || !change.after)
    return null;
  const { before, after } = change;
  const differs = noticeableEventFields.some(
    (field) => JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null),
  );
  if (!differs) return null;
  const cancelled = after.status === 'cancelled' && before.status !== 'cancelled';
  const lines: string[] = [];
  if (cancelled) lines.push('La manifestation est annulée.');
  else if (after.status === 'postponed' && before.status !== 'postponed')
    lines.push('La manifestation est reportée ; une nouvelle date sera communiquée.');
  if (before.startsAt !== after.startsAt || before.endsAt !== after.endsAt) {
    lines.push(`Date : ${date(after.startsAt)} (au lieu de ${date(before.startsAt)}).`);
  }
  if (
    JSON.stringify(before.venue ?? null) !== JSON.stringify(after.venue ?? null) ||
    before.onlineUrl !== after.onlineUrl
  ) {
    lines.push(`Lieu : ${place(after)} (au lieu de ${place(before)}).`);
  }
  return lines.length > 0 ? { cancelled, lines } : null;
}

export function eventChangeNotice(
  registration: Registration,
  change: { cancelled: boolean; lines: string[] },
  context: { siteName: string; manageUrl: string; title: string },
): OutgoingEmail {
  const heading = change.cancelled ? 'Manifestation annulée' : 'Changement dans votre programme';
  const { html, text } = renderEmail({
    siteName: context.siteName,
    preheader: `${heading} — ${context.title}`,
    heading,
    blocks: [
      { kind: 'paragraph', text: `Bonjour ${registration.name},` },
      {
        kind: 'paragraph',
        text: `L’organisateur de « ${context.title} », à laquelle vous êtes inscrit·e, a modifié la manifestation :`,
      },
      { kind: 'paragraph', text: change.lines.join('\n') },
      {
        kind: 'paragraph',
        text: change.cancelled
          ? 'Votre inscription n’a plus d’objet : vous n’avez rien à faire.'
          : `Si ce changement ne vous convient plus, vous pouvez annuler votre inscription : ${context.manageUrl}`,
      },
    ],
    footer: `${context.siteName} — ce message vous est envoyé parce que vous êtes inscrit·e à cette manifestation.`,
  });
  return {
    to: [registration.email],
    subject: headerSafe(`${change.cancelled ? 'Annulation' : 'Changement'} : ${context.title}`),
    html,
    text,
  };
}
