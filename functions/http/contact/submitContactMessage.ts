import { randomUUID } from 'node:crypto';
import { currentContactConfig } from '../../content/contactSettings.ts';
import { contactMessageSchema } from '../../domain/contact/contactMessage.ts';
import { submitContactMessage } from '../../domain/contact/submitContactMessage.ts';
import { dynamoDbDocumentClient } from '../../platform/aws.ts';
import { systemClock } from '../../platform/clock.ts';
import { logger } from '../../platform/logger.ts';
import { DynamoDbContactMessageStore } from '../../store/contactMessageStore.ts';
import { tableNameOf } from '../../tables.ts';
import { httpHandler, jsonResponse } from '../middleware/httpHandler.ts';

const store = new DynamoDbContactMessageStore(dynamoDbDocumentClient(), tableNameOf('contactMessages'));

/** The schema for the topics offered right now (editors may change them in the Studio). */
const schemas = new Map<string, ReturnType<typeof contactMessageSchema>>();
async function currentSchema() {
  const config = await currentContactConfig();
  const ids = config.topics.map((topic) => topic.id);
  const key = ids.join('\n');
  let schema = schemas.get(key);
  if (!schema) {
    schema = contactMessageSchema(ids);
    schemas.set(key, schema);
  }
  return { schema, config };
}

/** `POST /contact`: records the message; a stream worker sends the e-mails. */
export const handler = httpHandler(
  { bodySchema: async () => (await currentSchema()).schema },
  async (request) => {
    const { config } = await currentSchema();
    const result = await submitContactMessage(request.body, {
      store,
      config,
      clock: systemClock,
      newId: randomUUID,
    });
    logger.info('Contact message submitted', { messageId: result.id, outcome: result.outcome });
    return jsonResponse(202, { id: result.id });
  },
);
