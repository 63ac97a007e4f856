import { eventFormats, frenchRegions, titleOf } from '../programme/vocabulary.ts';
import { frenchDate, frenchTime, lazyDateTimeFormat, parisDay, venueAddress } from '../shared/french.ts';
import { madeOnFirstUse } from '../shared/madeOnFirstUse.ts';

/** An event as the printed programme reads it (`printedProgrammeEventsQuery`). */
export interface ProgrammeEvent {
  readonly _id: string;
  readonly title: string | null;
  readonly summary: string | null;
  readonly startsAt: string | null;
  readonly endsAt: string | null;
  readonly format: string | null;
  readonly status: string | null;
  readonly venue: {
    readonly name?: string | null;
    readonly address?: string | null;
    readonly postalCode?: string | null;
    readonly city?: string | null;
  } | null;
  readonly onlineUrl: string | null;
  readonly organiser: string | null;
  readonly region: { readonly code: string | null; readonly name: string | null } | null;
  readonly registration: { readonly enabled?: boolean | null; readonly capacity?: number | null } | null;
  readonly externalRegistrationUrl?: string | null;
  readonly accessibility: {
    /** The five kinds of disability OpenAgenda records (the event model's, from submissions). */
    readonly motor?: boolean | null;
    readonly visual?: boolean | null;
    readonly hearing?: boolean | null;
    readonly mental?: boolean | null;
    readonly psychic?: boolean | null;
    readonly wheelchair?: boolean | null;
    readonly hearingLoop?: boolean | null;
    readonly signLanguage?: boolean | null;
    readonly details?: string | null;
  } | null;
  readonly price: {
    readonly free?: boolean | null;
    readonly amount?: number | null;
    readonly details?: string | null;
  } | null;
}

export interface ProgrammeCampaign {
  readonly title: string;
  readonly startsOn: string;
  readonly endsOn: string;
}

/** One event as printed: every text ready, in reading order. */
export interface PrintedEntry {
  /** Its number in the booklet (the communes' index refers to it). */
  readonly number: number;
  readonly title: string;
  /** « 14:00 – 16:00 » */
  readonly hours: string;
  readonly format: string;
  /** « Complet », « Reporté »: what a reader must know first. */
  readonly notice: string | null;
  readonly place: string;
  readonly organiser: string;
  readonly summary: string;
  /** Printed as pictograms (`accessibilityPictograms.ts`), in this order. */
  readonly accessibility: readonly AccessibilityFeature[];
  /** What the organiser wrote about accessibility, printed after the pictograms. */
  readonly accessibilityDetails: string;
  readonly registration: string;
  readonly commune: string | null;
}

export interface PrintedDay {
  /** « lundi 1er novembre » */
  readonly title: string;
  readonly entries: readonly PrintedEntry[];
}

export interface PrintedRegion {
  readonly name: string;
  readonly eventCount: number;
  readonly days: readonly PrintedDay[];
}

/** The whole booklet's content: regions in alphabetical order, then days, then start times. */
export interface PrintedProgramme {
  readonly campaign: ProgrammeCampaign;
  /** The day the programme was closed (the deadline's day, Paris). */
  readonly closedOn: string;
  /** Where visitors register (a host name, printed once on the cover). */
  readonly registrationSite: string;
  /** The region's name for a per-region booklet (on its cover); null for the national one. */
  readonly region: string | null;
  readonly regions: readonly PrintedRegion[];
  /** Each commune with the numbers of its events, alphabetically. */
  readonly communes: readonly { readonly name: string; readonly numbers: readonly number[] }[];
  readonly eventCount: number;
}

const regionTimeZones = new Map<string, string>(
  frenchRegions.map((region) => [region.code, region.timeZone]),
);
const collator = madeOnFirstUse(() => new Intl.Collator('fr', { sensitivity: 'base', numeric: true }));
const parisZone = 'Europe/Paris';

/** Formatters of the overseas regions' clocks, made once each (making one costs more than using it). */
const overseasFormats = new Map<string, { time: Intl.DateTimeFormat; day: Intl.DateTimeFormat }>();
const overseasFormat = (timeZone: string) => {
  let formats = overseasFormats.get(timeZone);
  if (!formats) {
    formats = {
      time: new Intl.DateTimeFormat('fr-FR', { timeStyle: 'short', timeZone }),
      day: new Intl.DateTimeFormat('sv-SE', { timeZone }),
    };
    overseasFormats.set(timeZone, formats);
  }
  return formats;
};

/** « 14:00 », in the event's own region's time (overseas regions keep their clock). */
const wallTime = (instant: string, timeZone: string): string =>
  timeZone === parisZone ? frenchTime(instant) : overseasFormat(timeZone).time.format(new Date(instant));

/** The day of an instant in its region's time zone, `AAAA-MM-JJ`. */
const localDay = (instant: string, timeZone: string): string =>
  timeZone === parisZone ? parisDay(instant) : overseasFormat(timeZone).day.format(new Date(instant));

const euros = madeOnFirstUse(() => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }));
const whole = madeOnFirstUse(() => new Intl.NumberFormat('fr-FR'));

const weekday = lazyDateTimeFormat('fr-FR', { weekday: 'long', timeZone: 'UTC' });

