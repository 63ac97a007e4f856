import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** What every DynamoDB store holds: the document client and its table's real name. */
export abstract class DynamoDbTable {
  protected readonly client: DynamoDBDocumentClient;
  protected readonly tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.client = client;
    this.tableName = tableName;
  }
}
