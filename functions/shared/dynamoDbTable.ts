import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';

/** What every DynamoDB store holds: the document client and its table's real name. */
export abstract class DynamoDbTable {
  protected readonly client: DynamoDBDocumentClient;
  protected readonly tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.client = client;
    this.tableName = tableName;
  }

  /**
   * Claims an editor's decision for the request that tells it (`DECISION#<key>`, expiring with
   * what it decides about): `claimed` for the first request, and again for that same request's
   * retries (its mail is then sent once by the idempotent mailer); `decidedBefore` when another
   * request already told the same decision.
   */
  async claimDecision(
    key: string,
    requestId: string,
    expiresAt: number,
  ): Promise<'claimed' | 'decidedBefore'> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: `DECISION#${key}`, requestId, expiresAt },
          ConditionExpression: 'attribute_not_exists(pk) OR requestId = :request',
          ExpressionAttributeValues: { ':request': requestId },
        }),
      );
      return 'claimed';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'decidedBefore';
      throw error;
    }
  }
}
