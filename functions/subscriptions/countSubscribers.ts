import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { streamWorker } from '../shared/workers/workers.ts';
import { SubscriberCountStore } from './subscriberCountStore.ts';
import { countDelta } from './subscriberCounts.ts';
import type { Subscription } from './subscription.ts';

const counts = new SubscriberCountStore(dynamoDbDocumentClient(), tableNameOf('subscribers'));

/**
 * Stream worker on the subscription profiles: each confirmation, change of choices and
 * unsubscription moves the counters editors see (per list, region, theme, digest), once per
 * change whatever the retries. The counters hold numbers only.
 */
export const handler = streamWorker<Subscription>({
  name: 'countSubscribers',
  handle: async ({ oldImage, newImage, record }) => {
    await counts.apply(record.eventID ?? '', countDelta(oldImage, newImage), systemClock.now());
  },
});
