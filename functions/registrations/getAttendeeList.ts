import { systemClock } from '../shared/clock.ts';
import { readContent } from '../shared/content/contentReader.ts';
import { httpHandler } from '../shared/http/httpHandler.ts';
import { logger } from '../shared/logger.ts';
import { tokenKeyRing } from '../shared/tokens/tokenKeys.ts';
import { attendeeListCsv } from './attendeeList.ts';
import { attendeeListQuerySchema } from './attendeeListQuery.ts';
import { registrationLinkNotFound, registrationStore } from './manageRegistration.ts';
import { eventAttendeeRecipientsQuery } from './queries.ts';
import type { Registration } from './registration.ts';
import { verifyAttendeeListToken } from './registrationLinks.ts';

/** `GET /events/{slug}/attendees.csv?token=…`: the list, for the holder of a valid link only. */
export const handler = httpHandler({ query: attendeeListQuerySchema }, async ({ event, query }) => {
  const slug = event.pathParameters?.slug ?? '';
  const granted = verifyAttendeeListToken(query.token, await tokenKeyRing(), systemClock.now());
  const { value: found } = await readContent(eventAttendeeRecipientsQuery, { slug });
  if (!granted || !found || found._id !== granted.eventId) throw registrationLinkNotFound();
  const registrations: Registration[] = [];
  for await (const registration of registrationStore.registrationsOf(found._id, ['confirmed', 'waitlisted']))
    registrations.push(registration);
  logger.info('Attendee list downloaded', { eventId: found._id, rows: registrations.length });
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="inscrits-${slug}.csv"`,
      'cache-control': 'no-store, private',
    },
    body: attendeeListCsv(registrations),
  };
});
