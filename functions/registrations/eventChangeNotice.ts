import type { SiteBrand } from '../shared/content/siteSettings.ts';
import { eventPlace, frenchDateTime } from '../shared/french.ts';
import { renderEmail } from '../shared/mail/emailLayout.ts';
import { headerSafe, type OutgoingEmail } from '../shared/mail/outgoingEmail.ts';
import { sameValue } from './followEventChange.ts';
import type { EventSnapshot, Registration } from './registration.ts';

/** What registrants are told of an event: when, where, whether it takes place. */
type Noticeable = Pick<EventSnapshot, 'startsAt' | 'endsAt' | 'venue' | 'onlineUrl' | 'status'>;

const date = (iso: string | null | undefined) => (iso ? frenchDateTime(iso) : 'non communiquée');
const place = (fields: Noticeable) =>
  eventPlace(fields, { online: (url) => `en ligne (${url})`, unknown: 'non communiqué' });
const called = (status: string | null | undefined) => status === 'cancelled' || status === 'postponed';

/**
 * What a registrant who knew the event as `known` must be told now that it is `now`: null when
 * nothing they care about changed. Comparing with what they knew (not with the previous
 * revision) tells them once of edits they never heard of, whatever order edits arrive in.
 */
export function eventChanges(
  known: Noticeable,
  now: Noticeable,
): { cancelled: boolean; lines: string[] } | null {
  const cancelled = now.status === 'cancelled' && known.status !== 'cancelled';
  const lines: string[] = [];
  if (cancelled) lines.push('La manifestation est annulée.');
  else if (now.status === 'postponed' && known.status !== 'postponed')
    lines.push('La manifestation est reportée ; une nouvelle date sera communiquée.');
  else if (called(known.status) && !called(now.status)) lines.push('La manifestation aura bien lieu.');
  if (known.startsAt !== now.startsAt || known.endsAt !== now.endsAt) {
    lines.push(`Date : ${date(now.startsAt)} (au lieu de ${date(known.startsAt)}).`);
  }
  if (!sameValue(known.venue, now.venue) || !sameValue(known.onlineUrl, now.onlineUrl)) {
    lines.push(`Lieu : ${place(now)} (au lieu de ${place(known)}).`);
  }
  return lines.length > 0 ? { cancelled, lines } : null;
}

export async function eventChangeNotice(
  registration: Registration,
  change: { cancelled: boolean; lines: string[] },
  context: { brand: SiteBrand; manageUrl: string },
): Promise<OutgoingEmail> {
  const title = registration.event.title;
  const heading = change.cancelled ? 'Manifestation annulée' : 'Changement dans votre programme';
  const { html, text } = await renderEmail({
    brand: context.brand,
    preheader: `${heading} — ${title}`,
    heading,
    blocks: [
      { kind: 'paragraph', text: `Bonjour ${registration.name},` },
      {
        kind: 'paragraph',
        text: `L’organisateur de « ${title} », à laquelle vous êtes inscrit·e, a modifié la manifestation :`,
      },
      { kind: 'paragraph', text: change.lines.join('\n') },
      ...(change.cancelled
        ? [
            {
              kind: 'paragraph' as const,
              text: 'Votre inscription n’a plus d’objet : vous n’avez rien à faire.',
            },
          ]
        : [
            {
              kind: 'paragraph' as const,
              text: 'Si ce changement ne vous convient plus, vous pouvez annuler votre inscription.',
            },
            {
              kind: 'button' as const,
              label: 'Consulter ou annuler mon inscription',
              href: context.manageUrl,
            },
          ]),
    ],
    footer: `${context.brand.siteName} — ce message vous est envoyé parce que vous êtes inscrit·e à cette manifestation.`,
  });
  return {
    fromName: context.brand.siteName,
    to: [registration.email],
    subject: headerSafe(`${change.cancelled ? 'Annulation' : 'Changement'} : ${title}`),
    html,
    text,
  };
}
