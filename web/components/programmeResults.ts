import { eventFormats } from '../../functions/programme/vocabulary.ts';
import { availabilityText } from '../../functions/registrations/registrationForm.ts';
import { escapeHtml } from '../../functions/shared/forms/formMarkup.ts';
import { termTitle } from './eventDetails.ts';
import { frenchShortStart } from './frenchDates.ts';

/** A card of `GET /events`. */
export interface EventCard {
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  readonly summary?: string | null;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly city?: string | null;
  readonly online?: boolean;
  readonly region?: { code: string; name: string } | null;
  readonly format?: string | null;
  readonly status?: string | null;
  readonly registration: {
    open: boolean;
    closedReason: string | null;
    capacity: number | null;
    placesLeft: number | null;
    waitingList: boolean;
  };
}

export interface ProgrammePage {
  readonly items: readonly EventCard[];
  readonly total: number;
  readonly nextCursor: string | null;
}

const statusLabel: Record<string, string> = { cancelled: 'Annulée', postponed: 'Reportée', full: 'Complète' };

/** One programme entry: title linking to the event's page, when, where, format, places. */
export function eventCardHtml(
  card: EventCard,
  links: { page: string; calendar: string },
  headingLevel: number,
): string {
  const place = card.online && !card.city ? 'En ligne' : (card.city ?? '');
  // Each part kept on one line (« Auvergne-Rhône-Alpes » never cut at a hyphen), the line wraps between.
  const part = (text: string) => `<span class="essaim-nowrap">${escapeHtml(text)}</span>`;
  const where = [place, card.region?.name]
    .filter((text): text is string => Boolean(text))
    .map(part)
    .join(' · ');
  const availability = availabilityText(card.registration);
  const status =
    card.status && statusLabel[card.status]
      ? `<span class="essaim-badge">${statusLabel[card.status]}</span> `
      : '';
  const h = `h${headingLevel}`;
  return `<li class="essaim-card" data-slug="${escapeHtml(card.slug)}">
<${h} class="essaim-card-title">${status}<a href="${escapeHtml(links.page)}">${escapeHtml(card.title)}</a></${h}>
<p class="essaim-card-meta"><time class="essaim-nowrap" datetime="${escapeHtml(card.startsAt)}">${escapeHtml(frenchShortStart(card.startsAt))}</time>${
    where ? ` · ${where}` : ''
  }${card.format ? ` · ${part(termTitle(eventFormats, card.format))}` : ''}</p>
${card.summary ? `<p class="essaim-card-summary">${escapeHtml(card.summary)}</p>` : ''}
${availability ? `<p class="essaim-card-places">${escapeHtml(availability)}</p>` : ''}
<p class="essaim-card-calendar"><a href="${escapeHtml(links.calendar)}" download>Ajouter à mon agenda<span class="essaim-visually-hidden"> : ${escapeHtml(card.title)}</span></a></p>
</li>`;
}

/** « 1 manifestation », « 1 234 manifestations », « Aucune manifestation ». */
export function countText(total: number): string {
  if (total === 0) return 'Aucune manifestation ne correspond à ces critères.';
  return `${total.toLocaleString('fr-FR')} manifestation${total > 1 ? 's' : ''}`;
}
