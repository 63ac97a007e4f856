import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { readContent } from '../content/contentReader.ts';
import { siteSettingsQuery } from '../content/queries.ts';
import type { ContentChange } from '../domain/content/contentChange.ts';
import { eventChangeNotice, eventChanges } from '../domain/registration/eventChangeNotice.ts';
import { signManageToken } from '../domain/registration/manageToken.ts';
import { idempotentMailer } from '../mail/idempotentMailer.ts';
import { siteNameFromEnv } from '../mail/mailer.ts';
import { dynamoDbDocumentClient } from '../platform/aws.ts';
import { logger } from '../platform/logger.ts';
import { manageUrl, tokenKeyRing } from '../platform/registrationSettings.ts';
import { DynamoDbRegistrationStore } from '../store/registrationStore.ts';
import { tableNameOf } from '../tables.ts';

const store = new DynamoDbRegistrationStore(dynamoDbDocumentClient(), tableNameOf('registrations'));
const mailer = idempotentMailer('sendEventChangeNotices');
const siteUrl = process.env.PUBLIC_SITE_URL ?? 'https://www.essaim.example';

async function noticeRegistrants(record: DynamoDBRecord): Promise<void> {
  const image = record.dynamodb?.NewImage;
  if (!image) return;
  const change = unmarshall(image as Record<string, AttributeValue>) as ContentChange;
  const changes = eventChanges(change);
  if (!changes) return;
  const [{ value: settings }, ring] = await Promise.all([readContent(siteSettingsQuery, {}), tokenKeyRing()]);
  let sent = 0;
  for await (const registration of store.registrationsOf(change.documentId, ['confirmed', 'waitlisted'])) {
    const token = signManageToken(
      { eventId: registration.eventId, emailHash: registration.emailHash, registrationId: registration.id },
      ring,
    );
    const email = eventChangeNotice(registration, changes, {
      siteName: settings?.siteName ?? siteNameFromEnv(),
      manageUrl: manageUrl(siteUrl, token),
      title: change.after?.title ?? registration.event.title,
    });
    // One notice per registrant per change (the change's revision), whatever the retries.
    await mailer.sendOnce(`${registration.id}#change#${change.revision}`, email);
    sent++;
  }
  logger.info('Change notices sent', {
    eventId: change.documentId,
    revision: change.revision,
    notices: sent,
  });
}

const processor = new BatchProcessor(EventType.DynamoDBStreams);

/** Stream worker on content changes: registrants hear once of a new date, place, or a cancellation. */
export const handler = middy(async (event: DynamoDBStreamEvent, context: Context) => {
  mailer.registerContext(context);
  // In stream order: a registrant must not read of a new time after reading of the cancellation.
  return processPartialResponse(event, noticeRegistrants, processor, { context, processInParallel: false });
}).use(injectLambdaContext(logger, { resetKeys: true }));
