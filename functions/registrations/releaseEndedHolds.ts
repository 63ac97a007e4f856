import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { logger } from '../shared/logger.ts';
import { scheduledWorker } from '../shared/workers/workers.ts';
import { DynamoDbHeldPlaces } from './heldPlaces.ts';

const heldPlaces = new DynamoDbHeldPlaces(dynamoDbDocumentClient(), tableNameOf('registrations'));

/**
 * Scheduled worker (every minute): gives back the places held for registrants who did not
 * confirm in time (`REGISTRATION_HOLD_MINUTES`). DynamoDB's TTL would be days late; the
 * waiting list then moves on from the registration's stream record, as after a cancellation.
 */
export const handler = scheduledWorker({
  name: 'releaseEndedHolds',
  run: async () => {
    const released = await heldPlaces.releaseEnded(systemClock.now());
    if (released > 0) logger.info('Ended holds released', { released });
    return { released };
  },
});
