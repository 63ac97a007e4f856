import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { StreamWorker } from '../../functions/catalogue.ts';
import { matchesAnyFilter } from './eventFilter.ts';
import { lambdaContext } from './lambdaContext.ts';
import { localCredentials, localRegion, localTableName } from './localEnvironment.ts';

type StreamLambda = (
  event: DynamoDBStreamEvent,
  context: Context,
) => Promise<DynamoDBBatchResponse | undefined>;

const functionsDirectory = join(import.meta.dirname, '..', '..', 'functions');

interface ShardCursor {
  iterator?: string;
  lastSequenceNumber?: string;
  closed: boolean;
}

export interface StreamPollerOptions {
  readonly endpoint: string;
  readonly workers: readonly StreamWorker[];
  /** Where records that exhausted their retries are appended (the local on-failure destination). */
  readonly deadLetterFile: string;
  readonly intervalMs?: number;
}

/**
 * The local event source mapping: reads each worker's table stream (DescribeStream,
 * GetShardIterator, GetRecords), applies the worker's filters and batch size, and calls the
 * same handler with a DynamoDBStreamEvent. Partial batch failures are retried from the first
 * failed record, a bounded number of times, then written to the dead-letter file.
 */
export class StreamPoller {
  readonly #options: StreamPollerOptions;
  readonly #streams: DynamoDBStreamsClient;
  readonly #dynamoDb: DynamoDBClient;
  #running = false;
  #loops: Promise<void>[] = [];
  #busy = 0;

  constructor(options: StreamPollerOptions) {
    this.#options = options;
    const config = { endpoint: options.endpoint, region: localRegion, credentials: localCredentials };
    this.#streams = new DynamoDBStreamsClient(config);
    this.#dynamoDb = new DynamoDBClient(config);
  }

  async start(): Promise<void> {
    this.#running = true;
    for (const worker of this.#options.workers) {
      const streamArn = await this.#streamArnOf(worker);
      const handler = await loadWorker(worker.handler);
      this.#loops.push(this.#pollStream(worker, streamArn, handler));
    }
  }

