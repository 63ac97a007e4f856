import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { coalesced } from '../shared/workers/coalescing.ts';
import { streamWorker } from '../shared/workers/workers.ts';
import { type CountedChange, SubscriberCountStore } from './subscriberCountStore.ts';
import { countDelta } from './subscriberCounts.ts';
import type { Subscription } from './subscription.ts';

const counts = new SubscriberCountStore(dynamoDbDocumentClient(), tableNameOf('subscribers'));
/** The records of a batch, handled at once, are counted together: one write of the counters. */
const countChange = coalesced<CountedChange, boolean>((changes) =>
  counts.applyAll(changes, systemClock.now()),
);

/**
 * Stream worker on the subscription profiles: each confirmation, change of choices and
 * unsubscription moves the counters editors see (per list, region, theme, digest), once per
 * change whatever the retries. The counters hold numbers only.
 */
export const handler = streamWorker<Subscription>({
  name: 'countSubscribers',
  handle: async ({ oldImage, newImage, record }) => {
    await countChange({ eventId: record.eventID ?? '', delta: countDelta(oldImage, newImage) });
  },
});
