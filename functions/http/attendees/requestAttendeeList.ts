import { readContent } from '../../content/contentReader.ts';
import { eventAttendeeRecipientsQuery } from '../../content/queries.ts';
import { dynamoDbDocumentClient } from '../../platform/aws.ts';
import { systemClock } from '../../platform/clock.ts';
import { logger } from '../../platform/logger.ts';
import { DynamoDbRegistrationStore } from '../../store/registrationStore.ts';
import { tableNameOf } from '../../tables.ts';
import { httpHandler, jsonResponse } from '../middleware/httpHandler.ts';
import { eventNotFound } from '../programme/eventNotFound.ts';

const store = new DynamoDbRegistrationStore(dynamoDbDocumentClient(), tableNameOf('registrations'));

/**
 * `POST /events/{slug}/attendees/link`: mails a 24-hour link to the attendee list to the
 * event's organiser and to its region's chamber, at the addresses editors set in Sanity, and
 * to nobody else. The answer is the same whoever asks.
 */
export const handler = httpHandler({}, async ({ event }) => {
  const slug = event.pathParameters?.slug ?? '';
  const { value: found } = await readContent(eventAttendeeRecipientsQuery, { slug });
  if (!found) {
    throw eventNotFound(slug);
  }
  const recorded = await store.recordAttendeeListRequest(
    {
      eventId: found._id,
      slug,
      apiBaseUrl: `${event.headers['x-forwarded-proto'] ?? 'https'}://${event.requestContext.domainName}`,
    },
    systemClock.now(),
  );
  logger.info('Attendee list requested', { eventId: found._id, recorded });
  return jsonResponse(202, {
    message:
      'Si cette manifestation a des inscrits, un lien vers leur liste est envoyé à la structure organisatrice et à la chambre régionale.',
  });
});
