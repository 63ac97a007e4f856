import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { idempotentMailer } from '../shared/mail/idempotentMailer.ts';
import { streamWorker } from '../shared/workers/workers.ts';
import { type ContactEmailContext, contactEmails } from './contactEmails.ts';
import type { ContactMessage } from './contactMessage.ts';
import { DynamoDbContactMessageStore } from './contactMessageStore.ts';
import { currentContactConfig } from './contactSettings.ts';
import { recipientsOf } from './topics.ts';

const store = new DynamoDbContactMessageStore(dynamoDbDocumentClient(), tableNameOf('contactMessages'));

/** Labels, recipients and brand as the site settings give them when the mail goes out. */
async function contextOf(message: ContactMessage): Promise<ContactEmailContext> {
  const config = await currentContactConfig();
  const topicLabel = config.topics.find((topic) => topic.id === message.topic)?.label ?? message.topic;
  return { brand: config.brand, topicLabel, recipients: recipientsOf(config, message.topic) };
}

/**
 * Stream worker for new contact messages (filtered on `INSERT` of `MESSAGE#…`): the team's
 * notification and the visitor's acknowledgement, each sent once; their SES ids are noted on
 * the message.
 */
export const handler = streamWorker<ContactMessage>({
  name: 'sendContactEmails',
  mailer: idempotentMailer,
  handle: async ({ newImage: message, log }, mail) => {
    if (!message) return;
    const context = await contextOf(message);
    for (const [kind, email] of await contactEmails(message, context)) {
      if (email.to.length === 0) {
        log.warn('No recipient configured for contact topic', { topic: message.topic, kind });
        continue;
      }
      const sesMessageId = await mail.sendOnce(`${message.id}#${kind}`, email);
      await store.markEmailSent(message.id, kind, sesMessageId);
      log.info('Contact e-mail sent', { messageId: message.id, kind, sesMessageId });
    }
  },
});
