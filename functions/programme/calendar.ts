import type { Venue } from '../shared/content/sanity.types.ts';
import { lazyDateTimeFormat, venueAddress } from '../shared/french.ts';

/** What a calendar entry says of an event (the programme snapshot's events have it all). */
export interface CalendarEvent {
  readonly _id: string;
  readonly _updatedAt: string;
  readonly title: string | null;
  readonly slug: string | null;
  readonly summary: string | null;
  readonly startsAt: string | null;
  readonly endsAt: string | null;
  readonly status: string | null;
  readonly venue: Venue | null;
  readonly onlineUrl: string | null;
  readonly organizer: string | null;
}

const timeZone = 'Europe/Paris';

/**
 * Europe/Paris as RFC 5545 describes a zone: today's rule (last Sunday of March and of October,
 * unchanged since 1996), as the IANA database gives it. A constant: the calendars only need
 * this zone, and a library of every zone's rules weighed 30 KiB in three functions.
 */
const parisTimeZone = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'X-LIC-LOCATION:Europe/Paris',
  'BEGIN:DAYLIGHT',
  'TZNAME:CEST',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZNAME:CET',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/**
 * An RFC 5545 calendar of events, written here (a few lines instead of ical-generator, Luxon
 * and a time-zone library: 135 KiB in the functions that attach a calendar): times in
 * Europe/Paris with its VTIMEZONE, a stable UID per event so that calendar apps update rather
 * than duplicate, and cancelled events marked CANCELLED rather than dropped. The same content
 * gives the same bytes (ETag): every time in it comes from the content, none from the clock.
 */
export function eventsCalendar(
  events: readonly CalendarEvent[],
  options: { name: string; eventUrl: (slug: string | null) => string },
): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Essaim//Programme//FR',
    // A published calendar, not an invitation: what `text/calendar; method=PUBLISH` attachments declare.
    'METHOD:PUBLISH',
    // Written as calendar apps have read it so far, unescaped; a line break would end the property.
    `NAME:${oneLine(options.name)}`,
    `X-WR-CALNAME:${oneLine(options.name)}`,
    ...parisTimeZone,
    ...events.flatMap((event) => eventLines(event, options.eventUrl)),
    'END:VCALENDAR',
  ];
  return lines.map(folded).join('\r\n');
}

function eventLines(event: CalendarEvent, eventUrl: (slug: string | null) => string): string[] {
  if (!event.startsAt || !event.endsAt) return [];
  const url = eventUrl(event.slug);
  const venue = event.venue;
  // An end before the start is a slip of the editor's: the two are swapped, not refused.
  const [start, end] = [event.startsAt, event.endsAt].sort((a, b) => Date.parse(a) - Date.parse(b));
  const description = [
    event.summary,
    event.organizer ? `Organisé par ${event.organizer}.` : null,
    `Inscription et détails : ${url}`,
  ]
    .filter(Boolean)
    .join('\n\n');
  // A venue is named by its name (and address); without a name, only its coordinates are given.
  const location = venue
    ? venue.name
      ? [venue.name, venueAddress(venue)].filter(Boolean).join('\n')
      : ''
    : (event.onlineUrl ?? '');
  const { lat, lng } = venue?.location ?? {};
  return [
    'BEGIN:VEVENT',
    `UID:${event._id}@essaim`,
    'SEQUENCE:0',
    // Derived from the content, not the clock.
    `DTSTAMP:${utcTime(event._updatedAt ?? event.startsAt)}`,
    `DTSTART;TZID=${timeZone}:${parisTime(start as string)}`,
    `DTEND;TZID=${timeZone}:${parisTime(end as string)}`,
    `SUMMARY:${text(event.status === 'cancelled' ? `Annulé : ${event.title}` : (event.title ?? ''))}`,
    ...(location ? [`LOCATION:${text(location)}`] : []),
    ...(venue && lat && lng ? [`GEO:${lat};${lng}`] : []),
    `DESCRIPTION:${text(description)}`,
    `URL;VALUE=URI:${text(url)}`,
    `STATUS:${event.status === 'cancelled' ? 'CANCELLED' : event.status === 'postponed' ? 'TENTATIVE' : 'CONFIRMED'}`,
    ...(event._updatedAt ? [`LAST-MODIFIED:${utcTime(event._updatedAt)}`] : []),
    'END:VEVENT',
  ];
}

/** A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, line breaks as `\n`. */
const text = (value: string): string =>
  value.replace(/[\\;,]/g, (character) => `\\${character}`).replace(/\r\n|\r|\n/g, '\\n');

const oneLine = (value: string): string => value.replace(/[\r\n]+/g, ' ');

/** `20271114T170000Z` */
const utcTime = (iso: string): string =>
  new Date(iso)
    .toISOString()
    .replace(/\.\d{3}/, '')
    .replace(/[-:]/g, '');

const parisParts = lazyDateTimeFormat('en-GB', {
  timeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The wall-clock time in Paris, as DTSTART;TZID=Europe/Paris wants it: `20271114T180000`. */
function parisTime(iso: string): string {
  const parts = Object.fromEntries(
    parisParts()
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}${parts.month}${parts.day}T${parts.hour}${parts.minute}${parts.second}`;
}

/** Lines longer than 75 octets are folded (RFC 5545 §3.1), never inside a character. */
function folded(line: string): string {
  if (line.length <= 74 && /^[\x20-\x7e]*$/.test(line)) return line;
  let result = '';
  let octets = 0;
  for (const character of line) {
    const size = Buffer.byteLength(character, 'utf8');
    octets += size;
    if (octets > 74) {
      result += '\r\n ';
      octets = size;
    }
    result += character;
  }
  return result;
}
