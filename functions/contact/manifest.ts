import * as z from 'zod';
import { checksFormChallenge, type FeatureManifest, limitsRate } from '../manifest.ts';
import { readsContent } from '../shared/content/contentAccess.ts';
import {
  busyResponse,
  formPostBody,
  formPostResponses,
  problemResponse,
  tooManyRequestsResponse,
} from '../shared/http/problemResponses.ts';
import { contactMessageSchema } from './contactMessage.ts';
import { defaultContactTopics } from './topics.ts';

const contactTopicSchema = z
  .object({ id: z.string(), label: z.string() })
  .meta({ id: 'ContactTopic', example: defaultContactTopics[0] });

/** The contact form: topics from the Studio, messages recorded, then mailed by a stream worker. */
export const contact = {
  folder: 'contact',
  tables: {
    contactMessages: {
      description:
        'Contact-form messages (`MESSAGE#…`) and their de-duplication markers (`SUBMISSION#…`), both with the keyed hash of the sender’s address (`addressKey`). Index `byAddress` (`addressKey`): every item of one address, for the data controller (`npm run gdpr`).',
      partitionKey: 'pk',
      timeToLiveAttribute: 'expiresAt',
      stream: true,
      indexes: { byAddress: { partitionKey: 'addressKey' } },
    },
  },
  routes: [
    {
      name: 'listContactTopics',
      method: 'GET',
      path: '/contact/topics',
      access: readsContent(),
      openapi: {
        summary: 'Topics offered by the contact form',
        description:
          'The topics editors set in the Studio’s site settings (`Réglages du site`), or the `CONTACT_TOPICS` setting when they set none. A message’s `topic` is one of these ids.',
        tags: ['Contact'],
        security: [],
        responses: {
          '200': {
            description: 'The topics, in display order, with French labels.',
            content: { 'application/json': { schema: z.array(contactTopicSchema) } },
          },
          '304': { description: 'Not modified (`If-None-Match` matched the `ETag`).' },
        },
      },
    },
    {
      name: 'submitContactMessage',
      method: 'POST',
      path: '/contact',
      access: checksFormChallenge(readsContent(limitsRate({ tables: { contactMessages: 'readWrite' } }))),
      openapi: {
        summary: 'Send a message through the contact form',
        description:
          'Records the message; the team of the chosen topic then receives it by e-mail. The visitor receives an acknowledgement that repeats nothing they typed, at most once a day per mailbox and within its allowance of form mails (`FORM_MAILS_PER_MAILBOX`). ' +
          'The same message sent again within 10 minutes answers the same id and sends nothing new. A client past `RATE_LIMIT_CONTACT` is refused with `429`.',
        tags: ['Contact'],
        security: [],
        requestBody: formPostBody(contactMessageSchema(defaultContactTopics.map((topic) => topic.id))),
        responses: {
          ...formPostResponses,
          '202': {
            description: 'Message accepted.',
            content: {
              'application/json': {
                schema: z.object({ id: z.string() }).meta({ id: 'ContactMessageAccepted' }),
              },
            },
          },
          '400': problemResponse('Invalid field(s) or malformed JSON; one entry per invalid field.'),
          '413': problemResponse('Body too large.'),
          '415': problemResponse('Body is neither JSON nor a form.'),
          '429': tooManyRequestsResponse,
          '503': busyResponse,
        },
      },
    },
  ],
  streamWorkers: [
    {
      name: 'sendContactEmails',
      table: 'contactMessages',
      filters: [{ eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: [{ prefix: 'MESSAGE#' }] } } } }],
      batchSize: 10,
      retryAttempts: 5,
      access: readsContent({
        tables: { contactMessages: 'write', idempotency: 'readWrite' },
        sendEmail: true,
      }),
    },
  ],
} as const satisfies FeatureManifest;
