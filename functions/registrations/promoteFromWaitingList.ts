import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { streamWorker } from '../shared/workers/workers.ts';
import { movableWaitingList } from './movableWaitingList.ts';
import type { Registration } from './registration.ts';
import { DynamoDbWaitingList } from './waitingListStore.ts';

const waitingList = new DynamoDbWaitingList(dynamoDbDocumentClient(), tableNameOf('registrations'));

/**
 * Whether a change of a registration gave a place back: a confirmed one cancelled, or a held
 * one let go (cancelled, or its hold ended unconfirmed). A held place that became confirmed
 * stays taken.
 */
export function placeFreed(before: Registration | undefined, after: Registration | undefined): boolean {
  if (!before || !after) return false;
  if (before.status === 'confirmed') return after.status === 'cancelled';
  const held = (registration: Registration) =>
    registration.status === 'pending' && registration.holdsPlace === true;
  return held(before) && !held(after) && after.status !== 'confirmed';
}

/**
 * Stream worker: when a place comes back (a cancellation, a hold that ended unconfirmed), the
 * first person waiting gets it.
 */
export const handler = streamWorker<Registration>({
  name: 'promoteFromWaitingList',
  handle: async ({ newImage: after, oldImage: before, log }) => {
    if (!placeFreed(before, after) || !after) return;
    const waiting = await movableWaitingList(after.eventId);
    if (!waiting) return;
    // The freed place is given at most once (the counter's condition), whatever the retries.
    const promoted = await waitingList.promoteNext(after.eventId, waiting.capacity, systemClock.now());
    log.info('Waiting list checked after a place came back', {
      eventId: after.eventId,
      promoted: promoted?.id ?? null,
    });
  },
});
