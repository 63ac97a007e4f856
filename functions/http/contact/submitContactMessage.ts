import { randomUUID } from 'node:crypto';
import { contactMessageSchema } from '../../domain/contact/contactMessage.ts';
import { submitContactMessage } from '../../domain/contact/submitContactMessage.ts';
import { contactConfigFromEnv } from '../../domain/contact/topics.ts';
import { dynamoDbDocumentClient } from '../../platform/aws.ts';
import { systemClock } from '../../platform/clock.ts';
import { logger } from '../../platform/logger.ts';
import { DynamoDbContactMessageStore } from '../../store/contactMessageStore.ts';
import { tableNameOf } from '../../tables.ts';
import { httpHandler, jsonResponse } from '../middleware/httpHandler.ts';

const config = contactConfigFromEnv();
const store = new DynamoDbContactMessageStore(dynamoDbDocumentClient(), tableNameOf('contactMessages'));
const body = contactMessageSchema(config.topics.map((topic) => topic.id));

/** `POST /contact`: records the message; a stream worker sends the e-mails. */
export const handler = httpHandler({ body }, async (request) => {
  const result = await submitContactMessage(request.body, {
    store,
    config,
    clock: systemClock,
    newId: randomUUID,
  });
  logger.info('Contact message submitted', { messageId: result.id, outcome: result.outcome });
  return jsonResponse(202, { id: result.id });
});
