import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbTable } from '../dynamoDbTable.ts';
import type { RevisionSource } from './contentCache.ts';

/** The item of the ContentChanges table that holds the current content revision. */
export const revisionKey = 'REVISION';

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
}
