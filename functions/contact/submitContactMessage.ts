import { randomUUID } from 'node:crypto';
import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { formAnswerPage } from '../shared/forms/formAnswerPage.ts';
import { apiBaseUrl } from '../shared/http/apiBaseUrl.ts';
import { formChallengeCheck } from '../shared/http/formChallengeCheck.ts';
import { allowedNext, type FormPostOptions } from '../shared/http/formPosts.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { logger } from '../shared/logger.ts';
import { countMetric } from '../shared/metrics.ts';
import { pageUrl } from '../shared/pageLinks.ts';
import {
  clientAllowance,
  dailyMailboxAllowance,
  mailboxAllowance,
  takeAllowances,
  tooManyRequests,
} from '../shared/rateLimits.ts';
import { addressHashKeyValue } from '../shared/tokens/tokenKeys.ts';
import { contactFieldLabels, contactFormHtml } from './contactForm.ts';
import { contactMessageSchema } from './contactMessage.ts';
import { DynamoDbContactMessageStore } from './contactMessageStore.ts';
import { currentContactConfig } from './contactSettings.ts';
import { submitContactMessage } from './recordContactMessage.ts';

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

/** Without JavaScript: the hosted thank-you page, or the form again with its errors. */
const contactFormPost: FormPostOptions = {
  checkboxes: ['consent'],
  fields: Object.keys(contactFieldLabels),
  thanks: () => pageUrl('messageSent'),
  errorPage: async (refused) => {
    const { config } = await currentSchema();
    return formAnswerPage({
      title: 'Nous écrire',
      back: allowedNext(refused.event.headers.referer ?? null),
      body: contactFormHtml({
        idPrefix: 'essaim-contact',
        action: `${apiBaseUrl(refused.event)}/contact`,
        topics: config.topics,
        values: refused.values,
        errors: refused.errors,
        ...(refused.next ? { next: refused.next } : {}),
      }),
    });
  },
};

/**
 * `POST /contact`: records the message; a stream worker sends the e-mails. JSON or a plain form.
 * A client past its allowance is refused (429); the acknowledgement goes at most once a day to
 * a mailbox, within its allowance of form mails.
 */
export const handler = httpHandler(
  {
    bodySchema: async () => (await currentSchema()).schema,
    formPost: contactFormPost,
    formChallenge: formChallengeCheck('contact'),
  },
  async (request) => {
    const { config } = await currentSchema();
    const now = systemClock.now();
    const result = await submitContactMessage(request.body, {
      store,
      config,
      clock: systemClock,
      newId: randomUUID,
      addressHashKey: await addressHashKeyValue(),
      allowances: {
        client: await clientAllowance(request.event, 'contact', now),
        acknowledgement: [
          await dailyMailboxAllowance('contactAcknowledgement', request.body.email, now),
          await mailboxAllowance(request.body.email, now),
        ],
      },
      take: takeAllowances,
    });
    if (result.outcome === 'limited') throw tooManyRequests(result.usedUp, now);
    if (result.outcome === 'stored') countMetric('contactMessagesRecorded');
    logger.info('Contact message submitted', { messageId: result.id, outcome: result.outcome });
    return jsonResponse(202, { id: result.id });
  },
);
