import { eventNotFound } from '../programme/eventNotFound.ts';
import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { readContent } from '../shared/content/contentReader.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { logger } from '../shared/logger.ts';
import { translate } from '../shared/messages.ts';
import { clientAllowance, mailboxAllowance, tooManyRequests } from '../shared/rateLimits.ts';
import { DynamoDbAttendeeListRequests } from './attendeeListRequests.ts';
import { eventAttendeeRecipientsQuery } from './queries.ts';

const requests = new DynamoDbAttendeeListRequests(dynamoDbDocumentClient(), tableNameOf('registrations'));

/**
 * `POST /events/{slug}/attendees/link`: mails a 24-hour link to the attendee list to the
 * event's organiser and to its region's chamber, at the addresses editors set in Sanity, and
 * to nobody else. The answer is the same whoever asks.
 */
export const handler = httpHandler({}, async ({ event, language }) => {
  const slug = event.pathParameters?.slug ?? '';
  const { value: found } = await readContent(eventAttendeeRecipientsQuery, { slug });
  if (!found) throw eventNotFound(slug);
  const now = systemClock.now();
  const recipients = [...new Set([found.organizerEmail, found.cressEmail].filter(Boolean))] as string[];
  // The client's requests, and each recipient's allowance of form mails (across every event).
  const limits = [
    await clientAllowance(event, 'attendeeLists', now),
    ...(await Promise.all(recipients.map((recipient) => mailboxAllowance(recipient, now)))),
  ];
  const outcome = await requests.record({ eventId: found._id, slug }, limits, now);
  if ('usedUp' in outcome) throw tooManyRequests(outcome.usedUp, now);
  logger.info('Attendee list requested', { eventId: found._id, recorded: outcome.recorded });
  return jsonResponse(202, { message: translate(language, 'attendees.requested') });
});
