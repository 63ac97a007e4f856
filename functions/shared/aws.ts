import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TableName } from '../catalogue.ts';
import { tableEnvironmentVariable } from '../manifest.ts';
import { setting } from './settings.ts';

/**
 * AWS clients, created once per container. Locally the endpoints point at DynamoDB Local and
 * the SES emulator (`DYNAMODB_ENDPOINT`, `SES_ENDPOINT`); in AWS they are unset.
 */
let dynamoDb: DynamoDBClient | undefined;
let documentClient: DynamoDBDocumentClient | undefined;
let ses: SESv2Client | undefined;

export function dynamoDbClient(): DynamoDBClient {
  const endpoint = setting('dynamoDbEndpoint');
  dynamoDb ??= new DynamoDBClient(endpoint ? { endpoint } : {});
  return dynamoDb;
}

export function dynamoDbDocumentClient(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(dynamoDbClient(), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documentClient;
}

export function sesClient(): SESv2Client {
  const endpoint = setting('sesEndpoint');
  ses ??= new SESv2Client(endpoint ? { endpoint } : {});
  return ses;
}

let sesBulk: SESv2Client | undefined;
/**
 * The SES client of bulk sending (newsletters, digests): no SDK retries, since a call retried
 * after a timeout could send its recipients twice. The sender decides: a refused call is tried
 * again later, an unanswered one leaves its recipients uncertain.
 */
export function sesBulkClient(): SESv2Client {
  const endpoint = setting('sesEndpoint');
  sesBulk ??= new SESv2Client({ maxAttempts: 1, ...(endpoint ? { endpoint } : {}) });
  return sesBulk;
}

/**
 * The real name of a table, as the stack gives it to the functions that declare it (and only
 * to those): a function that did not declare a table fails here, in AWS as locally.
 */
export function tableNameOf(table: TableName, env: NodeJS.ProcessEnv = process.env): string {
  const variable = tableEnvironmentVariable(table);
  const name = env[variable];
  if (!name)
    throw new Error(`Missing environment variable ${variable}: does the manifest declare the table?`);
  return name;
}
