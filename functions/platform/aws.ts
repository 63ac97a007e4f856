import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * AWS clients, created once per container. Locally the endpoints point at DynamoDB Local and
 * the SES emulator (`DYNAMODB_ENDPOINT`, `SES_ENDPOINT`); in AWS they are unset.
 */
let dynamoDb: DynamoDBClient | undefined;
let documentClient: DynamoDBDocumentClient | undefined;
let ses: SESv2Client | undefined;

export function dynamoDbClient(): DynamoDBClient {
  dynamoDb ??= new DynamoDBClient(
    process.env.DYNAMODB_ENDPOINT ? { endpoint: process.env.DYNAMODB_ENDPOINT } : {},
  );
  return dynamoDb;
}

export function dynamoDbDocumentClient(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(dynamoDbClient(), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documentClient;
}

export function sesClient(): SESv2Client {
  ses ??= new SESv2Client(process.env.SES_ENDPOINT ? { endpoint: process.env.SES_ENDPOINT } : {});
  return ses;
}
