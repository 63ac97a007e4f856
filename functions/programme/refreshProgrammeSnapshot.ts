import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { logger } from '../shared/logger.ts';
import { coalesced } from '../shared/workers/coalescing.ts';
import { streamWorker } from '../shared/workers/workers.ts';
import { ProgrammeSnapshotStore } from './programmeSnapshotStore.ts';
import { type RebuildOutcome, rebuildProgrammeSnapshot } from './rebuildProgrammeSnapshot.ts';

const store = new ProgrammeSnapshotStore(dynamoDbDocumentClient(), tableNameOf('programme'));

/** The rebuild under way in this container, and when its query started. */
let running: { readonly queriedAt: number; readonly done: Promise<RebuildOutcome> } | undefined;

/**
 * A rebuild whose query starts at or after `changedAt`: the one under way if it started late
 * enough, else the next one. The records of a batch (and of batches arriving meanwhile) share
 * rebuilds instead of each reading the whole programme.
 */
async function rebuildCovering(changedAt: number): Promise<RebuildOutcome | null> {
  for (;;) {
    if (running && running.queriedAt >= changedAt) return running.done;
    if (running) {
      await running.done.catch(() => undefined);
      continue;
    }
    const current = await store.current();
    if (current && current.queriedAt >= changedAt) return null;
    if (running) continue;
    const queriedAt = Date.now();
    const done = rebuildProgrammeSnapshot(store, queriedAt, systemClock.now()).finally(() => {
      running = undefined;
    });
    running = { queriedAt, done };
    return done;
  }
}

/** The records of a batch, handled at once, share one rebuild that starts after they arrived. */
const rebuildForBatch = coalesced<number, RebuildOutcome | null>(async (arrivals) => {
  const rebuilt = await rebuildCovering(Math.max(...arrivals));
  if (rebuilt?.outcome === 'replaced') logger.info('Programme snapshot replaced', { ...rebuilt });
  return arrivals.map(() => rebuilt);
});

/**
 * Stream worker on content changes: an event, region, campaign or organisation was published,
 * edited, unpublished or deleted, so the programme snapshot is read again from the Content Lake.
 * A record arrives after its change was recorded, so a rebuild whose query starts later has it.
 * (The record's `ApproximateCreationDateTime` would say more, but DynamoDB Local rounds it to the
 * minute.)
 */
export const handler = streamWorker({
  name: 'refreshProgrammeSnapshot',
  handle: async () => {
    await rebuildForBatch(Date.now());
  },
});
