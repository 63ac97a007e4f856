import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbTable } from '../shared/dynamoDbTable.ts';
import { type DirectoryContactRequest, type DirectoryEntry, maxDirectoryVersions } from './directoryEntry.ts';

export const entryKey = (id: string): string => `ENTRY#${id}`;
export const contactRequestKey = (id: string): string => `CONTACT#${id}`;

/**
 * The `DirectoryEntries` table: one item per member's entry (`ENTRY#<id>`) and the messages
 * visitors send to members until they are mailed (`CONTACT#<id>`). Its stream drives the workers:
 * a pending entry is mailed its confirmation link, a confirmed one (and each edit) is written to
 * the Content Lake as a draft, a deleted or expired one is deleted there too; a message is mailed.
 * `DECISION#<key>` marks an editor's decision told to the member (no stream worker reads it).
 */
export class DynamoDbDirectoryStore extends DynamoDbTable {
  /**
   * Records a requested entry, replacing a pending one of the same address (a new link, the
   * older one void); a confirmed entry is never replaced (`exists`: edit it through its link).
   */
  async requestEntry(entry: DirectoryEntry): Promise<'stored' | 'exists'> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: entryKey(entry.id), ...entry },
          ConditionExpression: 'attribute_not_exists(pk) OR #status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':pending': 'pending' },
        }),
      );
      return 'stored';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'exists';
      throw error;
    }
  }

  async get(id: string): Promise<DirectoryEntry | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: entryKey(id) }, ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const { pk: _pk, ...entry } = Item;
    return entry as DirectoryEntry;
  }

  /** The pending entry of that link becomes confirmed (harmless twice: `alreadyConfirmed`). */
  async confirm(
    entry: DirectoryEntry,
    now: Date,
    expiresAt: number,
  ): Promise<'confirmed' | 'alreadyConfirmed' | 'gone'> {
    if (entry.status === 'confirmed') return 'alreadyConfirmed';
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: entryKey(entry.id) },
          UpdateExpression:
            'SET #status = :confirmed, confirmedAt = :now, updatedAt = :now, expiresAt = :expiresAt',
          ConditionExpression: 'linkNonce = :nonce AND #status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':confirmed': 'confirmed',
            ':pending': 'pending',
            ':nonce': entry.linkNonce,
            ':now': now.toISOString(),
            ':expiresAt': expiresAt,
          },
        }),
      );
      return 'confirmed';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const current = await this.get(entry.id);
      return current?.linkNonce === entry.linkNonce && current.status === 'confirmed'
        ? 'alreadyConfirmed'
        : 'gone';
    }
  }

  /**
   * Replaces the entry by its next version, unless another edit came first or the link is void
   * (`conflict`), or the entry has had its `maxDirectoryVersions`.
   */
  async recordEdit(edited: DirectoryEntry): Promise<'stored' | 'conflict' | 'tooManyEdits'> {
    if (edited.version > maxDirectoryVersions) return 'tooManyEdits';
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: entryKey(edited.id), ...edited },
          ConditionExpression: 'version = :previous AND linkNonce = :nonce',
          ExpressionAttributeValues: { ':previous': edited.version - 1, ':nonce': edited.linkNonce },
        }),
      );
      return 'stored';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'conflict';
      throw error;
    }
  }

  /** Deletes the entry of that link, at once (its documents in the Content Lake follow, by the stream). */
  async remove(entry: Pick<DirectoryEntry, 'id' | 'linkNonce'>): Promise<'deleted' | 'gone'> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { pk: entryKey(entry.id) },
          ConditionExpression: 'linkNonce = :nonce',
          ExpressionAttributeValues: { ':nonce': entry.linkNonce },
        }),
      );
      return 'deleted';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'gone';
      throw error;
    }
  }

  /**
   * A member who lost their link asks again: the confirmed entry gets a new link nonce (the
   * stream worker mails the fresh link; older links are void, as after a new pending request).
   * `notConfirmed` when the entry is pending or gone (the request path handles those).
   */
  async renewLink(id: string, linkNonce: string, now: Date): Promise<'renewed' | 'notConfirmed'> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: entryKey(id) },
          UpdateExpression: 'SET linkNonce = :nonce, linkRenewedAt = :now',
          ConditionExpression: '#status = :confirmed',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':nonce': linkNonce,
            ':now': now.toISOString(),
            ':confirmed': 'confirmed',
          },
        }),
      );
      return 'renewed';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'notConfirmed';
      throw error;
    }
  }

  async recordContactRequest(request: DirectoryContactRequest): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: contactRequestKey(request.id), ...request },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  /** A message is forgotten once mailed: the member has it, the requester never gets a copy. */
  async forgetContactRequest(id: string): Promise<void> {
    await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: { pk: contactRequestKey(id) } }),
    );
  }
}
