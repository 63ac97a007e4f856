import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { StoredFact } from '../mailFeedback/mailFeedbackStore.ts';
import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { failedItem } from '../shared/conflictRetries.ts';
import { setting } from '../shared/settings.ts';
import { streamWorker } from '../shared/workers/workers.ts';
import { NewsletterSendStore } from './newsletterSendStore.ts';
import { publishProgress } from './sendingProgress.ts';
import { chunkLifeSeconds, counterShardKey, counterShards } from './sendKeys.ts';
import { pauseReasonFor, reputationDelta } from './sendReputation.ts';

/** A feedback record's counter shard: spread by its event id. */
const shardOfRecord = (eventId: string): number =>
  [...eventId].reduce((hash, character) => (hash * 31 + character.charCodeAt(0)) >>> 0, 0) % counterShards;

const store = new NewsletterSendStore(dynamoDbDocumentClient(), tableNameOf('newsletterSends'));

/**
 * Stream worker on the mail feedback of newsletters (SES's events, tagged with the newsletter):
 * counts the send's deliveries, bounces and complaints, once each, and pauses the send, with
 * its reason shown to editors, when bounces or complaints pass their thresholds over its first
 * deliveries. The sending domain's reputation is worth more than one newsletter.
 */
export const handler = streamWorker<StoredFact & { pk: string }>({
  name: 'watchSendReputation',
  handle: async ({ newImage: fact, record, log }) => {
    if (!fact?.newsletter) return;
    const delta = reputationDelta(fact);
    if (!delta) return;
    const now = systemClock.now();
    try {
      await dynamoDbDocumentClient().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableNameOf('newsletterSends'),
                Item: {
                  pk: `SEND#${fact.newsletter}`,
                  sk: `FEEDBACK#${record.eventID}`,
                  expiresAt: Math.floor(Date.now() / 1000) + 2 * 86_400,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              // A counter shard, not STATE, which the senders read and write meanwhile. A mail of
              // a send this stack does not know leaves a shard that no state reads, and expires.
              Update: {
                TableName: tableNameOf('newsletterSends'),
                Key: counterShardKey(fact.newsletter, shardOfRecord(record.eventID ?? '')),
                UpdateExpression: `ADD ${delta} :one SET expiresAt = if_not_exists(expiresAt, :expiresAt)`,
                ExpressionAttributeValues: {
                  ':one': 1,
                  ':expiresAt': Math.floor(Date.now() / 1000) + chunkLifeSeconds,
                },
              },
            },
          ],
        }),
      );
    } catch (error) {
      // Counted already (a retried record), or a mail of no send this stack knows.
      if (failedItem(error) !== 'conflict') return;
      throw error;
    }
    const send = await store.state(fact.newsletter);
    // An editor who resumed a paused send has seen the figures: their decision stands.
    if (!send || (send.state !== 'planning' && send.state !== 'sending') || send.resumedAt) return;
    const reason = pauseReasonFor(send, {
      bounceRate: setting('newsletterPauseBounceRate'),
      complaintRate: setting('newsletterPauseComplaintRate'),
      window: setting('newsletterPauseWindow'),
      minimum: setting('newsletterPauseMinimum'),
    });
    if (reason && (await store.controls.pause(fact.newsletter, reason, now))) {
      log.warn('Send paused for its reputation', { reason });
      await publishProgress(store, fact.newsletter, now, true);
    }
  },
});
