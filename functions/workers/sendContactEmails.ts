import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
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
import { idempotentMailer } from '../mail/idempotentMailer.ts';
import { siteNameFromEnv } from '../mail/mailer.ts';
import { dynamoDbDocumentClient } from '../platform/aws.ts';
import { logger } from '../platform/logger.ts';
import { DynamoDbContactMessageStore } from '../store/contactMessageStore.ts';
import { tableNameOf } from '../tables.ts';

const defaultSiteName = siteNameFromEnv();
const store = new DynamoDbContactMessageStore(dynamoDbDocumentClient(), tableNameOf('contactMessages'));

const mailer = idempotentMailer('sendContactEmails');

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
    const sesMessageId = await mailer.sendOnce(`${message.id}#${kind}`, email);
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
  mailer.registerContext(context);
  return processPartialResponse(event, sendEmailsFor, processor, { context });
}).use(injectLambdaContext(logger, { resetKeys: true }));
