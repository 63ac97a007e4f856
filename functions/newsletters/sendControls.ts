import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { failedItem, writeUnlessConditionFails } from '../shared/conflictRetries.ts';
import { chunkKey, chunkLifeSeconds, quotaPausedKey, scheduledKey, stateKey } from './sendKeys.ts';
import type { Chunk } from './sendTypes.ts';

/**
 * What editors' requests do to a send under way: pause, resume, send again to the uncertain,
 * and the schedule of programmed sends.
 */
export class SendControls {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(client: DynamoDBDocumentClient, table: string) {
    this.#client = client;
    this.#table = table;
  }

  /**
   * Planning or sending → paused, with the reason editors see. `quota`: paused by the 24-hour
   * quota, and in its index, so that it resumes by itself once there is room.
   */
  async pause(sendId: string, reason: string, now: Date, cause?: 'quota'): Promise<boolean> {
    if (cause === 'quota')
      await this.#client.send(
        new PutCommand({ TableName: this.#table, Item: { ...quotaPausedKey(sendId), sendId } }),
      );
    return writeUnlessConditionFails(() =>
      this.#client.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: stateKey(sendId),
          UpdateExpression: `SET pausedFrom = #state, #state = :paused, pauseReason = :reason, pausedAt = :now${
            cause ? ', pauseCause = :cause' : ' REMOVE pauseCause'
          }`,
          ConditionExpression: '#state IN (:planning, :sending)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':paused': 'paused',
            ':planning': 'planning',
            ':sending': 'sending',
            ':reason': reason,
            ':now': now.toISOString(),
            ...(cause ? { ':cause': cause } : {}),
          },
        }),
      ),
    );
  }

  /** Sends the 24-hour quota paused (some may have been resumed by an editor since). */
  async pausedForQuota(): Promise<string[]> {
    const { Items = [] } = await this.#client.send(
      new QueryCommand({
        TableName: this.#table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': quotaPausedKey('').pk },
        ConsistentRead: true,
      }),
    );
    return Items.map((item) => item.sendId as string);
  }

  /**
   * Resumes a send the quota paused (not one an editor paused since: its cause is gone), and
   * takes it out of the index either way.
   */
  async resumeAfterQuota(sendId: string, now: Date): Promise<boolean> {
    const resumed = await this.resume(sendId, now, 'quota');
    await this.#client.send(new DeleteCommand({ TableName: this.#table, Key: quotaPausedKey(sendId) }));
    return resumed;
  }

  /**
   * Paused → where it was; every chunk still pending is written again, so the stream hands it
   * to the sender anew (stream records last 24 hours: a long pause would have lost them).
   */
  async resume(sendId: string, now: Date, onlyCause?: 'quota'): Promise<boolean> {
    const resumed = await writeUnlessConditionFails(() =>
      this.#client.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: stateKey(sendId),
          UpdateExpression:
            'SET #state = pausedFrom, resumedAt = :now REMOVE pauseReason, pausedFrom, pauseCause',
          ConditionExpression: `#state = :paused${onlyCause ? ' AND pauseCause = :cause' : ''}`,
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':paused': 'paused',
            ':now': now.toISOString(),
            ...(onlyCause ? { ':cause': onlyCause } : {}),
          },
        }),
      ),
    );
    if (!resumed) return false;
    for await (const chunk of this.#chunksOf(sendId, 'pending'))
      await writeUnlessConditionFails(() =>
        this.#client.send(
          new UpdateCommand({
            TableName: this.#table,
            Key: chunkKey(sendId, chunk.index),
            UpdateExpression: 'SET resumedAt = :now',
            ConditionExpression: '#status = :pending',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':pending': 'pending', ':now': now.toISOString() },
          }),
        ),
      );
    return true;
  }

  /**
   * An editor's decision to send again to the recipients left uncertain: per chunk that has
   * some, one transaction plans them in a new chunk and marks them `resent` where they were, so
   * neither this request twice nor a later one sends them again. Answers how many go again
   * (none while the send is paused or still planning: resume it first).
   */
  async resendUncertain(sendId: string, now: Date): Promise<number> {
    let resent = 0;
    for await (const chunk of this.#chunksOf(sendId, 'settled')) {
      const keys = Object.entries(chunk.outcomes ?? {})
        .filter(([, { outcome }]) => outcome === 'uncertain')
        .map(([key]) => key);
      if (keys.length === 0) continue;
      const index = `${chunk.index}-u${chunk.resends ?? 0}`;
      const names = Object.fromEntries(keys.map((key, n) => [`#k${n}`, key]));
      try {
        await this.#client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: this.#table,
                  Key: chunkKey(sendId, chunk.index),
                  UpdateExpression: `SET ${keys.map((_, n) => `outcomes.#k${n}.outcome = :resent`).join(', ')}, resends = :next`,
                  ConditionExpression: 'attribute_not_exists(resends) OR resends = :resends',
                  ExpressionAttributeNames: names,
                  ExpressionAttributeValues: {
                    ':resent': 'resent',
                    ':resends': chunk.resends ?? 0,
                    ':next': (chunk.resends ?? 0) + 1,
                  },
                },
              },
              {
                Put: {
                  TableName: this.#table,
                  Item: {
                    ...chunkKey(sendId, index),
                    sendId,
                    index,
                    recipients: keys,
                    status: 'pending',
                    attempts: 0,
                    expiresAt: Math.floor(now.getTime() / 1000) + chunkLifeSeconds,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Update: {
                  TableName: this.#table,
                  Key: stateKey(sendId),
                  UpdateExpression: 'ADD chunks :one, uncertain :minus, resent :count SET #state = :sending',
                  // Never over a pause (automatic or an editor's) nor a planning under way, whose
                  // own condition needs its state: only a send sending or finished goes again.
                  ConditionExpression: '#state IN (:sending, :finished)',
                  ExpressionAttributeNames: { '#state': 'state' },
                  ExpressionAttributeValues: {
                    ':one': 1,
                    ':minus': -keys.length,
                    ':count': keys.length,
                    ':sending': 'sending',
                    ':finished': 'finished',
                  },
                },
              },
            ],
          }),
        );
        resent += keys.length;
      } catch (error) {
        // Another request got there first: these recipients are already going again.
        if (failedItem(error) === 'conflict') throw error;
      }
    }
    return resent;
  }

  /** Keeps a programmed send in the schedule's index until it starts. */
  async schedule(sendId: string, sendAt: string): Promise<void> {
    await this.#client.send(
      new PutCommand({ TableName: this.#table, Item: { ...scheduledKey(sendAt, sendId), sendId } }),
    );
  }

  /** Programmed sends whose time has come, oldest first. */
  async due(now: Date): Promise<{ sendId: string; sendAt: string }[]> {
    const { Items = [] } = await this.#client.send(
      new QueryCommand({
        TableName: this.#table,
        KeyConditionExpression: 'pk = :scheduled AND sk <= :now',
        ExpressionAttributeValues: { ':scheduled': 'SCHEDULED', ':now': `${now.toISOString()}#~` },
        ConsistentRead: true,
      }),
    );
    return Items.map((item) => ({
      sendId: item.sendId as string,
      sendAt: (item.sk as string).split('#')[0] as string,
    }));
  }

  /** Scheduled → planning (the STATE change starts the planner), then out of the index. */
  async start(sendId: string, sendAt: string, now: Date): Promise<boolean> {
    const started = await writeUnlessConditionFails(() =>
      this.#client.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: stateKey(sendId),
          UpdateExpression: 'SET #state = :planning, startedAt = :now',
          ConditionExpression: '#state = :scheduled',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':planning': 'planning',
            ':scheduled': 'scheduled',
            ':now': now.toISOString(),
          },
        }),
      ),
    );
    await this.#client.send(new DeleteCommand({ TableName: this.#table, Key: scheduledKey(sendAt, sendId) }));
    return started;
  }

  /**
   * The chunks of one send in a given status. Chunks have a partition each (so they spread over
   * the stream's shards): finding them is a filtered scan, which only pausing and resending do.
   */
  async *#chunksOf(sendId: string, status: Chunk['status']): AsyncGenerator<Chunk> {
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await this.#client.send(
        new ScanCommand({
          TableName: this.#table,
          ConsistentRead: true,
          FilterExpression: 'begins_with(pk, :prefix) AND sk = :chunk AND #status = :status',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':prefix': `SEND#${sendId}#CHUNK#`,
            ':chunk': 'CHUNK',
            ':status': status,
          },
          ...(cursor ? { ExclusiveStartKey: cursor } : {}),
        }),
      );
      for (const item of page.Items ?? []) yield item as Chunk;
      cursor = page.LastEvaluatedKey;
    } while (cursor);
  }
}
