import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type Shard,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { StreamWorker } from '../../functions/catalogue.ts';
import { matchesAnyFilter } from './eventFilter.ts';
import { localCredentials, localRegion, localTableName } from './localEnvironment.ts';
import type { ShardCheckpoint, StreamCheckpoints } from './streamCheckpoints.ts';
import { deliverBatch, loadWorker, type StreamLambda, sleep, toLambdaRecord } from './streamDelivery.ts';
import { isAfter, isReadable, type ShardReader } from './streamShards.ts';
import { WakeUps } from './streamWakeUps.ts';

export interface StreamPollerOptions {
  readonly endpoint: string;
  readonly workers: readonly StreamWorker[];
  /** Where each worker got to in each shard (a file in the data directory, or memory only). */
  readonly checkpoints: StreamCheckpoints;
  /** Where records that exhausted their retries are appended (the local on-failure destination). */
  readonly deadLetterFile: string;
  readonly intervalMs?: number;
}

interface RecordsPage {
  readonly records: readonly StreamRecord[];
  /** Absent once a closed shard is read to its end. */
  readonly nextIterator: string | undefined;
}

/**
 * The local event source mapping: reads each worker's table stream (DescribeStream,
 * GetShardIterator, GetRecords), applies the worker's filters and batch size, and calls the
 * same handler with a DynamoDBStreamEvent. After each batch it saves the last sequence number
 * processed in each shard, so a restart resumes there. A parent shard is read to its end before
 * its children, as Lambda does; a shard that is gone, or records past the 24-hour retention,
 * are given up (as in AWS) rather than replayed.
 */
