import { cacheableResponse } from '../shared/http/cacheableResponse.ts';
import { httpHandler } from '../shared/http/httpHandler.ts';
import { eventPageUrl } from '../shared/pageLinks.ts';
import { eventsCalendar } from './calendar.ts';
import { programmeFiltersSchema } from './programmeFilters.ts';
import { currentProgramme } from './programmeSnapshotReader.ts';

/** `GET /events.ics`: the programme under the same filters, as a calendar to subscribe to. */
export const handler = httpHandler({ query: programmeFiltersSchema }, async ({ query, event }) => {
  const selected = (await currentProgramme()).select(query);
  return cacheableResponse(event, {
    body: eventsCalendar(selected, { name: 'Programme du Mois de l’ESS', eventUrl: eventPageUrl }),
    contentType: 'text/calendar; charset=utf-8',
    maxAgeSeconds: 300,
    headers: { 'content-disposition': 'inline; filename="programme.ics"' },
  });
});
