import type { FeatureManifest } from '../manifest.ts';

/**
 * Bounces, complaints and the suppression set: SES's events reach the `mailEvents` topic, the
 * consumer records them as facts, and the rules applied on the table's stream suppress the
 * addresses nothing may be sent to any more (the mailer checks the set before every send).
 */
export const mailFeedback = {
  folder: 'mailFeedback',
  tables: {
    mailFeedback: {
      description:
        'Per address, under `ADDRESS#<keyed hash>` (never the address itself): each SES notification about it (`NOTIFICATION#<SNS message id>`, 90 days), its transient bounces (`TRANSIENT#…`, 31 days) and, when suppressed, `SUPPRESSED` with `reason` (hardBounce, transientBounces, complaint, onSuppressionList, operator), `at` and `source` (3 years).',
      partitionKey: 'pk',
      sortKey: 'sk',
      timeToLiveAttribute: 'expiresAt',
      stream: true,
    },
  },
  topics: {
    mailEvents: {
      description:
        'SES events of both configuration sets (transactional and bulk): bounces, complaints, deliveries, rejects, in the event-publishing JSON.',
      publishedBy: 'sesEvents',
    },
  },
  topicSubscribers: [
    {
      name: 'recordMailFeedback',
      topic: 'mailEvents',
      retryAttempts: 2,
      // It only writes: one conditional put per recipient and SNS message.
      access: { tables: { mailFeedback: 'write' }, secrets: ['ADDRESS_HASH_KEY'] },
    },
  ],
  streamWorkers: [
    {
      name: 'applyMailFeedback',
      table: 'mailFeedback',
      filters: [
        {
          eventName: ['INSERT'],
          dynamodb: {
            NewImage: {
              sk: { S: [{ prefix: 'NOTIFICATION#' }] },
              eventType: { S: ['Bounce', 'Complaint'] },
            },
          },
        },
      ],
      batchSize: 10,
      retryAttempts: 5,
      access: { tables: { mailFeedback: 'readWrite' } },
    },
  ],
} as const satisfies FeatureManifest;
