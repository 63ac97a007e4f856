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

export class SubscriberCountStore extends DynamoDbTable {
  /**
   * Applies one change's delta once: the marker and the counters in one transaction. Answers
   * false when the change had already been counted (a retried stream record).
   */
  async apply(eventId: string, delta: CountDelta, now: Date): Promise<boolean> {
    const entries = Object.entries(delta);
    if (entries.length === 0) return false;
    const names = Object.fromEntries(entries.map(([name], index) => [`#c${index}`, name]));
    const values = Object.fromEntries(entries.map(([, by], index) => [`:c${index}`, by]));
    return untilSettled('Counting a subscriber change', async () => {
      try {
        await this.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: this.tableName,
                  Item: {
                    ...markerKey(eventId),
                    countedAt: now.toISOString(),
                    expiresAt: Math.floor(now.getTime() / 1000) + markerLifeSeconds,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Update: {
                  TableName: this.tableName,
                  Key: countsKey,
                  UpdateExpression: `ADD ${Object.keys(names)
                    .map((placeholder, index) => `${placeholder} :c${index}`)
                    .join(', ')}, version :one SET updatedAt = :now`,
                  ExpressionAttributeNames: names,
                  ExpressionAttributeValues: { ...values, ':one': 1, ':now': now.toISOString() },
                },
              },
            ],
          }),
        );
        return true;
      } catch (error) {
        const failed = failedItem(error);
        return failed === 'conflict' ? undefined : false;
      }
    });
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
