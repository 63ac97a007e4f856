import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { counterKey, eventKey } from '../programme/eventCounters.ts';
import { DynamoDbTable } from '../shared/dynamoDbTable.ts';
import type { Registration, RegistrationStatus } from './registration.ts';

export { counterKey, eventKey };
/** One registration per address per event: the item is keyed by the keyed hash of the address. */
export const registrationKey = (addressKey: string): string => `REG#${addressKey}`;
/** Manage links name a registration by id: this pointer leads from the id to the registration. */
export const registrationIdKey = (registrationId: string): string => `REGID#${registrationId}`;
export const waitingKey = (waitKey: string): string => `WAIT#${waitKey}`;

/**
 * Every held place, across events, by the end of its hold (`pk` = `HOLDS`, `sk` = `<hold
 * end>#<event id>#<address key>`): the sweeper finds the ended ones with one query. One
 * partition: holds are written at the pace of registrations, far below what a partition takes.
 */
export const holdKey = (registration: Pick<Registration, 'holdUntil' | 'eventId' | 'addressKey'>) => ({
  pk: 'HOLDS',
  sk: `${registration.holdUntil}#${registration.eventId}#${registration.addressKey}`,
});

/**
 * The event's counter (`COUNTER`): `confirmed`, `held` (places held for pending registrants),
 * `taken` (confirmed + held: what capacity is checked against, as a condition cannot add),
 * `waitlisted`, `waitingTickets`. A free place: `taken < capacity` and nobody waiting.
 */
export const placeIsFree =
  '(attribute_not_exists(taken) OR taken < :capacity) AND (attribute_not_exists(waitlisted) OR waitlisted = :zero)';

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

  /** The event's counter as it is now (absent: nobody registered yet). */
  async counter(eventId: string): Promise<{ taken?: number; waitlisted?: number } | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: eventKey(eventId), sk: counterKey },
        ConsistentRead: true,
      }),
    );
    return Item;
  }

  /**
   * The counter's update that takes a place, `confirmed` or `held`, if one is free (any time
   * when places are unlimited); `expiresAt` keeps the counter as long as what it counts.
   */
  protected takePlace(
    eventId: string,
    as: 'confirmed' | 'held',
    capacity: number | null,
    expiresAt?: number,
  ) {
    const values = { ':zero': 0, ':one': 1, ...(expiresAt === undefined ? {} : { ':expiresAt': expiresAt }) };
    return {
      Update: {
        TableName: this.tableName,
        Key: { pk: eventKey(eventId), sk: counterKey },
        UpdateExpression: `SET #as = if_not_exists(#as, :zero) + :one, taken = if_not_exists(taken, :zero) + :one${
          expiresAt === undefined ? '' : ', expiresAt = :expiresAt'
        }`,
        ExpressionAttributeNames: { '#as': as },
        ...(capacity === null
          ? { ExpressionAttributeValues: values }
          : {
              ConditionExpression: placeIsFree,
              ExpressionAttributeValues: { ...values, ':capacity': capacity },
            }),
      },
    };
  }

  /** A held place's entry in the `HOLDS` index: all that releasing it takes. */
  protected holdIndexEntry(registration: Registration) {
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          ...holdKey(registration),
          eventId: registration.eventId,
          addressKey: registration.addressKey,
          registrationId: registration.id,
          holdUntil: registration.holdUntil,
          expiresAt: registration.expiresAt,
        },
      },
    };
  }

  /** A ticket from the event's counter: it orders the waiting list by arrival, whatever the clocks. */
  protected async waitingTicket(eventId: string): Promise<string> {
    const { Attributes } = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: eventKey(eventId), sk: counterKey },
        UpdateExpression: 'ADD waitingTickets :one',
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return String(Attributes?.waitingTickets).padStart(10, '0');
  }

  /** The waiting-list place of a ticket and the counter's update, while the event is still full. */
  protected joinWaitingList(
    registration: Pick<Registration, 'eventId' | 'addressKey' | 'id' | 'expiresAt'>,
    waitKey: string,
    capacity: number | null,
  ) {
    return [
      {
        Put: {
          TableName: this.tableName,
          Item: {
            pk: eventKey(registration.eventId),
            sk: waitingKey(waitKey),
            addressKey: registration.addressKey,
            registrationId: registration.id,
            expiresAt: registration.expiresAt,
          },
        },
      },
      {
        Update: {
          TableName: this.tableName,
          Key: { pk: eventKey(registration.eventId), sk: counterKey },
          UpdateExpression: 'SET waitlisted = if_not_exists(waitlisted, :zero) + :one',
          // Joining the queue only makes sense while the event is still full.
          ConditionExpression:
            '(taken >= :capacity) OR (attribute_exists(waitlisted) AND waitlisted > :zero)',
          ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':capacity': capacity },
        },
      },
    ];
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
