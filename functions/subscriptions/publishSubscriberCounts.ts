import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { replacePrivateDocument } from '../shared/content/privateDocuments.ts';
import { scheduledWorker } from '../shared/workers/workers.ts';
import { SubscriberCountStore } from './subscriberCountStore.ts';
import { subscriberCountsDocument } from './subscriberCounts.ts';

const counts = new SubscriberCountStore(dynamoDbDocumentClient(), tableNameOf('subscribers'));

/**
 * Scheduled worker (every minute): when the counters moved since editors were last shown them,
 * writes them to the private document the Studio reads (`essaim-private.subscriberCounts`). One
 * Content Lake write a minute at most, whatever the number of subscriptions; none when idle.
 */
export const handler = scheduledWorker({
  name: 'publishSubscriberCounts',
  run: async () => {
    const stored = await counts.read();
    if (stored.version === 0 || stored.version === stored.publishedVersion) return { published: false };
    await replacePrivateDocument(subscriberCountsDocument(stored));
    await counts.markPublished(stored.version);
    return { published: true, version: stored.version };
  },
});
