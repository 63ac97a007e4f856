import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { failedItem, untilSettled, writeUnlessConditionFails } from '../shared/conflictRetries.ts';
import { DynamoDbTable } from '../shared/dynamoDbTable.ts';
import type { CountDelta, StoredCounts } from './subscriberCounts.ts';

/**
 * The subscriber counters, in the `Subscribers` table: one `COUNTS`/`SUBSCRIBERS` item of
 * numbers (no address, no hash: kept when the subscriptions are gone), and a `COUNTED#<stream
 * event id>` marker per applied change (kept two days, longer than a stream record lives) so a
 * retried batch never counts a change twice.
 */
const countsKey = { pk: 'COUNTS', sk: 'SUBSCRIBERS' };
const markerKey = (eventId: string) => ({ pk: `COUNTED#${eventId}`, sk: 'MARKER' });
const markerLifeSeconds = 2 * 86_400;
/** A transaction holds 100 items at most: the changes' markers and the counters. */
const maxChangesPerTransaction = 99;

/** A change of one subscription, by its stream record's event id. */
export interface CountedChange {
  readonly eventId: string;
  readonly delta: CountDelta;
}

function sumOf(deltas: readonly CountDelta[]): CountDelta {
  const sum: Record<string, number> = {};
  for (const delta of deltas)
    for (const [name, by] of Object.entries(delta)) sum[name] = (sum[name] ?? 0) + (by ?? 0);
  return Object.fromEntries(Object.entries(sum).filter(([, by]) => by !== 0)) as CountDelta;
}

const markerPut = (eventId: string, now: Date, tableName: string) => ({
  Put: {
    TableName: tableName,
    Item: {
      ...markerKey(eventId),
      countedAt: now.toISOString(),
      expiresAt: Math.floor(now.getTime() / 1000) + markerLifeSeconds,
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/** The counters moved by a delta (none when the changes cancel out: the markers alone). */
function countsUpdate(delta: CountDelta, now: Date, tableName: string) {
  const entries = Object.entries(delta);
  if (entries.length === 0) return [];
  return [
    {
      Update: {
        TableName: tableName,
        Key: countsKey,
        UpdateExpression: `ADD ${entries.map((_, index) => `#c${index} :c${index}`).join(', ')}, version :one SET updatedAt = :now`,
        ExpressionAttributeNames: Object.fromEntries(entries.map(([name], index) => [`#c${index}`, name])),
        ExpressionAttributeValues: {
          ...Object.fromEntries(entries.map(([, by], index) => [`:c${index}`, by])),
          ':one': 1,
          ':now': now.toISOString(),
        },
      },
    },
  ];
}

export class SubscriberCountStore extends DynamoDbTable {
  /**
   * Applies each change's delta once: the changes' markers and their summed delta in one
   * transaction (a stream batch is one write of the counters, not one conflicting write per
   * change). Answers, per change, whether it was counted now (false: counted before, by a
   * retried record, or nothing to count).
   */
  async applyAll(changes: readonly CountedChange[], now: Date): Promise<boolean[]> {
    const counted = changes.map(() => false);
    // Indexes of the changes still to count; one already counted is dropped and the rest tried again.
    let pending = changes.flatMap((change, index) => (Object.keys(change.delta).length > 0 ? [index] : []));
    while (pending.length > 0) {
      const batch = pending.slice(0, maxChangesPerTransaction);
      const outcome = await untilSettled('Counting subscriber changes', async () => {
        try {
          await this.client.send(
            new TransactWriteCommand({
              TransactItems: [
                ...batch.map((index) => markerPut(changes[index]?.eventId ?? '', now, this.tableName)),
                ...countsUpdate(
                  sumOf(batch.map((index) => changes[index]?.delta ?? {})),
                  now,
                  this.tableName,
                ),
              ],
            }),
          );
          return 'counted' as const;
        } catch (error) {
          const failed = failedItem(error);
          return failed === 'conflict' ? undefined : failed;
        }
      });
      if (outcome === 'counted') {
        for (const index of batch) counted[index] = true;
        pending = pending.slice(batch.length);
      } else pending = pending.filter((index) => index !== batch[outcome]);
    }
    return counted;
  }

  /** The counters as they stand (none yet: zero everywhere). */
  async read(): Promise<StoredCounts> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: countsKey, ConsistentRead: true }),
    );
    const { pk, sk, version, publishedVersion, updatedAt, ...counters } = (Item ?? {}) as Record<
      string,
      unknown
    >;
    return {
      version: typeof version === 'number' ? version : 0,
      ...(typeof publishedVersion === 'number' ? { publishedVersion } : {}),
      updatedAt: typeof updatedAt === 'string' ? updatedAt : new Date(0).toISOString(),
      counters: Object.fromEntries(
        Object.entries(counters).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
      ),
    };
  }

  /** Records that editors were shown this version (never going back to an older one). */
  async markPublished(version: number): Promise<void> {
    await writeUnlessConditionFails(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: countsKey,
          UpdateExpression: 'SET publishedVersion = :version',
          ConditionExpression: 'attribute_not_exists(publishedVersion) OR publishedVersion < :version',
          ExpressionAttributeValues: { ':version': version },
        }),
      ),
    );
  }
}
