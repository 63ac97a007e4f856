import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { logger } from '../shared/logger.ts';
import { scheduledWorker } from '../shared/workers/workers.ts';
import { ProgrammeSnapshotStore } from './programmeSnapshotStore.ts';
import { rebuildProgrammeSnapshot } from './rebuildProgrammeSnapshot.ts';

const store = new ProgrammeSnapshotStore(dynamoDbDocumentClient(), tableNameOf('programme'));

/**
 * Scheduled worker (and once after each deployment or local start): the programme snapshot read
 * again from the Content Lake whatever the webhook said. It repairs what a lost or refused
 * webhook left behind, deletions included (which the content resync cannot see), and makes the
 * first snapshot of a new stack. The same content replaces nothing.
 */
export const handler = scheduledWorker({
  name: 'resyncProgrammeSnapshot',
  run: async () => {
    const rebuilt = await rebuildProgrammeSnapshot(store, Date.now(), systemClock.now());
    if (rebuilt.outcome === 'replaced') logger.info('Programme snapshot repaired', { ...rebuilt });
    return rebuilt;
  },
});
