import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { counterKey, eventKey } from '../programme/eventCounters.ts';
import { DynamoDbTable } from '../shared/dynamoDbTable.ts';
import type { Registration, RegistrationStatus } from './registration.ts';

export { counterKey, eventKey };
/** One registration per address per event: the item is keyed by the keyed hash of the address. */
export const registrationKey = (addressKey: string): string => `REG#${addressKey}`;
/** Manage links name a registration by id: this pointer leads from the id to the registration. */
export const registrationIdKey = (registrationId: string): string => `REGID#${registrationId}`;
export const waitingKey = (waitKey: string): string => `WAIT#${waitKey}`;

/** The Registrations table: what every part of the registrations store reads the same way. */
export class RegistrationTable extends DynamoDbTable {
  async find(eventId: string, addressKey: string): Promise<Registration | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: eventKey(eventId), sk: registrationKey(addressKey) },
        ConsistentRead: true,
      }),
    );
    return Item as Registration | undefined;
  }

  /** The registration a manage link names, if it is still that registration (not a later one of the same address). */
  async findById(eventId: string, registrationId: string): Promise<Registration | undefined> {
    const { Item: pointer } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: eventKey(eventId), sk: registrationIdKey(registrationId) },
        ConsistentRead: true,
      }),
    );
    if (typeof pointer?.addressKey !== 'string') return undefined;
    const registration = await this.find(eventId, pointer.addressKey);
    return registration?.id === registrationId ? registration : undefined;
  }

  /** 1 for the first person waiting. */
  async waitingPosition(registration: Pick<Registration, 'eventId' | 'waitKey'>): Promise<number> {
    const { Count = 0 } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :mine',
        ExpressionAttributeValues: {
          ':pk': eventKey(registration.eventId),
          ':first': 'WAIT#',
          ':mine': waitingKey(registration.waitKey ?? ''),
        },
        Select: 'COUNT',
        ConsistentRead: true,
      }),
    );
    return Count;
  }

  /** Every item of an event whose sort key starts with `prefix`, page after page, read consistently. */
  protected async *itemsOf(
    eventId: string,
    prefix: string,
    projection?: string,
  ): AsyncGenerator<Record<string, unknown>> {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': eventKey(eventId), ':prefix': prefix },
          ...(projection ? { ProjectionExpression: projection } : {}),
          // An item written a moment ago must not be missed (an edit, a reminder).
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      yield* page.Items ?? [];
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }

  /** Every registration of an event with one of the given statuses. */
  async *registrationsOf(
    eventId: string,
    statuses: readonly RegistrationStatus[],
  ): AsyncGenerator<Registration> {
    for await (const item of this.itemsOf(eventId, 'REG#')) {
      if (statuses.includes(item.status as RegistrationStatus)) yield item as unknown as Registration;
    }
  }
}
