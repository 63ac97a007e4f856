import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbTable } from '../shared/dynamoDbTable.ts';
import { type PersonalDataRequest, requestKey } from './personalDataRequest.ts';

/**
 * The `PersonalDataRequests` table: one `REQUEST#<id>` item per request. Its insert is what
 * the confirmation mail follows from, its move to `confirmed` what the export or the erasure
 * follows from, its move to `erased` what the last mail follows from (stream workers), so a
 * write and its mail never drift apart.
 */
export class PersonalDataRequestStore extends DynamoDbTable {
  async record(request: PersonalDataRequest): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: request,
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async byId(id: string): Promise<PersonalDataRequest | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: requestKey(id) }, ConsistentRead: true }),
    );
    return (Item as PersonalDataRequest | undefined) ?? null;
  }

  /** The owner's click: answers whether this call confirmed it (false: confirmed meanwhile, or lapsed). */
  confirm(id: string, now: Date): Promise<boolean> {
    return this.#conditionally(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: requestKey(id) },
        UpdateExpression: 'SET #status = :confirmed, confirmedAt = :now',
        ConditionExpression: '#status = :requested AND confirmUntil > :now',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':confirmed': 'confirmed',
          ':requested': 'requested',
          ':now': now.toISOString(),
        },
      }),
    );
  }

  /** A link used too late: the request and its address go at once (TTL would take days). */
  forgetLapsed(id: string): Promise<boolean> {
    return this.#conditionally(
      new DeleteCommand({
        TableName: this.tableName,
        Key: { pk: requestKey(id) },
        ConditionExpression: '#status = :requested',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':requested': 'requested' },
      }),
    );
  }

  /** Erased: what the mailing worker waits for to say so. */
  markErased(id: string, now: Date): Promise<boolean> {
    return this.#conditionally(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: requestKey(id) },
        UpdateExpression: 'SET #status = :erased, erasedAt = :now',
        ConditionExpression: '#status = :confirmed',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':erased': 'erased',
          ':confirmed': 'confirmed',
          ':now': now.toISOString(),
        },
      }),
    );
  }

  /** Carried out and mailed: the address and its keyed hash are dropped, the request's state stays. */
  markDone(id: string, now: Date): Promise<boolean> {
    return this.#conditionally(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: requestKey(id) },
        UpdateExpression: 'SET #status = :done, doneAt = :now REMOVE email, addressKey',
        ConditionExpression: '#status IN (:confirmed, :erased)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':done': 'done',
          ':confirmed': 'confirmed',
          ':erased': 'erased',
          ':now': now.toISOString(),
        },
      }),
    );
  }

  async #conditionally(command: UpdateCommand | DeleteCommand): Promise<boolean> {
    try {
      await this.client.send(command);
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
