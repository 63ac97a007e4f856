import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbTable } from '../shared/dynamoDbTable.ts';
import type { Submission } from './submission.ts';

export const submissionKey = (id: string): string => `SUBMISSION#${id}`;

/** Versions a submission may have: each is a write to the Content Lake, so a link cannot cause thousands. */
export const maxSubmissionVersions = 50;

/**
 * The `EventSubmissions` table: one item per submission (`SUBMISSION#<id>`), its current
 * version. Its stream drives the workers: the insert is mailed and written to the Content Lake
 * as a draft, each edit written again.
 */
export class DynamoDbSubmissionStore extends DynamoDbTable {
  /** Records a new submission; the same submission again (same id) records nothing. */
  async recordNew(submission: Submission): Promise<'stored' | 'duplicate'> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: submissionKey(submission.id), ...submission },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return 'stored';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'duplicate';
      throw error;
    }
  }

  async get(id: string): Promise<Submission | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: submissionKey(id) }, ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const { pk: _pk, ...submission } = Item;
    return submission as Submission;
  }

  /**
   * Replaces the submission by its next version, unless another edit came first or the
   * submission is gone (`conflict`: the organiser reloads and edits again), or it has had its
   * `maxSubmissionVersions`.
   */
  async recordEdit(edited: Submission): Promise<'stored' | 'conflict' | 'tooManyEdits'> {
    if (edited.version > maxSubmissionVersions) return 'tooManyEdits';
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: submissionKey(edited.id), ...edited },
          ConditionExpression: 'attribute_exists(pk) AND version = :previous',
          ExpressionAttributeValues: { ':previous': edited.version - 1 },
        }),
      );
      return 'stored';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'conflict';
      throw error;
    }
  }
}
