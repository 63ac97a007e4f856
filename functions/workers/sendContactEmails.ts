import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { currentContactConfig } from '../content/contactSettings.ts';
import {
  type ContactEmailContext,
  type ContactEmailKind,
  contactAcknowledgement,
  contactEmailKinds,
  contactNotification,
} from '../domain/contact/contactEmails.ts';
import type { ContactMessage } from '../domain/contact/contactMessage.ts';
import { recipientsOf } from '../domain/contact/topics.ts';
import type { OutgoingEmail } from '../domain/email/outgoingEmail.ts';
import { mailerOptionsFromEnv, SesMailer, siteNameFromEnv } from '../mail/mailer.ts';
import { dynamoDbClient, dynamoDbDocumentClient, sesClient } from '../platform/aws.ts';
import { logger } from '../platform/logger.ts';
import { DynamoDbContactMessageStore } from '../store/contactMessageStore.ts';
import { tableNameOf } from '../tables.ts';

const defaultSiteName = siteNameFromEnv();
const mailer = new SesMailer(sesClient(), mailerOptionsFromEnv());
const store = new DynamoDbContactMessageStore(dynamoDbDocumentClient(), tableNameOf('contactMessages'));

const idempotencyConfig = new IdempotencyConfig({
  eventKeyJmesPath: 'key',
  // Longer than the stream's 24-hour retention: no replayed record can outlive its marker.
  expiresAfterSeconds: 2 * 24 * 60 * 60,
});

/** Sends one e-mail at most once per key, and remembers SES's message id for it. */
const sendOnce = makeIdempotent(
  async (request: { key: string; email: OutgoingEmail }) => mailer.send(request.email),
  {
    persistenceStore: new DynamoDBPersistenceLayer({
      tableName: tableNameOf('idempotency'),
      awsSdkV3Client: dynamoDbClient(),
    }),
    config: idempotencyConfig,
    keyPrefix: 'sendContactEmails',
  },
);

const compose: Record<
  ContactEmailKind,
  (message: ContactMessage, context: ContactEmailContext) => OutgoingEmail
> = {
  notification: contactNotification,
  acknowledgement: contactAcknowledgement,
};

/** Labels and recipients as the site settings give them when the mail goes out. */
async function contextOf(message: ContactMessage): Promise<ContactEmailContext> {
  const config = await currentContactConfig();
  const topicLabel = config.topics.find((topic) => topic.id === message.topic)?.label ?? message.topic;
  return {
    siteName: config.siteName ?? defaultSiteName,
    topicLabel,
    recipients: recipientsOf(config, message.topic),
  };
}

async function sendEmailsFor(record: DynamoDBRecord): Promise<void> {
  const image = record.dynamodb?.NewImage;
  if (!image) return;
  const message = unmarshall(image as Record<string, AttributeValue>) as ContactMessage;
  const context = await contextOf(message);
  for (const kind of contactEmailKinds) {
    const email = compose[kind](message, context);
    if (email.to.length === 0) {
      logger.warn('No recipient configured for contact topic', { topic: message.topic, kind });
      continue;
    }
    const sesMessageId = await sendOnce({ key: `${message.id}#${kind}`, email });
    await store.markEmailSent(message.id, kind, sesMessageId);
    logger.info('Contact e-mail sent', { messageId: message.id, kind, sesMessageId });
  }
}

const processor = new BatchProcessor(EventType.DynamoDBStreams);

/**
 * Stream worker for new contact messages (filtered on `INSERT` of `MESSAGE#…`): the team's
 * notification and the visitor's acknowledgement. A failed record is reported alone
 * (partial batch response) and retried; e-mails already sent are not sent again.
 */
export const handler = middy(async (event: DynamoDBStreamEvent, context: Context) => {
  idempotencyConfig.registerLambdaContext(context);
  return processPartialResponse(event, sendEmailsFor, processor, { context });
}).use(injectLambdaContext(logger, { resetKeys: true }));
