import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { contentReadToken, queryContentLake } from '../shared/content/contentLakeQuery.ts';
import { logger } from '../shared/logger.ts';
import { scheduledWorker } from '../shared/workers/workers.ts';
import { changeRetentionDays, contentChangeSchema } from './contentChange.ts';
import { DynamoDbContentChangeStore } from './contentChangeStore.ts';
import { resyncQuery, webhookDocumentTypes } from './webhookProjection.ts';

const store = new DynamoDbContentChangeStore(dynamoDbDocumentClient(), tableNameOf('contentChanges'));
/** A first run (or a lost checkpoint) reads this far back. */
const firstLookBackMs = 24 * 3600_000;
/** Each run reads a little before its checkpoint again: an edit may commit after a later one. */
const overlapMs = 5 * 60_000;

/**
 * Scheduled worker: what the webhook did not record (a delivery refused as stale, lost, or
 * never sent), read from the Content Lake itself: every document of the webhook's types edited
 * since the last run is recorded as a change, unless that revision already was (the webhook's
 * own record, or a previous run's). Its consumers then act as for a webhook: the revision moves,
 * registrations follow their event. Deletions are not seen here: a deleted document is gone
 * from the queries. Time is the Content Lake's (`_updatedAt`), compared with the real clock.
 */
export const handler = scheduledWorker({
  name: 'resyncContent',
  run: async () => {
    const now = new Date();
    const checkpoint = await store.resyncedUntil();
    const since = new Date(checkpoint ? Date.parse(checkpoint) - overlapMs : now.getTime() - firstLookBackMs);
    const documents = await queryContentLake<unknown[]>(
      resyncQuery,
      { types: webhookDocumentTypes, since: since.toISOString() },
      await contentReadToken(),
    );
    let recorded = 0;
    let last: string | undefined;
    for (const document of documents) {
      const parsed = contentChangeSchema.safeParse(document);
      if (!parsed.success) {
        logger.warn('Document not readable as a change', {
          documentId: (document as { documentId?: string }).documentId,
        });
        continue;
      }
      const { duplicate } = await store.recordChange(parsed.data, systemClock.now(), changeRetentionDays);
      if (!duplicate) recorded++;
      last = parsed.data.updatedAt;
    }
    // Nothing edited yet: the next run starts from now rather than a day back again.
    const until = last ?? checkpoint ?? new Date(now.getTime() - overlapMs).toISOString();
    if (until !== checkpoint) await store.markResynced(until, now);
    if (recorded > 0) logger.info('Changes the webhook missed, recorded', { recorded });
    return { read: documents.length, recorded };
  },
});