/** « Lundi 1er novembre » for `2027-11-01` (the year is on the cover). */
function dayTitle(day: string): string {
  const noon = `${day}T12:00:00Z`;
  const title = `${weekday().format(new Date(noon))} ${frenchDate(noon).replace(/\s\d{4}$/, '')}`;
  return title.charAt(0).toUpperCase() + title.slice(1);
}

const price = (event: ProgrammeEvent): string => {
  if (event.price?.free !== false) return 'gratuit';
  const amount = event.price.amount;
  return amount === undefined || amount === null ? 'payant' : euros().format(amount);
};

/** « billetterie.exemple.fr/atelier »: an address as a reader types it. */
const typedAddress = (url: string): string => url.replace(/^https?:\/\//, '').replace(/\/$/, '');

function registrationLine(event: ProgrammeEvent): string {
  const parts = [
    event.externalRegistrationUrl
      ? `Inscription : ${typedAddress(event.externalRegistrationUrl)}`
      : event.registration?.enabled === false
        ? 'Entrée libre'
        : 'Inscription en ligne',
    event.registration?.capacity ? `${whole().format(event.registration.capacity)}\u00a0places` : null,
    price(event),
    event.price?.details?.trim() || null,
  ];
  return parts.filter(Boolean).join(' · ');
}

/** What an event offers, in the order the pictograms are printed and explained. */
export const accessibilityFeatures = [
  'motor',
  'visual',
  'hearing',
  'mental',
  'psychic',
  'wheelchair',
  'hearingLoop',
  'signLanguage',
] as const;
export type AccessibilityFeature = (typeof accessibilityFeatures)[number];

const accessibilityOf = (event: ProgrammeEvent): AccessibilityFeature[] =>
  accessibilityFeatures.filter((feature) => event.accessibility?.[feature] === true);

const notices: Record<string, string> = { full: 'Complet', postponed: 'Reporté' };

function placeLine(event: ProgrammeEvent): string {
  // A postcode stays with its commune (a no-break space): « 38000 Grenoble » never splits.
  if (event.venue)
    return [event.venue.name, venueAddress(event.venue).replace(/\b(\d{5}) /g, '$1\u00a0')]
      .filter(Boolean)
      .join(', ');
  return event.onlineUrl ? `En ligne : ${event.onlineUrl}` : 'Lieu à préciser';
}

/**
 * The printed programme's content from the events as they stood at the deadline: grouped by
 * region (alphabetically), then by day, then by start time, numbered in that order. Events
 * without a date or a title are left out: there is nothing to print for them.
 */
export function printedProgramme(
  campaign: ProgrammeCampaign,
  events: readonly ProgrammeEvent[],
  options: { readonly closedOn: string; readonly registrationSite: string; readonly region?: string | null },
): PrintedProgramme {
  const byRegion = new Map<string, { name: string; zone: string; events: ProgrammeEvent[] }>();
  for (const event of events) {
    if (!event.startsAt || !event.title?.trim()) continue;
    const name = event.region?.name?.trim() || 'Autres régions';
    const group = byRegion.get(name) ?? {
      name,
      zone: regionTimeZones.get(event.region?.code ?? '') ?? parisZone,
      events: [],
    };
    group.events.push(event);
    byRegion.set(name, group);
  }
  let number = 0;
  const communes = new Map<string, number[]>();
  const regions = [...byRegion.values()]
    .sort((a, b) => collator().compare(a.name, b.name))
    .map((region): PrintedRegion => {
      const sorted = [...region.events].sort(
        (a, b) =>
          (a.startsAt ?? '').localeCompare(b.startsAt ?? '') ||
          collator().compare(a.title ?? '', b.title ?? ''),
      );
      const days = new Map<string, PrintedEntry[]>();
      for (const event of sorted) {
        const startsAt = event.startsAt as string;
        const day = localDay(startsAt, region.zone);
        number += 1;
        const commune = event.venue?.city?.trim() || null;
        if (commune)
          communes
            .set(commune, communes.get(commune) ?? [])
            .get(commune)
            ?.push(number);
        const entry: PrintedEntry = {
          number,
          title: (event.title as string).trim(),
          hours: event.endsAt
            ? `${wallTime(startsAt, region.zone)} – ${wallTime(event.endsAt, region.zone)}`
            : wallTime(startsAt, region.zone),
          format: event.format ? titleOf(eventFormats, event.format) : '',
          notice: notices[event.status ?? ''] ?? null,
          place: placeLine(event),
          organiser: event.organiser?.trim() || '',
          summary: event.summary?.trim() || '',
          accessibility: accessibilityOf(event),
          accessibilityDetails: event.accessibility?.details?.trim() || '',
          registration: registrationLine(event),
          commune,
        };
        days
          .set(day, days.get(day) ?? [])
          .get(day)
          ?.push(entry);
      }
      return {
        name: region.name,
        eventCount: sorted.length,
        days: [...days].map(([day, entries]) => ({ title: dayTitle(day), entries })),
      };
    });
  return {
    campaign,
    closedOn: options.closedOn,
    registrationSite: options.registrationSite,
    region: options.region ?? null,
    regions,
    communes: [...communes]
      .sort(([a], [b]) => collator().compare(a, b))
      .map(([name, numbers]) => ({ name, numbers })),
    eventCount: number,
  };
}
