import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetItems } from '../shared/batchGet.ts';
import { DynamoDbTable } from '../shared/dynamoDbTable.ts';

/** The item that names the current snapshot. */
const currentKey = 'CURRENT';
const partKey = (snapshotId: string, index: number) => `SNAPSHOT#${snapshotId}#${index}`;
const deltaKey = (snapshotId: string) => `DELTA#${snapshotId}`;
/** Under DynamoDB's 400 KB item limit, with room for the key and attributes. */
export const snapshotPartBytes = 350_000;
/**
 * How long a replaced snapshot stays readable (a function that read its pointer may still fetch
 * it), and a delta: a function further behind than that loads the whole snapshot.
 */
const replacedSnapshotLifetimeSeconds = 3600;

/** The current snapshot: where its parts are, and what it was made from. */
export interface SnapshotPointer {
  readonly snapshotId: string;
  readonly parts: number;
  /** When its Content Lake query started (ms): it holds every change recorded before. */
  readonly queriedAt: number;
  /** SHA-256 of its content: an identical rebuild replaces nothing. */
  readonly contentHash: string;
  readonly events: number;
  readonly bytes: number;
}

/**
 * The programme snapshot in the Programme table: its compressed JSON cut into parts
 * (`SNAPSHOT#<id>#<n>`) and the pointer to the current one (`CURRENT`). A newer snapshot only
 * replaces an older one (by the time its query started), so two rebuilds racing cannot put an
 * older programme back.
 */
export class ProgrammeSnapshotStore extends DynamoDbTable {
  async current(): Promise<SnapshotPointer | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: currentKey }, ConsistentRead: true }),
    );
    return Item ? (Item as unknown as SnapshotPointer) : null;
  }

  /** The compressed content of a snapshot, its parts put back in order. */
  async read(pointer: SnapshotPointer): Promise<Buffer> {
    const keys = Array.from({ length: pointer.parts }, (_, index) => ({
      pk: partKey(pointer.snapshotId, index),
    }));
    const items = await batchGetItems(this.client, this.tableName, keys);
    const byKey = new Map(items.map((item) => [item.pk as string, item.body as Uint8Array]));
    const parts = keys.map(({ pk }) => {
      const part = byKey.get(pk);
      if (!part) throw new Error(`Programme snapshot ${pointer.snapshotId} lacks a part`);
      return part;
    });
    return Buffer.concat(parts);
  }

  /** The compressed delta that leads to a snapshot from the one before, while it is kept. */
  async delta(snapshotId: string): Promise<Buffer | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: deltaKey(snapshotId) } }),
    );
    return Item ? Buffer.from(Item.body as Uint8Array) : null;
  }

  /**
   * Writes a snapshot's parts (and its delta from the current one, when small enough), then
   * makes it current unless a snapshot queried later already is; the parts of the one it
   * replaces expire an hour later. Answers whether it became current.
   */
  async replace(
    compressed: Buffer,
    pointer: Omit<SnapshotPointer, 'parts' | 'bytes'>,
    now: Date,
    delta?: Buffer,
  ): Promise<boolean> {
    const parts: Buffer[] = [];
    for (let start = 0; start < compressed.length; start += snapshotPartBytes)
      parts.push(compressed.subarray(start, start + snapshotPartBytes));
    const items: Record<string, unknown>[] = parts.map((body, index) => ({
      pk: partKey(pointer.snapshotId, index),
      body,
    }));
    if (delta && delta.length <= snapshotPartBytes)
      items.push({
        pk: deltaKey(pointer.snapshotId),
        body: delta,
        expiresAt: Math.floor(now.getTime() / 1000) + replacedSnapshotLifetimeSeconds,
      });
    await Promise.all(
      items.map((Item) => this.client.send(new PutCommand({ TableName: this.tableName, Item }))),
    );
    const current: SnapshotPointer = { ...pointer, parts: parts.length, bytes: compressed.length };
    let previous: SnapshotPointer | undefined;
    try {
      const { Attributes } = await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: currentKey, ...current },
          ConditionExpression: 'attribute_not_exists(pk) OR queriedAt < :queriedAt',
          ExpressionAttributeValues: { ':queriedAt': pointer.queriedAt },
          ReturnValues: 'ALL_OLD',
        }),
      );
      previous = Attributes as SnapshotPointer | undefined;
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      // A later snapshot won: these parts were never current.
      await this.expire({ ...current }, now);
      return false;
    }
    if (previous) await this.expire(previous, now);
    return true;
  }

  /**
   * Moves the current snapshot's `queriedAt` forward when a rebuild found the same content: the
   * changes recorded before are known to be in it, and no rebuild is needed for them.
   */
  async confirm(contentHash: string, queriedAt: number): Promise<void> {
    await this.client
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: currentKey },
          UpdateExpression: 'SET queriedAt = :queriedAt',
          ConditionExpression: 'contentHash = :contentHash AND queriedAt < :queriedAt',
          ExpressionAttributeValues: { ':queriedAt': queriedAt, ':contentHash': contentHash },
        }),
      )
      .catch((error: Error) => {
        // Another snapshot became current meanwhile, or a later rebuild confirmed it: nothing to do.
        if (error.name !== 'ConditionalCheckFailedException') throw error;
      });
  }

  private async expire(pointer: SnapshotPointer, now: Date): Promise<void> {
    const expiresAt = Math.floor(now.getTime() / 1000) + replacedSnapshotLifetimeSeconds;
    await Promise.all(
      Array.from({ length: pointer.parts }, (_, index) =>
        this.client
          .send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: { pk: partKey(pointer.snapshotId, index) },
              UpdateExpression: 'SET expiresAt = :expiresAt',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeValues: { ':expiresAt': expiresAt },
            }),
          )
          .catch((error: Error) => {
            // Already gone: nothing left to expire.
            if (error.name !== 'ConditionalCheckFailedException') throw error;
          }),
      ),
    );
  }
}
