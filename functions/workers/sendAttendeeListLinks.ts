import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { readContent } from '../content/contentReader.ts';
import { eventAttendeeRecipientsQuery, siteSettingsQuery } from '../content/queries.ts';
import { attendeeListEmail } from '../domain/registration/attendeeList.ts';
import { signAttendeeListToken } from '../domain/registration/manageToken.ts';
import { idempotentMailer } from '../mail/idempotentMailer.ts';
import { siteNameFromEnv } from '../mail/mailer.ts';
import { logger } from '../platform/logger.ts';
import { tokenKeyRing } from '../platform/registrationSettings.ts';

const mailer = idempotentMailer('sendAttendeeListLinks');
/** How long a link to an attendee list stays valid. */
const linkLifetimeSeconds = 24 * 3600;

async function sendLink(record: DynamoDBRecord): Promise<void> {
  const image = record.dynamodb?.NewImage;
  if (!image) return;
  const request = unmarshall(image as Record<string, AttributeValue>) as {
    sk: string;
    eventId: string;
    slug: string;
    apiBaseUrl: string;
    requestedAt: string;
  };
  const [{ value: event }, { value: settings }, ring] = await Promise.all([
    readContent(eventAttendeeRecipientsQuery, { slug: request.slug }),
    readContent(siteSettingsQuery, {}),
    tokenKeyRing(),
  ]);
  const recipients = [
    ...new Set([event?.organizerEmail, event?.cressEmail].filter((to): to is string => Boolean(to))),
  ];
  if (!event || event._id !== request.eventId || recipients.length === 0) {
    logger.warn('No recipient for an attendee list', { eventId: request.eventId });
    return;
  }
  const expiresAt = Math.floor(Date.parse(request.requestedAt) / 1000) + linkLifetimeSeconds;
  const url = `${request.apiBaseUrl}/events/${encodeURIComponent(request.slug)}/attendees.csv?token=${encodeURIComponent(signAttendeeListToken(request.eventId, expiresAt, ring))}`;
  const email = attendeeListEmail(recipients, {
    siteName: settings?.siteName ?? siteNameFromEnv(),
    title: event.title ?? request.slug,
    url,
    validUntil: new Date(expiresAt * 1000),
  });
  await mailer.sendOnce(`${request.eventId}#${request.sk}`, email);
}

const processor = new BatchProcessor(EventType.DynamoDBStreams);

/** Stream worker: mails the attendee-list link an organiser or a chamber asked for. */
export const handler = middy(async (event: DynamoDBStreamEvent, context: Context) => {
  mailer.registerContext(context);
  return processPartialResponse(event, sendLink, processor, { context });
}).use(injectLambdaContext(logger, { resetKeys: true }));
