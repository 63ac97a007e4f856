import { readContent } from '../../content/contentReader.ts';
import { eventAttendeeRecipientsQuery } from '../../content/queries.ts';
import { attendeeListCsv } from '../../domain/registration/attendeeList.ts';
import { verifyAttendeeListToken } from '../../domain/registration/manageToken.ts';
import type { Registration } from '../../domain/registration/registration.ts';
import { dynamoDbDocumentClient } from '../../platform/aws.ts';
import { systemClock } from '../../platform/clock.ts';
import { logger } from '../../platform/logger.ts';
import { tokenKeyRing } from '../../platform/registrationSettings.ts';
import { DynamoDbRegistrationStore } from '../../store/registrationStore.ts';
import { tableNameOf } from '../../tables.ts';
import { httpHandler } from '../middleware/httpHandler.ts';
import { ProblemError } from '../middleware/problem.ts';
import { attendeeListQuerySchema } from './attendeeListQuery.ts';

const store = new DynamoDbRegistrationStore(dynamoDbDocumentClient(), tableNameOf('registrations'));

/** `GET /events/{slug}/attendees.csv?token=…`: the list, for the holder of a valid link only. */
export const handler = httpHandler({ query: attendeeListQuerySchema }, async ({ event, query }) => {
  const slug = event.pathParameters?.slug ?? '';
  const granted = verifyAttendeeListToken(query.token, await tokenKeyRing(), systemClock.now());
  const { value: found } = await readContent(eventAttendeeRecipientsQuery, { slug });
  if (!granted || !found || found._id !== granted.eventId) {
    throw new ProblemError({ status: 404, title: 'problem.notFound.title', detail: 'registration.notFound' });
  }
  const registrations: Registration[] = [];
  for await (const registration of store.registrationsOf(found._id, ['confirmed', 'waitlisted']))
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
