import { systemClock } from '../shared/clock.ts';
import { readContent } from '../shared/content/contentReader.ts';
import { cacheableJson, cacheableResponse } from '../shared/http/cacheableResponse.ts';
import { httpHandler } from '../shared/http/httpHandler.ts';
import { eventPageUrl } from '../shared/pageLinks.ts';
import { eventsCalendar } from './calendar.ts';
import { placesLeft } from './eventCard.ts';
import { eventNotFound } from './eventNotFound.ts';
import { confirmedCountsOf } from './programmeContext.ts';
import { eventBySlugQuery } from './queries.ts';
import { registrationState } from './registrationState.ts';

/**
 * `GET /events/{slug}`: the whole event; `GET /events/{slug}.ics`: the same event as a calendar
 * file (API Gateway paths cannot put a parameter and a suffix in one segment, hence one route).
 */
export const handler = httpHandler({}, async ({ event }) => {
  const requested = event.pathParameters?.slug ?? '';
  const asCalendar = requested.endsWith('.ics');
  const slug = asCalendar ? requested.slice(0, -'.ics'.length) : requested;
  const { value: found } = await readContent(eventBySlugQuery, { slug });
  if (!found) {
    throw eventNotFound(slug);
  }
  if (asCalendar) {
    const calendar = eventsCalendar([{ ...found, organizer: found.organizer?.name ?? null }], {
      name: found.title ?? 'Manifestation',
      eventUrl: eventPageUrl,
    });
    return cacheableResponse(event, {
      body: calendar,
      contentType: 'text/calendar; charset=utf-8',
      headers: { 'content-disposition': `attachment; filename="${slug}.ics"` },
    });
  }
  const { _updatedAt, registration, ...rest } = found;
  const state = registrationState(found, systemClock.now());
  const confirmed = (await confirmedCountsOf([found._id])).get(found._id) ?? 0;
  return cacheableJson(event, {
    ...rest,
    id: found._id,
    updatedAt: _updatedAt,
    registration: {
      open: state.open,
      closedReason: state.closedReason,
      capacity: state.capacity,
      placesLeft: placesLeft(state.capacity, confirmed),
      waitingList: state.waitingList,
      confirmationRequired: state.confirmationRequired,
      closesAt: registration?.closesAt ?? found.startsAt,
    },
  });
});
