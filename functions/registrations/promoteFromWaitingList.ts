import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { streamWorker } from '../shared/workers/workers.ts';
import { movableWaitingList } from './movableWaitingList.ts';
import type { Registration } from './registration.ts';
import { DynamoDbWaitingList } from './waitingListStore.ts';

const waitingList = new DynamoDbWaitingList(dynamoDbDocumentClient(), tableNameOf('registrations'));

/** Stream worker: when a confirmed registration is cancelled, the first person waiting gets the place. */
export const handler = streamWorker<Registration>({
  name: 'promoteFromWaitingList',
  handle: async ({ newImage: after, oldImage: before, log }) => {
    if (!before || !after || before.status !== 'confirmed' || after.status !== 'cancelled') return;
    const waiting = await movableWaitingList(after.eventId);
    if (!waiting) return;
    // The freed place is given at most once (the counter's condition), whatever the retries.
    const promoted = await waitingList.promoteNext(after.eventId, waiting.capacity, systemClock.now());
    log.info('Waiting list checked after a cancellation', {
      eventId: after.eventId,
      promoted: promoted?.id ?? null,
    });
  },
});
