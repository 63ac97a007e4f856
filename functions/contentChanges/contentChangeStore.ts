import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { revisionKey } from '../shared/content/contentRevision.ts';
import { DynamoDbTable } from '../shared/dynamoDbTable.ts';
import type { ContentChange } from './contentChange.ts';

export interface ContentChangeStore {
  /** Records a change once (a retried webhook is a no-op) and makes it the current revision. */
  recordChange(
    change: ContentChange,
    receivedAt: Date,
    retentionDays: number,
  ): Promise<{ duplicate: boolean }>;
}

export const changeKey = (change: Pick<ContentChange, 'documentId' | 'revision'>): string =>
  `CHANGE#${change.documentId}#${change.revision}`;

export class DynamoDbContentChangeStore extends DynamoDbTable implements ContentChangeStore {
  async recordChange(
    change: ContentChange,
    receivedAt: Date,
    retentionDays: number,
  ): Promise<{ duplicate: boolean }> {
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
                  expiresAt: Math.floor(receivedAt.getTime() / 1000) + retentionDays * 86_400,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  pk: revisionKey,
                  revision: `${change.documentId}#${change.revision}`,
                  changedAt: receivedAt.toISOString(),
                  // The revision marker is not personal data; it lives as long as the stack.
                  expiresAt: Math.floor(receivedAt.getTime() / 1000) + 10 * 365 * 86_400,
                },
              },
            },
          ],
        }),
      );
      return { duplicate: false };
    } catch (error) {
      if (
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
      ) {
        return { duplicate: true };
      }
      throw error;
    }
  }
}
