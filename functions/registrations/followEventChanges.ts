import type { ContentChange } from '../contentChanges/contentChange.ts';
import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { setting } from '../shared/settings.ts';
import { allInBatches } from '../shared/workers/inBatches.ts';
import { streamWorker } from '../shared/workers/workers.ts';
import { DynamoDbEventFollower } from './eventFollowingStore.ts';
import { contentVersion, placesAdded, refreshedSnapshot } from './followEventChange.ts';
import { movableWaitingList } from './movableWaitingList.ts';
import { retentionEnd } from './registration.ts';
import { DynamoDbWaitingList } from './waitingListStore.ts';

/** Writes at once when an edit reaches every registration of an event. */
const refreshConcurrency = 8;
const follower = new DynamoDbEventFollower(dynamoDbDocumentClient(), tableNameOf('registrations'));
const waitingList = new DynamoDbWaitingList(dynamoDbDocumentClient(), tableNameOf('registrations'));

/**
 * Stream worker on content changes: when editors edit an event, every registration takes the
 * new details and retention (never older ones: edits are ordered by the event's version, not by
 * arrival), and places added go to the people waiting.
 */
export const handler = streamWorker<ContentChange>({
  name: 'followEventChanges',
  inOrder: true,
  handle: async ({ newImage: change, log }) => {
    if (!change) return;
    const event = refreshedSnapshot(change);
    if (event) {
      const version = contentVersion(change.updatedAt);
      const expiresAt = retentionEnd(event.endsAt, setting('registrationRetentionMonths'));
      // The event's own items first (counter, waiting list, id pointers): once a registrant sees
      // the new date, everything about the event already follows it.
      await follower.refreshEventItems(change.documentId, expiresAt, version);
      // Each registration that takes the new details tells its registrant what changed since
      // what they knew (sendRegistrationEmails, on the registrations' own stream). A few at a
      // time: a conference has hundreds, and the worker has a minute.
      const registrations = follower.registrationsOf(change.documentId, [
        'confirmed',
        'waitlisted',
        'cancelled',
      ]);
      const updated = await allInBatches(registrations, refreshConcurrency, (registration) =>
        follower.refreshRegistration(registration, event, expiresAt, version),
      );
      log.info('Registrations follow the edited event', {
        eventId: change.documentId,
        revision: change.revision,
        updated,
      });
    }
    if (!placesAdded(change)) return;
    const waiting = await movableWaitingList(change.documentId);
    if (!waiting) return;
    const promoted = await waitingList.promoteWhilePlacesFree(
      change.documentId,
      waiting.capacity,
      systemClock.now(),
    );
    log.info('Waiting list checked after places were added', {
      eventId: change.documentId,
      promoted: promoted.length,
    });
  },
});
