import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { CalendarEventsQueryResult } from '../shared/content/sanity.types.ts';
import { venueAddress } from '../shared/french.ts';

export type CalendarEvent = CalendarEventsQueryResult[number];

const timeZone = 'Europe/Paris';
const parisTime = (iso: string) => DateTime.fromISO(iso, { zone: timeZone });
const utcTime = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });

/**
 * An RFC 5545 calendar (ical-generator) of events, times in Europe/Paris with its VTIMEZONE
 * (timezones-ical-library), a stable UID per event so that calendar apps update rather than
 * duplicate, and cancelled events marked CANCELLED rather than dropped.
 */
export function eventsCalendar(
  events: readonly CalendarEvent[],
  options: { name: string; eventUrl: (slug: string | null) => string },
): string {
  const calendar = ical({
    name: options.name,
    prodId: { company: 'Essaim', product: 'Programme', language: 'FR' },
    // A published calendar, not an invitation: what `text/calendar; method=PUBLISH` attachments declare.
    method: ICalCalendarMethod.PUBLISH,
    // No calendar-wide zone (DTSTAMP and LAST-MODIFIED stay in UTC as RFC 5545 wants); each event
    // carries Europe/Paris and the generator adds its VTIMEZONE.
    timezone: { name: null, generator: (zone) => tzlib_get_ical_block(zone)[0] ?? null },
  });
  for (const event of events) {
    if (!event.startsAt || !event.endsAt) continue;
    const url = options.eventUrl(event.slug);
    const venue = event.venue;
    calendar.createEvent({
      id: `${event._id}@essaim`,
      // Luxon dates in the Paris zone: ical-generator writes their wall-clock time with TZID.
      start: parisTime(event.startsAt),
      end: parisTime(event.endsAt),
      timezone: timeZone,
      summary: event.status === 'cancelled' ? `Annulé : ${event.title}` : (event.title ?? ''),
      description: [
        event.summary,
        event.organizer ? `Organisé par ${event.organizer}.` : null,
        `Inscription et détails : ${url}`,
      ]
        .filter(Boolean)
        .join('\n\n'),
      location: venue
        ? {
            title: venue.name ?? '',
            address: venueAddress(venue),
            ...(venue.location?.lat !== undefined && venue.location?.lng !== undefined
              ? { geo: { lat: venue.location.lat, lon: venue.location.lng } }
              : {}),
          }
        : (event.onlineUrl ?? null),
      url,
      status:
        event.status === 'cancelled'
          ? ICalEventStatus.CANCELLED
          : event.status === 'postponed'
            ? ICalEventStatus.TENTATIVE
            : ICalEventStatus.CONFIRMED,
      lastModified: event._updatedAt ? utcTime(event._updatedAt) : null,
      // Derived from the content, not the clock: the same content gives the same bytes (ETag).
      stamp: utcTime(event._updatedAt ?? event.startsAt),
    });
  }
  return calendar.toString();
}
