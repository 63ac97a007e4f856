import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { revisionKey, typeChangedAtAttribute } from '../shared/content/contentRevision.ts';
import { DynamoDbTable } from '../shared/dynamoDbTable.ts';
import type { ContentChange } from './contentChange.ts';

export interface RecordOutcome {
  /** The change was recorded before (a retried webhook, or the resync after the webhook). */
  readonly duplicate: boolean;
  /** This very delivery was processed before (same idempotency key): a replay. */
  readonly replayed: boolean;
}

export interface ContentChangeStore {
  /**
   * Records a change once and makes it the current revision. `delivery`: the webhook
   * delivery's idempotency key, remembered a day, so that a replay does nothing.
   */
  recordChange(
    change: ContentChange,
    receivedAt: Date,
    retentionDays: number,
    delivery?: string,
  ): Promise<RecordOutcome>;
}

/**
 * A change's key. A deletion carries the revision of the document it removed, the same as the
 * change that made that revision: it is told apart by its operation, or it would be taken for a
 * duplicate and never recorded.
 */
export const changeKey = (change: Pick<ContentChange, 'documentId' | 'revision' | 'operation'>): string =>
  `CHANGE#${change.documentId}#${change.revision}${change.operation === 'delete' ? '#delete' : ''}`;
/** A processed webhook delivery (its idempotency key): a replay within a day is recognised. */
export const deliveryKey = (key: string): string => `DELIVERY#${key}`;
/** How far the resync has read the Content Lake (`syncedUntil`, the last `_updatedAt` seen). */
export const resyncCheckpointKey = 'RESYNC';

export class DynamoDbContentChangeStore extends DynamoDbTable implements ContentChangeStore {
  async recordChange(
    change: ContentChange,
    receivedAt: Date,
    retentionDays: number,
    delivery?: string,
  ): Promise<RecordOutcome> {
    const seconds = Math.floor(receivedAt.getTime() / 1000);
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  pk: changeKey(change),
                  ...change,
                  receivedAt: receivedAt.toISOString(),
                  expiresAt: seconds + retentionDays * 86_400,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              // The revision marker, and when a document of this type last changed (`eventChangedAt`…):
              // a registration trusts the programme snapshot only if its query began after the last
              // change of an event. Wall-clock time, as the snapshot's `queriedAt` (the domain's clock
              // may be set by tests and demos). Not personal data; it lives as long as the stack.
              Update: {
                TableName: this.tableName,
                Key: { pk: revisionKey },
                UpdateExpression:
                  'SET revision = :revision, changedAt = :changedAt, expiresAt = :expiresAt, #typeChangedAt = :typeChangedAt',
                ExpressionAttributeNames: { '#typeChangedAt': typeChangedAtAttribute(change.type) },
                ExpressionAttributeValues: {
                  // A deletion carries its document's last revision: marked apart, so that what
                  // was cached under that revision (the deleted document) is read again.
                  ':revision': `${change.documentId}#${change.revision}${change.operation === 'delete' ? '#delete' : ''}`,
                  ':changedAt': receivedAt.toISOString(),
                  ':typeChangedAt': new Date().toISOString(),
                  ':expiresAt': seconds + 10 * 365 * 86_400,
                },
              },
            },
            // Longer than any signature the webhook accepts (`WEBHOOK_MAX_AGE_MINUTES`, a day at most).
            ...(delivery
              ? [
                  {
                    Put: {
                      TableName: this.tableName,
                      Item: {
                        pk: deliveryKey(delivery),
                        receivedAt: receivedAt.toISOString(),
                        expiresAt: seconds + 2 * 86_400,
                      },
                      ConditionExpression: 'attribute_not_exists(pk)',
                    },
                  },
                ]
              : []),
          ],
        }),
      );
      return { duplicate: false, replayed: false };
    } catch (error) {
      const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
      const failed = (index: number) => reasons[index]?.Code === 'ConditionalCheckFailed';
      if (failed(2)) return { duplicate: true, replayed: true };
      if (failed(0)) return { duplicate: true, replayed: false };
      throw error;
    }
  }

  /** Where the resync resumes: the last `_updatedAt` it recorded, if it ever ran. */
  async resyncedUntil(): Promise<string | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: resyncCheckpointKey }, ConsistentRead: true }),
    );
    return Item?.syncedUntil as string | undefined;
  }

  async markResynced(until: string, now: Date): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: resyncCheckpointKey,
          syncedUntil: until,
          ranAt: now.toISOString(),
          expiresAt: Math.floor(now.getTime() / 1000) + 10 * 365 * 86_400,
        },
      }),
    );
  }
}
