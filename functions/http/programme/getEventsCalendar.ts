import { readContent } from '../../content/contentReader.ts';
import { calendarEventsQuery } from '../../content/queries.ts';
import { eventsCalendar } from '../../domain/programme/calendar.ts';
import { programmeFiltersSchema } from '../../domain/programme/programmeFilters.ts';
import { cacheableResponse } from '../middleware/cacheableResponse.ts';
import { httpHandler } from '../middleware/httpHandler.ts';
import { programmeParams, siteUrl } from './programmeContext.ts';

/** `GET /events.ics`: the programme under the same filters, as a calendar to subscribe to. */
export const handler = httpHandler({ query: programmeFiltersSchema }, async ({ query, event }) => {
  const { value } = await readContent(calendarEventsQuery, (await programmeParams(query)).params);
  return cacheableResponse(event, {
    body: eventsCalendar(value, { name: 'Programme du Mois de l’ESS', siteUrl: siteUrl() }),
    contentType: 'text/calendar; charset=utf-8',
    maxAgeSeconds: 300,
    headers: { 'content-disposition': 'inline; filename="programme.ics"' },
  });
});
