import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { failedItem, writeUnlessConditionFails } from '../shared/conflictRetries.ts';
import { ChunkStore } from './chunkStore.ts';
import type { DigestMaterial } from './digestContent.ts';
import { SendControls } from './sendControls.ts';
import { contentKey, stateKey, withShardCounts } from './sendKeys.ts';
import type { SendContent, SendRecord, StoredSendRecord } from './sendTypes.ts';

export { backoffMilliseconds } from './sendKeys.ts';
export type { Chunk, SendContent, SendRecord, StoredSendRecord } from './sendTypes.ts';

/** Newsletter sends: their state, frozen content and controls (the chunks: `ChunkStore`). */
export class NewsletterSendStore extends ChunkStore {
  /** Pause, resume, resend to the uncertain, the schedule. */
  readonly controls = new SendControls(this.client, this.tableName);

  /** A send's state with its counters: `STATE` and its counter shards, read by one query. */
  async state(sendId: string): Promise<SendRecord | undefined> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :state)',
        ExpressionAttributeValues: { ':pk': stateKey(sendId).pk, ':state': 'STATE' },
        ConsistentRead: true,
      }),
    );
    const state = Items.find((item) => item.sk === 'STATE');
    if (!state) return undefined;
    return withShardCounts(
      state as SendRecord,
      Items.filter((item) => item.sk !== 'STATE'),
    );
  }

  /** `STATE` alone (its state, audience, kind), without summing the counters: one item read. */
  async stateWithoutCounts(sendId: string): Promise<StoredSendRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: stateKey(sendId), ConsistentRead: true }),
    );
    return Item as StoredSendRecord | undefined;
  }

  /** The frozen content: a newsletter's rendered mail, or a digest's material. */
  async content(sendId: string): Promise<SendContent | DigestMaterial | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: contentKey(sendId), ConsistentRead: true }),
    );
    return Item as SendContent | DigestMaterial | undefined;
  }

  /** Records a send and its frozen content, once: false when this send already exists. */
  async create(record: StoredSendRecord, content: SendContent | DigestMaterial): Promise<boolean> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...stateKey(record.sendId), ...record },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            { Put: { TableName: this.tableName, Item: { ...contentKey(record.sendId), ...content } } },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (failedItem(error) === 0) return false;
      throw error;
    }
  }

  /** Remembers a send request once (the webhook may be delivered more than once). */
  /** Whether a send request was already acted on (a replayed delivery of the webhook). */
  async wasAccepted(requestId: string): Promise<boolean> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: `REQUEST#${requestId}`, sk: 'REQUEST' },
        ConsistentRead: true,
      }),
    );
    return Item !== undefined;
  }

  async acceptRequest(requestId: string, now: Date): Promise<boolean> {
    return writeUnlessConditionFails(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: `REQUEST#${requestId}`,
            sk: 'REQUEST',
            acceptedAt: now.toISOString(),
            expiresAt: Math.floor(now.getTime() / 1000) + 365 * 86_400,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  /**
   * Sending → finished once every chunk is settled (planning over), answering the send as it
   * then stands (one read: the caller needs it anyway). The counters are summed from the shards;
   * the condition on `STATE`'s own chunk count refuses a finish that a resend (which adds its
   * chunk there) overtook between the read and the write.
   */
  async finishIfComplete(sendId: string, now: Date): Promise<SendRecord | undefined> {
    const send = await this.state(sendId);
    if (send?.state !== 'sending' || send.settledChunks < send.chunks) return send;
    const finished = await writeUnlessConditionFails(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: stateKey(sendId),
          UpdateExpression: 'SET #state = :finished, finishedAt = :now',
          ConditionExpression: '#state = :sending AND chunks = :planned',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':finished': 'finished',
            ':sending': 'sending',
            ':planned': send.plannedChunks,
            ':now': now.toISOString(),
          },
        }),
      ),
    );
    // Finished by this call; otherwise overtaken (a resend, another finisher): read it again.
    return finished ? { ...send, state: 'finished', finishedAt: now.toISOString() } : this.state(sendId);
  }

  /** Records that the progress was shown to editors, if the last time was before `notAfter`. */
  async takeProgressSlot(sendId: string, now: Date, notAfter: Date, force: boolean): Promise<boolean> {
    return writeUnlessConditionFails(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: stateKey(sendId),
          UpdateExpression: 'SET progressPublishedAt = :now',
          ...(force
            ? {}
            : {
                ConditionExpression:
                  'attribute_not_exists(progressPublishedAt) OR progressPublishedAt < :notAfter',
              }),
          ExpressionAttributeValues: {
            ':now': now.toISOString(),
            ...(force ? {} : { ':notAfter': notAfter.toISOString() }),
          },
        }),
      ),
    );
  }

  async markProgressShown(sendId: string, state: SendRecord['state']): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: stateKey(sendId),
        UpdateExpression: 'SET progressShownState = :state',
        ExpressionAttributeValues: { ':state': state },
      }),
    );
  }

  /** Writes an item unless it exists (the archive's record of a finished send). */
  async putIfAbsent(item: Record<string, unknown>): Promise<void> {
    await writeUnlessConditionFails(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }
}
