import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbTable } from '../dynamoDbTable.ts';
import type { RevisionSource } from './contentCache.ts';

/** The item of the ContentChanges table that holds the current content revision. */
export const revisionKey = 'REVISION';
/** The revision item's attribute that says when a document of `type` last changed (ISO). */
export const typeChangedAtAttribute = (type: string): string => `${type}ChangedAt`;

/** Reads the content revision that every signed webhook moves (contentChanges feature). */
export class DynamoDbRevisionSource extends DynamoDbTable implements RevisionSource {
  /** The current content revision; `initial` before any change was recorded. */
  async currentRevision(): Promise<string> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: revisionKey },
        ProjectionExpression: 'revision',
        // Read after a change was recorded, it must see that change.
        ConsistentRead: true,
      }),
    );
    return (Item?.revision as string | undefined) ?? 'initial';
  }

  /**
   * The same consistent read, with when a document of `type` last changed (epoch ms; null when
   * the stack recorded none since it began writing it).
   */
  async lastChangeOf(type: string): Promise<{ revision: string; typeChangedAt: number | null }> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: revisionKey },
        ProjectionExpression: 'revision, #typeChangedAt',
        ExpressionAttributeNames: { '#typeChangedAt': typeChangedAtAttribute(type) },
        ConsistentRead: true,
      }),
    );
    const changedAt = Item?.[typeChangedAtAttribute(type)] as string | undefined;
    return {
      revision: (Item?.revision as string | undefined) ?? 'initial',
      typeChangedAt: changedAt ? Date.parse(changedAt) : null,
    };
  }
}
