import * as z from 'zod';
import { checksFormChallenge, type FeatureManifest, limitsRate } from '../manifest.ts';
import { readsContent } from '../shared/content/contentAccess.ts';
import {
  formPostBody,
  formPostResponses,
  problemResponse,
  tooManyRequestsResponse,
} from '../shared/http/problemResponses.ts';
import { personalDataRequestSchema } from './personalDataRequestSchema.ts';

/**
 * The tables `storedDataFinders` reads and erases (with the index each one is found by): what
 * carrying out a request touches, and nothing else.
 */
const storedDataTables = {
  mailFeedback: 'readWrite',
  subscribers: 'readWrite',
  registrations: 'readWrite',
  contactMessages: 'readWrite',
  eventSubmissions: 'readWrite',
  directoryEntries: 'readWrite',
  businessMeetings: 'readWrite',
  rateLimits: 'readWrite',
  personalDataRequests: 'readWrite',
} as const;
const addressIndexes = {
  registrations: ['byAddress'],
  contactMessages: ['byAddress'],
  eventSubmissions: ['byAddress'],
  directoryEntries: ['byAddress'],
  businessMeetings: ['byAddress'],
  personalDataRequests: ['byAddress'],
} as const;

/** Self-service RGPD requests: « recevoir mes données », « effacer mes données », after a confirmation link. */
export const personalData = {
  folder: 'personalData',
  tables: {
    personalDataRequests: {
      description:
        'Requests from the visitor pages to receive or erase one’s data (`REQUEST#<id>`: kind, address, keyed hash `addressKey`, status `requested` → `confirmed` → `done`, dates). The insert is mailed its confirmation link, the move to `confirmed` carried out, both by stream workers; the address and its hash are dropped once done; TTL a day after the link lapses. Index `byAddress` (`addressKey`), for the finders of personal data.',
      partitionKey: 'pk',
      timeToLiveAttribute: 'expiresAt',
      stream: true,
      indexes: { byAddress: { partitionKey: 'addressKey' } },
    },
  },
  routes: [
    {
      name: 'requestPersonalData',
      method: 'POST',
      path: '/personal-data/requests',
      access: checksFormChallenge(limitsRate({ tables: { personalDataRequests: 'write' } })),
      openapi: {
        summary: 'Ask to receive or erase one’s personal data (a confirmation link is mailed)',
        description:
          'Records the request; a confirmation mail with a signed link (valid 24 hours) goes to the address, within its allowance of form mails (`FORM_MAILS_PER_MAILBOX`). Nothing is exported or erased before the owner confirms on the page that link opens. The answer is the same `202` for every address, known or not. A client past its allowance (30 requests and confirmations an hour) is refused with `429`.',
        tags: ['Personal data'],
        security: [],
        requestBody: formPostBody(personalDataRequestSchema),
        responses: {
          ...formPostResponses,
          '202': {
            description: 'Request recorded; the same answer for every address.',
            content: {
              'application/json': {
                schema: z.object({ message: z.string() }).meta({ id: 'PersonalDataRequestAccepted' }),
              },
            },
          },
          '400': problemResponse('Invalid field(s); one entry per invalid field.'),
          '413': problemResponse('Body too large.'),
          '415': problemResponse('Body is neither JSON nor a form.'),
          '429': tooManyRequestsResponse,
        },
      },
    },
    {
      name: 'confirmPersonalDataRequest',
      method: 'POST',
      path: '/personal-data/requests/{token}/confirmation',
      access: limitsRate({ tables: { personalDataRequests: 'readWrite' }, secrets: ['TOKEN_KEYS'] }),
      openapi: {
        summary: 'Confirm a request with the mailed link (the confirmation page posts it)',
        description:
          'The export is then mailed to the address (JSON attached), or the erasure done and confirmed by a last mail. A GET never confirms (link scanners open links). Harmless twice: nothing more is mailed. The `token` path segment is the credential (a signed link mailed to the address), which OpenAPI security schemes cannot describe: the operation declares none (`security: []`) but needs the link. A tampered or unknown token is a `404` that reveals nothing.',
        tags: ['Personal data'],
        security: [],
        responses: {
          '200': {
            description: 'Confirmed (`confirmed`: being carried out; `done`: carried out and mailed).',
            content: {
              'application/json': {
                schema: z
                  .object({ request: z.enum(['export', 'erase']), status: z.enum(['confirmed', 'done']) })
                  .meta({ id: 'PersonalDataRequestConfirmed' }),
              },
            },
          },
          '404': problemResponse('Tampered or unknown link, or a request that no longer exists.'),
          '410': problemResponse('The link is older than 24 hours: nothing was done or kept.'),
          '429': tooManyRequestsResponse,
        },
      },
    },
  ],
  streamWorkers: [
    {
      name: 'mailPersonalDataConfirmation',
      table: 'personalDataRequests',
      filters: [{ eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: [{ prefix: 'REQUEST#' }] } } } }],
      batchSize: 10,
      retryAttempts: 5,
      access: readsContent({
        tables: { idempotency: 'readWrite' },
        sendEmail: true,
        secrets: ['TOKEN_KEYS'],
      }),
    },
    {
      // Sends no mail: the function that writes the suppression set is not the one that mails.
      name: 'erasePersonalDataOnRequest',
      table: 'personalDataRequests',
      filters: [
        {
          eventName: ['MODIFY'],
          dynamodb: {
            NewImage: { kind: { S: ['erase'] }, status: { S: ['confirmed'] } },
            OldImage: { status: { S: ['requested'] } },
          },
        },
      ],
      batchSize: 1,
      retryAttempts: 5,
      // Upcoming registrations are cancelled one by one: time for a person with many.
      timeoutSeconds: 60,
      access: {
        tables: storedDataTables,
        indexes: addressIndexes,
        secrets: ['ADDRESS_HASH_KEY'],
      },
    },
    {
      name: 'mailPersonalDataOutcome',
      table: 'personalDataRequests',
      filters: [
        {
          eventName: ['MODIFY'],
          dynamodb: {
            NewImage: { kind: { S: ['export'] }, status: { S: ['confirmed'] } },
            OldImage: { status: { S: ['requested'] } },
          },
        },
        {
          eventName: ['MODIFY'],
          dynamodb: { NewImage: { status: { S: ['erased'] } }, OldImage: { status: { S: ['confirmed'] } } },
        },
      ],
      batchSize: 5,
      retryAttempts: 5,
      timeoutSeconds: 30,
      // Reads what it exports; writes only the request (its address dropped once mailed).
      access: readsContent({
        tables: {
          mailFeedback: 'read',
          subscribers: 'read',
          registrations: 'read',
          contactMessages: 'read',
          directoryEntries: 'read',
          businessMeetings: 'read',
          rateLimits: 'read',
          personalDataRequests: 'readWrite',
          idempotency: 'readWrite',
        },
        indexes: addressIndexes,
        sendEmail: true,
        secrets: ['ADDRESS_HASH_KEY'],
      }),
    },
  ],
} as const satisfies FeatureManifest;
