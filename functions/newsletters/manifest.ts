import type { FeatureManifest } from '../manifest.ts';
import { readsContent } from '../shared/content/contentAccess.ts';
import { archiveRoutes } from './archiveRoutes.ts';

/** Newsletters: editors send them from the Studio; a throttled, resumable fan-out; the public archive. */
export const newsletters = {
  folder: 'newsletters',
  tables: {
    newsletterSends: {
      description:
        'Newsletter and digest sends. Per send (`SEND#<send id>`; a digest’s id names its period, `digest-weekly-2027-11-08`): `STATE` (state, audience, counters editors see) and `CONTENT` (the mail as frozen when sending started; a digest’s articles and events); `ARCHIVED` once a real send finished. Per chunk (`SEND#<send id>#CHUNK#<n>`, `CHUNK`): up to 500 recipients’ keyed hashes (and, until it settles, what their mails need of their profiles), pending → sending → settled with each outcome (90-day TTL). `REQUEST#<id>`: a Studio send request already acted on. The account’s pace: `PACE#<second>` (mails per second) and `QUOTA#<hour>` (bulk mails per hour, summed over 24 hours); `SCHEDULED` and `QUOTAPAUSED`: sends waiting for their time, or for room in the quota.',
      partitionKey: 'pk',
      sortKey: 'sk',
      timeToLiveAttribute: 'expiresAt',
      stream: true,
    },
  },
  // The public archive (`archiveRoutes.ts`).
  routes: archiveRoutes,
  streamWorkers: [
    {
      // A send request an editor's action published (test, send, schedule, pause, resume, resend).
      name: 'acceptSendRequests',
      table: 'contentChanges',
      filters: [
        {
          eventName: ['INSERT'],
          dynamodb: {
            Keys: { pk: { S: [{ prefix: 'CHANGE#' }] } },
            NewImage: { type: { S: ['newsletterSendRequest'] }, operation: { S: ['create'] } },
          },
        },
      ],
      batchSize: 5,
      retryAttempts: 5,
      // Renders the newsletter (MJML) once for the whole send.
      timeoutSeconds: 30,
      access: readsContent({
        // Subscribers: the exact audience the « Envoyer » dialog asks for (`count`).
        tables: { newsletterSends: 'readWrite', subscribers: 'read' },
        secrets: ['SANITY_WRITE_TOKEN'],
      }),
    },
    {
      // Freezes the audience, one page of subscribers per record, checkpointed.
      name: 'planNewsletterSend',
      table: 'newsletterSends',
      filters: [
        {
          eventName: ['INSERT', 'MODIFY'],
          dynamodb: { Keys: { sk: { S: ['STATE'] } }, NewImage: { state: { S: ['planning'] } } },
        },
      ],
      batchSize: 1,
      retryAttempts: 10,
      timeoutSeconds: 30,
      access: {
        tables: { newsletterSends: 'readWrite', subscribers: 'read' },
        // GetAccount: the chunk size follows the account's send rate.
        sendBulkEmail: true,
        secrets: ['SANITY_WRITE_TOKEN'],
      },
    },
    {
      // Sends one chunk (up to 10 SendBulkEmail calls of 50 recipients) and settles each recipient once.
      name: 'sendNewsletterChunk',
      table: 'newsletterSends',
      filters: [
        {
          eventName: ['INSERT', 'MODIFY'],
          dynamodb: { Keys: { sk: { S: ['CHUNK'] } }, NewImage: { status: { S: ['pending'] } } },
        },
      ],
      // One chunk an invocation: up to 10 SendBulkEmail calls of 50 recipients at once.
      batchSize: 4,
      retryAttempts: 10,
      // A chunk may wait out SES's backoff (up to 30 s) before its call.
      timeoutSeconds: 60,
      access: {
        tables: { newsletterSends: 'readWrite', subscribers: 'read' },
        sendBulkEmail: true,
        secrets: ['TOKEN_KEYS', 'SANITY_WRITE_TOKEN'],
      },
    },
    {
      // Counts a send's deliveries, bounces and complaints; pauses it past its thresholds.
      name: 'watchSendReputation',
      table: 'mailFeedback',
      filters: [
        {
          eventName: ['INSERT'],
          dynamodb: {
            Keys: { sk: { S: [{ prefix: 'NOTIFICATION#' }] } },
            NewImage: { newsletter: { S: [{ exists: true }] } },
          },
        },
      ],
      batchSize: 20,
      retryAttempts: 5,
      access: { tables: { newsletterSends: 'readWrite' }, secrets: ['SANITY_WRITE_TOKEN'] },
    },
  ],
  schedules: [
    {
      // Programmed sends start within a minute of their time; sends the quota paused resume.
      name: 'startScheduledSends',
      everyMinutes: 1,
      access: {
        tables: { newsletterSends: 'readWrite' },
        // GetAccount: the 24-hour quota (the flag grants SendBulkEmail too, unused here).
        sendBulkEmail: true,
        secrets: ['SANITY_WRITE_TOKEN'],
      },
    },
    {
      // Each period's digest starts at the time editors set (`digestSettings`), once.
      name: 'startDigests',
      everyMinutes: 15,
      // Reads the period's articles and events, and the site's brand.
      timeoutSeconds: 30,
      access: readsContent({ tables: { newsletterSends: 'readWrite' } }),
    },
  ],
} as const satisfies FeatureManifest;