export class StreamPoller {
  readonly #options: StreamPollerOptions;
  readonly #streams: DynamoDBStreamsClient;
  readonly #dynamoDb: DynamoDBClient;
  #running = false;
  #loops: Promise<void>[] = [];
  #busy = 0;
  #delivered = 0;
  readonly #caughtUp = new Set<string>();
  readonly #wakeUps = new WakeUps();

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
      const handler = await loadWorker(worker);
      this.#loops.push(this.#pollStream(worker, streamArn, handler));
    }
  }

  async stop(): Promise<void> {
    this.#running = false;
    await Promise.allSettled(this.#loops);
    await this.#options.checkpoints.save();
    this.#streams.destroy();
    this.#dynamoDb.destroy();
  }

  /** True while a worker is being called (tests and benchmarks wait for quiet). */
  get busy(): boolean {
    return this.#busy > 0;
  }

  /** Records handed to workers since start (a restart on the same data delivers none twice). */
  get delivered(): number {
    return this.#delivered;
  }

  /** Whether every worker read its stream to the end after this call, by `deadline` (`WakeUps.quiet`). */
  quiet(deadline: number): Promise<boolean> {
    return this.#running
      ? this.#wakeUps.quiet(
          this.#options.workers.map((worker) => worker.name),
          deadline,
        )
      : Promise.resolve(false);
  }

  /** Every worker has read its stream to the end at least once since start. */
  get caughtUp(): boolean {
    return this.#options.workers.every((worker) => this.#caughtUp.has(worker.name));
  }

  /**
   * Tells the workers of a table that it was just written to: an idle loop reads its stream now
   * rather than at its next poll. Only sooner, never different: the records come from the stream.
   */
  nudge(tableName: string): void {
    for (const worker of this.#options.workers)
      if (localTableName(worker.table) === tableName) this.#wakeUps.wake(worker.name);
  }

  /** Resolves once caught up, or after `timeoutMs` (a failing worker may keep retrying). */
  async waitUntilCaughtUp(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.caughtUp && this.#running && Date.now() < deadline) await sleep(20);
    return this.caughtUp;
  }

  async #streamArnOf(worker: StreamWorker): Promise<string> {
    const { Table } = await this.#dynamoDb.send(
      new DescribeTableCommand({ TableName: localTableName(worker.table) }),
    );
    if (!Table?.LatestStreamArn) throw new Error(`Table of ${worker.name} has no stream`);
    return Table.LatestStreamArn;
  }

  async #pollStream(worker: StreamWorker, streamArn: string, handler: StreamLambda): Promise<void> {
    const saved = this.#options.checkpoints.shardsOf(worker.name, streamArn);
    const readers = new Map<string, ShardReader>();
    let lastDescribe = 0;
    let lastActive = Date.now();
    while (this.#running) {
      try {
        // Shards change when one closes (its child must be found soon) or rarely otherwise: each
        // of the workers describing its stream every second kept DynamoDB Local busy for nothing.
        const nothingToRead = ![...readers.values()].some((reader) => isReadable(reader, readers));
        if (Date.now() - lastDescribe > (nothingToRead ? 1000 : shardRefreshMs)) {
          await this.#refreshShards(streamArn, saved, readers);
          lastDescribe = Date.now();
        }
        let sawRecords = false;
        for (const [shardId, reader] of readers) {
          if (!this.#running) break;
          if (!isReadable(reader, readers)) continue;
          try {
            sawRecords = (await this.#pollShard(worker, streamArn, shardId, reader, handler)) || sawRecords;
          } catch (error) {
            // An expired iterator, a blip: take a new one from the checkpoint next time.
            reader.iterator = undefined;
            throw error;
          }
        }
        if (sawRecords) lastActive = Date.now();
        else {
          this.#caughtUp.add(worker.name);
          // Lambda polls a shard four times a second. Here writes by the functions wake a worker at
          // once, so a quiet worker polls once a second: only writes from other processes (a test's
          // own client) wait for it.
          const quiet = Date.now() - lastActive > quietAfterMs;
          const interval = this.#options.intervalMs ?? (quiet ? quietIntervalMs : activeIntervalMs);
          if (await this.#wakeUps.idle(worker.name, interval)) lastActive = Date.now();
        }
      } catch (error) {
        if (!this.#running) return;
        console.error(
          `Stream poller (${worker.name}): ${(error as Error).name}: ${(error as Error).message}`,
        );
        await sleep(1000);
      }
    }
  }

  /** Learns of new shards; forgets those the stream no longer has (their records are gone). */
  async #refreshShards(
    streamArn: string,
    saved: Record<string, ShardCheckpoint>,
    readers: Map<string, ShardReader>,
  ): Promise<void> {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await this.#streams.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }),
      );
      shards.push(...(StreamDescription?.Shards ?? []));
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
    const described = new Set(shards.map((shard) => shard.ShardId));
    for (const shardId of Object.keys(saved)) {
      if (!described.has(shardId)) delete saved[shardId];
    }
    for (const shardId of readers.keys()) {
      if (!described.has(shardId)) readers.delete(shardId);
    }
    for (const shard of shards) {
      if (!shard.ShardId || readers.has(shard.ShardId)) continue;
      const checkpoint = Object.hasOwn(saved, shard.ShardId) ? (saved[shard.ShardId] as ShardCheckpoint) : {};
      saved[shard.ShardId] = checkpoint;
      readers.set(shard.ShardId, { parentId: shard.ParentShardId, checkpoint });
    }
  }

  async #pollShard(
    worker: StreamWorker,
    streamArn: string,
    shardId: string,
    reader: ShardReader,
    handler: StreamLambda,
  ): Promise<boolean> {
    const { checkpoint } = reader;
    reader.iterator ??= await this.#iteratorFor(streamArn, shardId, checkpoint.sequenceNumber);
    let page: RecordsPage;
    try {
      page = await this.#getRecords(reader.iterator);
    } catch (error) {
      if ((error as Error).name !== 'TrimmedDataAccessException') throw error;
      // Two causes. DynamoDB Local calls an iterator taken on an empty shard "trimmed" once the
      // first record arrives: nothing is lost. Or the stack was stopped longer than the stream's
      // 24-hour retention and records after the checkpoint expired unread, as they would in AWS.
      if (checkpoint.sequenceNumber && !reader.restartedFromTrimHorizon)
        console.error(
          `Stream poller (${worker.name}): records after ${checkpoint.sequenceNumber} in ${shardId} may have expired unread (older than 24 hours); going on from the oldest record kept.`,
        );
      reader.restartedFromTrimHorizon = true;
      try {
        reader.iterator = await this.#iteratorFor(streamArn, shardId, undefined);
        page = await this.#getRecords(reader.iterator);
      } catch (again) {
        if ((again as Error).name !== 'TrimmedDataAccessException') throw again;
        // Every record kept has expired: nothing to read until the next one is written.
        reader.iterator = undefined;
        return false;
      }
    }
    // Never twice: a record at or before the checkpoint was processed before a restart.
    const fresh = page.records.filter((record) =>
      isAfter(record.dynamodb?.SequenceNumber, checkpoint.sequenceNumber),
    );
    const lambdaRecords = fresh.map((record) => toLambdaRecord(record, streamArn));
    const matching = lambdaRecords.filter((record) => matchesAnyFilter(record, worker.filters));
    // As Lambda does with event filtering: the batch size counts the records that match.
    for (let start = 0; start < matching.length; start += worker.batchSize) {
      const batch = matching.slice(start, start + worker.batchSize);
      this.#busy++;
      this.#delivered += batch.length;
      try {
        await deliverBatch(worker, handler, batch, this.#options.deadLetterFile);
      } finally {
        this.#busy--;
      }
      // Done up to this batch's last record: a restart resumes after it, not at the page's start.
      const done = batch.at(-1)?.dynamodb?.SequenceNumber;
      if (done && isAfter(done, checkpoint.sequenceNumber)) {
        checkpoint.sequenceNumber = done;
        if (start + worker.batchSize < matching.length) await this.#options.checkpoints.save();
      }
    }
    const last = page.records.at(-1)?.dynamodb?.SequenceNumber;
    if (last && isAfter(last, checkpoint.sequenceNumber)) checkpoint.sequenceNumber = last;
    reader.iterator = page.nextIterator;
    if (!page.nextIterator) checkpoint.finished = true;
    if (last || checkpoint.finished) await this.#options.checkpoints.save();
    return page.records.length > 0;
  }

  async #iteratorFor(
    streamArn: string,
    shardId: string,
    after: string | undefined,
  ): Promise<string | undefined> {
    const { ShardIterator } = await this.#streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ...(after
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return ShardIterator;
  }

  /** Up to a page of records, as Lambda's poller reads them: filtered and batched afterwards. */
  async #getRecords(iterator: string | undefined): Promise<RecordsPage> {
    if (!iterator) return { records: [], nextIterator: undefined };
    const { Records = [], NextShardIterator } = await this.#streams.send(
      new GetRecordsCommand({ ShardIterator: iterator, Limit: recordsPerRead }),
    );
    return { records: Records, nextIterator: NextShardIterator };
  }
}

/** Polling while a worker has had records in the last seconds, and once it is quiet. */
const activeIntervalMs = 250;
const quietIntervalMs = 1000;
const quietAfterMs = 5000;
/** A stream's shards are described again this often while one is open (within a second when none is). */
const shardRefreshMs = 5000;

/** GetRecords' maximum: a worker's batch size counts the matching records, not those read. */
const recordsPerRead = 1000;
