import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createClient, type SanityClient } from '@sanity/client';
import { type TableName, tables } from '../../functions/catalogue.ts';
import {
  localContentLakeToken,
  localCredentials,
  localRegion,
  localTableName,
} from '../local/localEnvironment.ts';
import { CommandError, decryptedParameter, stackTableName } from '../operatorTables.ts';
import type { GdprTarget } from './personalData.ts';
import { queueUrlsNamed } from './sqsQueues.ts';

/**
 * The stack the command works on, with the conventions of `infra/suppressions.ts`: `--local`
 * for `npm run dev`'s stack (its ports, or `DYNAMODB_ENDPOINT`, `SES_ENDPOINT`,
 * `CONTENT_LAKE_URL`; its dead-letter files), else `Essaim-<stage>` in AWS with the operator's
 * credentials and region (its tables, `/essaim/<stage>/address-hash-key`, its dead-letter
 * queues; the Content Lake when `SANITY_PROJECT_ID` and `SANITY_READ_TOKEN` are set).
 */
export interface TargetOptions {
  readonly local: boolean;
  readonly stage: string;
  readonly keyParameter?: string;
  /** Local dead-letter files; by default those of `.essaim/` and `.essaim/tmp/`. */
  readonly deadLetterFiles?: readonly string[];
}

const repository = join(import.meta.dirname, '..', '..');
const usedTables = Object.keys(tables) as TableName[];

function sanityClient(options: { projectId: string; dataset: string; token?: string; apiHost?: string }) {
  return createClient({
    projectId: options.projectId,
    dataset: options.dataset,
    apiVersion: '2025-02-19',
    useCdn: false,
    ...(options.token ? { token: options.token } : {}),
    ...(options.apiHost ? { apiHost: options.apiHost, useProjectHostname: false } : {}),
  });
}

export async function gdprTarget(options: TargetOptions): Promise<GdprTarget> {
  if (options.local) {
    const clientOptions = { region: localRegion, credentials: localCredentials };
    const dynamoDbEndpoint =
      process.env.DYNAMODB_ENDPOINT ?? `http://127.0.0.1:${process.env.DYNAMODB_PORT ?? 8000}`;
    const sesEndpoint = process.env.SES_ENDPOINT ?? `http://127.0.0.1:${process.env.SES_PORT ?? 8005}`;
    const contentLake =
      process.env.CONTENT_LAKE_URL ?? `http://127.0.0.1:${process.env.CONTENT_LAKE_PORT ?? 8010}`;
    return {
      dynamoDb: DynamoDBDocumentClient.from(
        new DynamoDBClient({ ...clientOptions, endpoint: dynamoDbEndpoint }),
      ),
      tableName: localTableName,
      addressHashKey: process.env.ADDRESS_HASH_KEY || 'essaim-local-address-hash-key',
      ses: new SESv2Client({ ...clientOptions, endpoint: sesEndpoint }),
      local: true,
      deadLetters: {
        kind: 'files',
        paths: options.deadLetterFiles ?? [
          join(repository, '.essaim', 'dead-letters.ndjson'),
          join(repository, '.essaim', 'tmp', 'dead-letters.ndjson'),
        ],
      },
      sanity: sanityClient({
        projectId: 'essaimdemo',
        dataset: 'production',
        token: localContentLakeToken,
        apiHost: contentLake,
      }),
    };
  }
  const dynamoDbClient = new DynamoDBClient({});
  const names = new Map<TableName, string>();
  for (const table of usedTables)
    names.set(table, await stackTableName(dynamoDbClient, options.stage, table));
  const parameter = options.keyParameter ?? `/essaim/${options.stage}/address-hash-key`;
  const addressHashKey = await decryptedParameter(parameter);
  if (!addressHashKey) throw new CommandError(`The parameter ${parameter} is empty.`);
  const connection = {
    region: await dynamoDbClient.config.region(),
    credentials: () => dynamoDbClient.config.credentials(),
  };
  const queueUrls = await queueUrlsNamed(connection, [
    `Essaim-${options.stage}-StreamDeadLetters`,
    `Essaim-${options.stage}-TopicDeadLetters`,
  ]);
  const projectId = process.env.SANITY_PROJECT_ID;
  const sanity: SanityClient | undefined = projectId
    ? sanityClient({
        projectId,
        dataset: process.env.SANITY_DATASET || 'production',
        ...(process.env.SANITY_READ_TOKEN ? { token: process.env.SANITY_READ_TOKEN } : {}),
      })
    : undefined;
  return {
    dynamoDb: DynamoDBDocumentClient.from(dynamoDbClient),
    tableName: (table) => names.get(table) as string,
    addressHashKey,
    ses: new SESv2Client({}),
    local: false,
    deadLetters: { kind: 'queues', queueUrls, connection },
    ...(sanity ? { sanity } : {}),
  };
}
