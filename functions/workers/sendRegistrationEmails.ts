import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { readContent } from '../content/contentReader.ts';
import { siteSettingsQuery } from '../content/queries.ts';
import { eventChangeNotice } from '../domain/registration/eventChangeNotice.ts';
import { signManageToken } from '../domain/registration/manageToken.ts';
import type { Registration } from '../domain/registration/registration.ts';
import { emailFor, registrationEmail } from '../domain/registration/registrationEmails.ts';
import { idempotentMailer } from '../mail/idempotentMailer.ts';
import { siteNameFromEnv } from '../mail/mailer.ts';
import { dynamoDbDocumentClient } from '../platform/aws.ts';
import { logger } from '../platform/logger.ts';
import { manageUrl, registrationRetentionMonths, tokenKeyRing } from '../platform/registrationSettings.ts';
import { DynamoDbRegistrationStore } from '../store/registrationStore.ts';
import { tableNameOf } from '../tables.ts';

const store = new DynamoDbRegistrationStore(dynamoDbDocumentClient(), tableNameOf('registrations'));
const siteUrl = process.env.PUBLIC_SITE_URL ?? 'https://www.essaim.example';
const mailer = idempotentMailer('sendRegistrationEmails');

const image = (value: Record<string, unknown> | undefined) =>
  value ? (unmarshall(value as Record<string, AttributeValue>) as Registration) : undefined;

async function sendEmailFor(record: DynamoDBRecord): Promise<void> {
  const after = image(record.dynamodb?.NewImage);
  if (!after) return;
  const before = image(record.dynamodb?.OldImage);
  const wanted = emailFor(before, after);
  if (!wanted) return;
  const [{ value: settings }, ring] = await Promise.all([readContent(siteSettingsQuery, {}), tokenKeyRing()]);
  const token = signManageToken(
    { eventId: after.eventId, emailHash: after.emailHash, registrationId: after.id },
    ring,
  );
  const email =
    wanted.kind === 'eventChanged'
      ? eventChangeNotice(after, wanted.changes, {
          siteName: settings?.siteName ?? siteNameFromEnv(),
          manageUrl: manageUrl(siteUrl, token),
        })
      : registrationEmail(wanted.kind, after, {
          siteName: settings?.siteName ?? siteNameFromEnv(),
          siteUrl,
          manageUrl: manageUrl(siteUrl, token),
          retentionMonths: registrationRetentionMonths(),
          ...(wanted.kind === 'waitlisted' ? { position: await store.waitingPosition(after) } : {}),
          ...(wanted.kind === 'cancelled' && before?.status === 'waitlisted'
            ? { cancelledFrom: 'waitlisted' }
            : {}),
        });
  const sesMessageId = await mailer.sendOnce(wanted.key, email);
  logger.info('Registration e-mail sent', { registrationId: after.id, kind: wanted.kind, sesMessageId });
}

const processor = new BatchProcessor(EventType.DynamoDBStreams);

/** Stream worker: one e-mail per change of a registration (confirmation with its .ics, waiting list, promotion, cancellation, link). */
export const handler = middy(async (event: DynamoDBStreamEvent, context: Context) => {
  mailer.registerContext(context);
  // In stream order: a confirmation is not overtaken by its cancellation notice.
  return processPartialResponse(event, sendEmailFor, processor, { context, processInParallel: false });
}).use(injectLambdaContext(logger, { resetKeys: true }));
