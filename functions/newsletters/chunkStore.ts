import {
  BatchGetCommand,
  GetCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { failedItem, untilSettled, writeUnlessConditionFails } from '../shared/conflictRetries.ts';
import { DynamoDbTable } from '../shared/dynamoDbTable.ts';
import type { RecipientOutcome } from './newsletterSend.ts';
import {
  backoffMilliseconds,
  chunkKey,
  chunkLifeSeconds,
  counterShardKey,
  counterShardOf,
  plannedChunkIndex,
  stateKey,
} from './sendKeys.ts';
import type { Chunk, FrozenRecipient, SendRecord } from './sendTypes.ts';

/** The chunks of newsletter sends: planned from the audience, claimed, settled once. */
export class ChunkStore extends DynamoDbTable {
  /** One page of confirmed subscribers' profiles, from where the previous page stopped. */
  async subscriberPage(subscribersTable: string, cursor: Record<string, unknown> | undefined, limit: number) {
    const page = await this.client.send(
      new ScanCommand({
        TableName: subscribersTable,
        Limit: limit,
        ConsistentRead: true,
        FilterExpression: 'sk = :profile AND #status = :confirmed',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':profile': 'PROFILE', ':confirmed': 'confirmed' },
        ...(cursor ? { ExclusiveStartKey: cursor } : {}),
      }),
    );
    return { items: page.Items ?? [], next: page.LastEvaluatedKey };
  }

  /**
   * Writes a page's chunks and moves the checkpoint in one transaction, only if the checkpoint is
   * still the one this page started from: a retried page never plans a recipient twice.
   */
  async planPage(
    send: SendRecord,
    recipientChunks: readonly (readonly FrozenRecipient[])[],
    next: Record<string, unknown> | undefined,
    now: Date,
    /** Digests left out because they would be empty (counted on `STATE`, never sent). */
    empty = 0,
  ): Promise<boolean> {
    const expiresAt = Math.floor(now.getTime() / 1000) + chunkLifeSeconds;
    const planned = recipientChunks.reduce((sum, chunk) => sum + chunk.length, 0);
    const chunkPuts = recipientChunks.map((frozen, offset) => ({
      Put: {
        TableName: this.tableName,
        Item: {
          ...chunkKey(send.sendId, plannedChunkIndex(send.plannedChunks + offset + 1)),
          sendId: send.sendId,
          index: plannedChunkIndex(send.plannedChunks + offset + 1),
          recipients: frozen.map((recipient) => recipient.addressKey),
          // Wall-clock: how fresh the copy is, whatever clock the domain runs on.
          frozen,
          plannedAt: Date.now(),
          status: 'pending',
          attempts: 0,
          expiresAt,
        },
      },
    }));
    const done = next === undefined;
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            ...chunkPuts,
            {
              Update: {
                TableName: this.tableName,
                Key: stateKey(send.sendId),
                UpdateExpression: `SET chunks = chunks + :n, audienceSize = audienceSize + :planned, planPages = if_not_exists(planPages, :zero) + :one${
                  empty > 0 ? ', emptyDigests = if_not_exists(emptyDigests, :zero) + :empty' : ''
                }${done ? ', #state = :sending REMOVE planCursor' : ', planCursor = :next'}`,
                ConditionExpression:
                  '#state = :planning AND chunks = :chunks AND ' +
                  (send.planCursor ? 'planCursor = :cursor' : 'attribute_not_exists(planCursor)'),
                ExpressionAttributeNames: { '#state': 'state' },
                ExpressionAttributeValues: {
                  ':n': recipientChunks.length,
                  ':planned': planned,
                  ':zero': 0,
                  ':one': 1,
                  ':planning': 'planning',
                  ':chunks': send.plannedChunks,
                  ...(empty > 0 ? { ':empty': empty } : {}),
                  ...(done ? { ':sending': 'sending' } : { ':next': next }),
                  ...(send.planCursor ? { ':cursor': send.planCursor } : {}),
                },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (failedItem(error) === chunkPuts.length) return false;
      throw error;
    }
  }

  async chunk(sendId: string, index: string): Promise<Chunk | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: chunkKey(sendId, index), ConsistentRead: true }),
    );
    return Item as Chunk | undefined;
  }

  /** Marks a pending chunk as being sent, before the call: false if it is not pending any more. */
  async claim(chunk: Pick<Chunk, 'sendId' | 'index' | 'attempts'>, now: Date): Promise<boolean> {
    return writeUnlessConditionFails(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: chunkKey(chunk.sendId, chunk.index),
          UpdateExpression: 'SET #status = :sending, sendingAt = :now, attempts = attempts + :one',
          ConditionExpression: '#status = :pending AND attempts = :attempts',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':sending': 'sending',
            ':pending': 'pending',
            ':now': now.toISOString(),
            ':one': 1,
            ':attempts': chunk.attempts,
          },
        }),
      ),
    );
  }

  /** Gives a claimed chunk back (SES refused the whole call for a while: throttled, unavailable). */
  async release(chunk: Pick<Chunk, 'sendId' | 'index'>, retryAt: Date): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: chunkKey(chunk.sendId, chunk.index),
        UpdateExpression: 'SET #status = :pending, retryAt = :retryAt',
        ConditionExpression: '#status = :sending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':pending': 'pending',
          ':sending': 'sending',
          ':retryAt': retryAt.toISOString(),
        },
      }),
    );
  }

  /**
   * Settles a chunk being sent with every recipient's outcome and adds them to the send's
   * counters, in one transaction that only succeeds once.
   */
  async settle(
    chunk: Pick<Chunk, 'sendId' | 'index' | 'attempts'>,
    outcomes: Readonly<Record<string, { outcome: RecipientOutcome; reason?: string }>>,
    now: Date,
    /** Recipients SES refused for a passing reason: a new chunk sends them again later. */
    retry: readonly string[] = [],
  ): Promise<boolean> {
    const retryIndex = `${chunk.index}-r${chunk.attempts}`;
    const retryPut = retry.length
      ? [
          {
            Put: {
              TableName: this.tableName,
              Item: {
                ...chunkKey(chunk.sendId, retryIndex),
                sendId: chunk.sendId,
                index: retryIndex,
                recipients: retry,
                status: 'pending',
                attempts: chunk.attempts,
                // Wall-clock: it paces SES, whatever clock the domain runs on.
                retryAt: new Date(Date.now() + backoffMilliseconds(chunk.attempts)).toISOString(),
                expiresAt: Math.floor(now.getTime() / 1000) + chunkLifeSeconds,
              },
            },
          },
        ]
      : [];
    const totals: Record<RecipientOutcome, number> = {
      sent: 0,
      failed: 0,
      suppressed: 0,
      unsubscribed: 0,
      uncertain: 0,
    };
    for (const { outcome } of Object.values(outcomes)) totals[outcome] += 1;
    return untilSettled('Settling a newsletter chunk', async () => {
      try {
        await this.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: this.tableName,
                  Key: chunkKey(chunk.sendId, chunk.index),
                  // The profiles' copy goes: addresses stay no longer than the send needs them.
                  UpdateExpression:
                    'SET #status = :settled, outcomes = :outcomes, settledAt = :now REMOVE frozen',
                  ConditionExpression: '#status = :sending',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: {
                    ':settled': 'settled',
                    ':sending': 'sending',
                    ':outcomes': outcomes,
                    ':now': now.toISOString(),
                  },
                },
              },
              {
                // The chunk's counter shard, not STATE: chunks settling at once meet no conflict.
                Update: {
                  TableName: this.tableName,
                  Key: counterShardKey(chunk.sendId, counterShardOf(chunk.index)),
                  UpdateExpression:
                    'ADD settledChunks :one, chunks :retries, sent :sent, failed :failed, suppressed :suppressed, unsubscribed :unsubscribed, uncertain :uncertain',
                  ExpressionAttributeValues: {
                    ':one': 1,
                    ':retries': retryPut.length,
                    ':sent': totals.sent,
                    ':failed': totals.failed,
                    ':suppressed': totals.suppressed,
                    ':unsubscribed': totals.unsubscribed,
                    ':uncertain': totals.uncertain,
                  },
                },
              },
              ...retryPut,
            ],
          }),
        );
        return true;
      } catch (error) {
        const failed = failedItem(error);
        return failed === 'conflict' ? undefined : false;
      }
    });
  }

  /** The profiles of a chunk's recipients that still exist (BatchGet by keyed hash). */
  async profiles(subscribersTable: string, addressKeys: readonly string[]) {
    // BatchGetItem takes 100 keys at most.
    const pages = Array.from({ length: Math.ceil(addressKeys.length / 100) }, (_, page) =>
      addressKeys.slice(page * 100, page * 100 + 100),
    );
    const found = await Promise.all(
      pages.map(async (page) => {
        const items: Record<string, unknown>[] = [];
        let keys: Record<string, unknown>[] = page.map((key) => ({ pk: `SUB#${key}`, sk: 'PROFILE' }));
        for (let attempt = 0; keys.length > 0 && attempt < 8; attempt++) {
          const answer = await this.client.send(
            new BatchGetCommand({
              RequestItems: { [subscribersTable]: { Keys: keys, ConsistentRead: true } },
            }),
          );
          items.push(...(answer.Responses?.[subscribersTable] ?? []));
          keys = answer.UnprocessedKeys?.[subscribersTable]?.Keys ?? [];
        }
        if (keys.length > 0) throw new Error('DynamoDB kept keys unprocessed');
        return items;
      }),
    );
    return found.flat();
  }
}
