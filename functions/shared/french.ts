/**
 * French formatting, written once for mails, calendar files, feeds and CSV: dates and times in
 * Paris time, places as a line of text. Everything shown to people goes through here.
 */
import { madeOnFirstUse } from './madeOnFirstUse.ts';

const timeZone = 'Europe/Paris';

/** A date format made on its first use (`madeOnFirstUse`). */
/* @__NO_SIDE_EFFECTS__ */
export const lazyDateTimeFormat = (
  locale: string,
  options: Intl.DateTimeFormatOptions,
): (() => Intl.DateTimeFormat) => madeOnFirstUse(() => new Intl.DateTimeFormat(locale, options));

const fullDateTime = lazyDateTimeFormat('fr-FR', { dateStyle: 'full', timeStyle: 'short', timeZone });
const shortDateTime = lazyDateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone });
const dayOnly = lazyDateTimeFormat('fr-FR', { dateStyle: 'long', timeZone });
const timeOnly = lazyDateTimeFormat('fr-FR', { timeStyle: 'short', timeZone });
const isoDay = lazyDateTimeFormat('sv-SE', { timeZone });

type Instant = Date | string;
const toDate = (value: Instant): Date => (typeof value === 'string' ? new Date(value) : value);

/** A date as French writes it: the first of a month is « 1er » (« lundi 1er novembre »). */
const written = (format: Intl.DateTimeFormat, value: Instant): string =>
  format
    .formatToParts(toDate(value))
    .map((part) => (part.type === 'day' && part.value === '1' ? '1er' : part.value))
    .join('');

/** « mardi 14 novembre 2027 à 14:00 », « lundi 1er novembre 2027 à 14:00 » */
export const frenchDateTime = (value: Instant): string => written(fullDateTime(), value);

/** « 14 novembre 2027 », « 1er novembre 2027 » */
export const frenchDate = (value: Instant): string => written(dayOnly(), value);

/** « 14/11/2027 14:00 » (tables, spreadsheets) */
export const frenchShortDateTime = (value: Instant): string => shortDateTime().format(toDate(value));

/** « 16:00 » */
export const frenchTime = (value: Instant): string => timeOnly().format(toDate(value));

/** The day in Paris as `AAAA-MM-JJ`. */
export const parisDay = (value: Instant): string => isoDay().format(toDate(value));

/** Midnight in Paris on a given day (`2027-11-14`), as an instant. */
export function parisMidnight(isoDay: string): Date {
  const utcMidnight = new Date(`${isoDay}T00:00:00Z`);
  const parisHour = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(utcMidnight),
  );
  return new Date(utcMidnight.getTime() - parisHour * 3_600_000);
}

/** An hour of a day on Paris's wall clock (`2027-11-14`, 8 → 8:00 in Paris), as an instant. */
export function parisWallTime(isoDay: string, hour: number): Date {
  const asIfUtc = Date.parse(`${isoDay}T${String(hour).padStart(2, '0')}:00:00Z`);
  // Paris's offset at that moment (one or two hours), read from the zone's own rules.
  const parisHourAt = (instant: number) =>
    Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(instant));
  const offsetHours = (parisHourAt(asIfUtc) - new Date(asIfUtc).getUTCHours() + 24) % 24;
  return new Date(asIfUtc - offsetHours * 3_600_000);
}

/** « mardi 14 novembre 2027 à 14:00 – 16:00 (heure de Paris) » */
export const eventPeriod = (startsAt: string, endsAt: string): string =>
  `${frenchDateTime(startsAt)} – ${frenchTime(endsAt)} (heure de Paris)`;

/** A place as events store it (Studio `venue` object). */
export interface Venue {
  readonly name?: string | null;
  readonly address?: string | null;
  readonly postalCode?: string | null;
  readonly city?: string | null;
}

/** « 12 rue des Lilas, 35000 Rennes » (no name) */
export const venueAddress = (venue: Venue): string =>
  [venue.address, [venue.postalCode, venue.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');

/** « La Ruche, 12 rue des Lilas, 35000 Rennes » */
export const venueLine = (venue: Venue): string =>
  [venue.name, venueAddress(venue)].filter(Boolean).join(', ');

/**
 * Where an event takes place, in one line: its venue, or online with its address, or what to
 * say when neither is known (`unknown`, since the sentence around it decides the words).
 */
export function eventPlace(
  event: { readonly venue?: Venue | Record<string, unknown> | null; readonly onlineUrl?: string | null },
  words: { online: (url: string) => string; unknown: string },
): string {
  if (event.venue) return venueLine(event.venue as Venue);
  return event.onlineUrl ? words.online(event.onlineUrl) : words.unknown;
}
