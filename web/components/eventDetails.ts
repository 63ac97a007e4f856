import { eventFormats, eventThemes } from '../../functions/programme/vocabulary.ts';
import { escapeHtml } from '../../functions/shared/forms/formMarkup.ts';
import { frenchPeriod } from './frenchDates.ts';

/** What `GET /events/{slug}` answers, as far as the page shows it. */
export interface EventDetail {
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  readonly summary?: string | null;
  readonly body?: readonly PortableTextBlock[] | null;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly format?: string | null;
  readonly themes?: readonly string[] | null;
  readonly openToAll?: boolean | null;
  readonly status?: string | null;
  readonly venue?: { name?: string; address?: string; postalCode?: string; city?: string } | null;
  readonly onlineUrl?: string | null;
  readonly accessibility?: {
    wheelchair?: boolean;
    hearingLoop?: boolean;
    signLanguage?: boolean;
    details?: string;
  } | null;
  readonly price?: { free?: boolean; amount?: number; details?: string } | null;
  readonly image?: { alt?: string | null; url?: string | null } | null;
  readonly region?: {
    code?: string;
    name?: string;
    cress?: { name?: string; website?: string } | null;
  } | null;
  readonly organizer?: { name?: string; website?: string } | null;
  readonly registration: {
    readonly open: boolean;
    readonly closedReason: string | null;
    readonly capacity: number | null;
    readonly placesLeft: number | null;
    readonly waitingList: boolean;
  };
}

interface PortableTextBlock {
  readonly _type: string;
  readonly style?: string;
  readonly listItem?: string;
  readonly children?: readonly { readonly text?: string }[];
}

export const termTitle = (
  terms: readonly { value: string; title: string }[],
  value: string | null | undefined,
) => terms.find((term) => term.value === value)?.title ?? value ?? '';

const statusNotice: Record<string, string> = {
  cancelled: 'Cette manifestation est annulée.',
  postponed: 'Cette manifestation est reportée.',
  full: 'Cette manifestation est complète.',
};

/** Portable Text as paragraphs and lists (the Studio's body: text blocks only). */
function bodyHtml(blocks: readonly PortableTextBlock[] | null | undefined): string {
  let html = '';
  let openList = false;
  for (const block of blocks ?? []) {
    if (block._type !== 'block') continue;
    const text = escapeHtml((block.children ?? []).map((child) => child.text ?? '').join(''));
    if (block.listItem) {
      html += `${openList ? '' : '<ul>'}<li>${text}</li>`;
      openList = true;
      continue;
    }
    if (openList) html += '</ul>';
    openList = false;
    html += block.style === 'h3' || block.style === 'h2' ? `<h3>${text}</h3>` : `<p>${text}</p>`;
  }
  return openList ? `${html}</ul>` : html;
}

function where(event: EventDetail): string {
  const venue = event.venue;
  if (venue && (venue.name || venue.city)) {
    const address = [venue.address, [venue.postalCode, venue.city].filter(Boolean).join(' ')]
      .filter(Boolean)
      .join(', ');
    return escapeHtml([venue.name, address].filter(Boolean).join(', '));
  }
  return event.onlineUrl
    ? 'En ligne (le lien est envoyé aux inscrits)'
    : 'Lieu communiqué par l’organisateur';
}

function accessibility(event: EventDetail): string {
  const a = event.accessibility;
  const items = [
    a?.wheelchair ? 'Accessible en fauteuil roulant' : '',
    a?.hearingLoop ? 'Boucle magnétique' : '',
    a?.signLanguage ? 'Interprétation en langue des signes' : '',
    a?.details ?? '',
  ].filter(Boolean);
  return items.length ? items.map(escapeHtml).join(' ; ') : 'Non précisée : contactez l’organisateur.';
}

function price(event: EventDetail): string {
  const p = event.price;
  if (!p || p.free) return 'Gratuit';
  const amount = p.amount
    ? `${p.amount.toLocaleString('fr-FR', { style: 'currency', currency: 'EUR' })}`
    : '';
  return escapeHtml([amount, p.details].filter(Boolean).join(' – ') || 'Payant');
}

/** The event's description list, notice and body, under a heading of `level`. */
export function eventDetailsHtml(
  event: EventDetail,
  options: { level: number; calendarUrl: string },
): string {
  const h = `h${options.level}`;
  const notice =
    event.status && statusNotice[event.status]
      ? `<p class="essaim-notice essaim-notice-warning">${statusNotice[event.status]}</p>`
      : '';
  const facts: [string, string][] = [
    ['Date', escapeHtml(frenchPeriod(event.startsAt, event.endsAt))],
    ['Lieu', where(event)],
    ['Région', escapeHtml(event.region?.name ?? '')],
    ['Organisé par', escapeHtml(event.organizer?.name ?? '')],
    ['Format', escapeHtml(termTitle(eventFormats, event.format))],
    ['Thèmes', escapeHtml((event.themes ?? []).map((theme) => termTitle(eventThemes, theme)).join(', '))],
    ['Public', event.openToAll ? 'Ouvert à toutes et tous' : 'Public restreint (voir la description)'],
    ['Tarif', price(event)],
    ['Accessibilité', accessibility(event)],
  ];
  const list = facts
    .filter(([, value]) => value)
    .map(([term, value]) => `<div><dt>${term}</dt><dd>${value}</dd></div>`)
    .join('');
  return `<${h} class="essaim-title">${escapeHtml(event.title)}</${h}>
${notice}${event.summary ? `<p class="essaim-summary">${escapeHtml(event.summary)}</p>` : ''}
<dl class="essaim-facts">${list}</dl>
<p class="essaim-calendar"><a href="${escapeHtml(options.calendarUrl)}" download>Ajouter à mon agenda<span class="essaim-visually-hidden"> : ${escapeHtml(event.title)}</span> (.ics)</a></p>
<div class="essaim-body">${bodyHtml(event.body)}</div>`;
}

/** schema.org `Event` (JSON-LD), so that search engines show the date and place. */
export function eventJsonLd(event: EventDetail, pageUrl: string): string {
  const venue = event.venue;
  const statusMap: Record<string, string> = {
    cancelled: 'https://schema.org/EventCancelled',
    postponed: 'https://schema.org/EventPostponed',
  };
  const place = venue?.city
    ? {
        '@type': 'Place',
        name: venue.name ?? venue.city,
        address: {
          '@type': 'PostalAddress',
          streetAddress: venue.address ?? undefined,
          postalCode: venue.postalCode ?? undefined,
          addressLocality: venue.city,
          addressRegion: event.region?.name ?? undefined,
          addressCountry: 'FR',
        },
      }
    : { '@type': 'VirtualLocation', url: pageUrl };
  const data = {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: event.title,
    description: event.summary ?? undefined,
    startDate: event.startsAt,
    endDate: event.endsAt,
    url: pageUrl,
    eventStatus: statusMap[event.status ?? ''] ?? 'https://schema.org/EventScheduled',
    eventAttendanceMode: venue?.city
      ? 'https://schema.org/OfflineEventAttendanceMode'
      : 'https://schema.org/OnlineEventAttendanceMode',
    location: place,
    image: event.image?.url ? [event.image.url] : undefined,
    organizer: event.organizer?.name
      ? { '@type': 'Organization', name: event.organizer.name, url: event.organizer.website ?? undefined }
      : undefined,
    isAccessibleForFree: event.price?.free ?? undefined,
    inLanguage: 'fr',
  };
  // `<` escaped: the JSON sits in a <script> element.
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