  async stop(): Promise<void> {
    this.#running = false;
    await Promise.allSettled(this.#loops);
    this.#streams.destroy();
    this.#dynamoDb.destroy();
  }

  /** True while a worker is being called (tests and benchmarks wait for quiet). */
  get busy(): boolean {
    return this.#busy > 0;
  }

  async #streamArnOf(worker: StreamWorker): Promise<string> {
    const { Table } = await this.#dynamoDb.send(
      new DescribeTableCommand({ TableName: localTableName(worker.table) }),
    );
    if (!Table?.LatestStreamArn) throw new Error(`Table of ${worker.name} has no stream`);
    return Table.LatestStreamArn;
  }

  async #pollStream(worker: StreamWorker, streamArn: string, handler: StreamLambda): Promise<void> {
    const shards = new Map<string, ShardCursor>();
    let lastDescribe = 0;
    while (this.#running) {
      try {
        if (Date.now() - lastDescribe > 1000) {
          const { StreamDescription } = await this.#streams.send(
            new DescribeStreamCommand({ StreamArn: streamArn }),
          );
          for (const shard of StreamDescription?.Shards ?? []) {
            if (shard.ShardId && !shards.has(shard.ShardId)) shards.set(shard.ShardId, { closed: false });
          }
          lastDescribe = Date.now();
        }
        let sawRecords = false;
        for (const [shardId, cursor] of shards) {
          if (cursor.closed) continue;
          try {
            sawRecords = (await this.#pollShard(worker, streamArn, shardId, cursor, handler)) || sawRecords;
          } catch (error) {
            // An expired or trimmed iterator: take a new one from the last record read.
            cursor.iterator = undefined;
            throw error;
          }
        }
        if (!sawRecords) await sleep(this.#options.intervalMs ?? 100);
      } catch (error) {
        if (!this.#running) return;
        console.error(
          `Stream poller (${worker.name}): ${(error as Error).name}: ${(error as Error).message}`,
        );
        await sleep(1000);
      }
    }
  }

  async #pollShard(
    worker: StreamWorker,
    streamArn: string,
    shardId: string,
    cursor: ShardCursor,
    handler: StreamLambda,
  ): Promise<boolean> {
    cursor.iterator ??= (
      await this.#streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shardId,
          ...(cursor.lastSequenceNumber
            ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: cursor.lastSequenceNumber }
            : { ShardIteratorType: 'TRIM_HORIZON' }),
        }),
      )
    ).ShardIterator;
    if (!cursor.iterator) {
      cursor.closed = true;
      return false;
    }
    const { Records = [], NextShardIterator } = await this.#streams.send(
      new GetRecordsCommand({ ShardIterator: cursor.iterator, Limit: worker.batchSize }),
    );
    const lambdaRecords = Records.map((record) => toLambdaRecord(record, streamArn));
    const matching = lambdaRecords.filter((record) => matchesAnyFilter(record, worker.filters));
    if (matching.length > 0) await this.#deliver(worker, handler, matching);
    const last = Records.at(-1)?.dynamodb?.SequenceNumber;
    if (last) cursor.lastSequenceNumber = last;
    cursor.iterator = NextShardIterator;
    if (!NextShardIterator) cursor.closed = true;
    return Records.length > 0;
  }

  /** Calls the worker until every record succeeded or ran out of retries. */
  async #deliver(worker: StreamWorker, handler: StreamLambda, records: DynamoDBRecord[]): Promise<void> {
    let pending = records;
    for (let attempt = 0; pending.length > 0; attempt++) {
      this.#busy++;
      let failedFrom: number;
      try {
        const response = await handler({ Records: pending }, lambdaContext(worker.name, 60_000));
        const failedIds = new Set(
          (response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier),
        );
        failedFrom = pending.findIndex((record) => failedIds.has(record.dynamodb?.SequenceNumber ?? ''));
      } catch (error) {
        // Powertools' FullBatchFailureError carries each record's error.
        const causes = (error as { recordErrors?: Error[] }).recordErrors ?? [error as Error];
        console.error(
          `Stream worker ${worker.name} failed: ${causes.map((cause) => `${cause.name}: ${cause.message}`).join('; ')}`,
        );
        failedFrom = 0;
      } finally {
        this.#busy--;
      }
      if (failedFrom === -1) return;
      // As Lambda does with ReportBatchItemFailures: resume from the first failed record.
      pending = pending.slice(failedFrom);
      if (attempt >= worker.retryAttempts) {
        const [dead] = pending;
        await appendFile(
          this.#options.deadLetterFile,
          `${JSON.stringify({ worker: worker.name, failedAt: new Date().toISOString(), record: dead })}\n`,
        );
        console.error(`Stream worker ${worker.name}: record sent to ${this.#options.deadLetterFile}`);
        pending = pending.slice(1);
        attempt = -1;
      } else {
        await sleep(Math.min(100 * 2 ** attempt, 2000));
      }
    }
  }
}

async function loadWorker(module: string): Promise<StreamLambda> {
  const loaded = (await import(pathToFileURL(join(functionsDirectory, module)).href)) as {
    handler: StreamLambda;
  };
  return loaded.handler;
}

/** A GetRecords record as the Lambda event carries it (creation time in epoch seconds, source ARN). */
function toLambdaRecord(record: StreamRecord, streamArn: string): DynamoDBRecord {
  const { ApproximateCreationDateTime, ...dynamodb } = record.dynamodb ?? {};
  return {
    ...record,
    eventSourceARN: streamArn,
    dynamodb: {
      ...dynamodb,
      ...(ApproximateCreationDateTime
        ? { ApproximateCreationDateTime: ApproximateCreationDateTime.getTime() / 1000 }
        : {}),
    },
  } as DynamoDBRecord;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
