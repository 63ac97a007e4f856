import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { failedItem, untilSettled } from '../shared/conflictRetries.ts';
import { type Allowance, allowanceUpdate } from '../shared/rateLimits.ts';
import type { Registration, RegistrationStatus } from './registration.ts';
import {
  counterKey,
  eventKey,
  RegistrationTable,
  registrationIdKey,
  registrationKey,
  waitingKey,
} from './registrationTable.ts';

export type RegisterOutcome =
  | { readonly kind: 'registered'; readonly registration: Registration; readonly position?: number }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'full' }
  /** An allowance of the request had none left: nothing was written. */
  | { readonly kind: 'limited'; readonly usedUp: Allowance };

export interface Capacity {
  /** Null when places are unlimited. */
  readonly capacity: number | null;
  readonly waitingList: boolean;
}

type NewRegistration = Omit<Registration, 'status' | 'waitKey'>;

/**
 * Registrations in DynamoDB. A place is taken by one transaction that writes the registration
 * and moves the event's counter under conditions, so N simultaneous requests for C places give
 * exactly C confirmed registrations, whatever N.
 */
export class DynamoDbRegistrationStore extends RegistrationTable {
  /**
   * A confirmed place if one is free (and nobody waits), else a waiting-list place if the event
   * has a list. `limits` (the client's registrations, the mailbox's form mails) are taken in the
   * same transaction: a refused registration takes none, a recorded one costs no extra write.
   */
  async register(
    registration: NewRegistration,
    capacity: Capacity,
    limits: readonly Allowance[],
  ): Promise<RegisterOutcome> {
    // No place at all (an edit through the API can bypass the Studio's minimum of 1).
    if (capacity.capacity !== null && capacity.capacity < 1) return { kind: 'full' };
    return untilSettled('Registration', async () => {
      const confirmed = await this.#tryConfirmed(registration, capacity, limits);
      if (confirmed !== 'noPlace') return confirmed;
      if (!capacity.waitingList) return { kind: 'full' };
      return this.#tryWaitlisted(registration, capacity, limits);
    });
  }

  async #tryConfirmed(
    registration: NewRegistration,
    capacity: Capacity,
    limits: readonly Allowance[],
  ): Promise<RegisterOutcome | 'noPlace' | undefined> {
    const confirmed = { ...registration, status: 'confirmed' as const };
    const values = { ':zero': 0, ':one': 1, ':expiresAt': registration.expiresAt };
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            ...this.#putRegistration(confirmed),
            {
              Update: {
                TableName: this.tableName,
                Key: { pk: eventKey(registration.eventId), sk: counterKey },
                // The counter is kept as long as the registrations it counts.
                UpdateExpression:
                  'SET confirmed = if_not_exists(confirmed, :zero) + :one, expiresAt = :expiresAt',
                // A place is free only while nobody waits for one: the waiting list goes first.
                ...(capacity.capacity === null
                  ? { ExpressionAttributeValues: values }
                  : {
                      ConditionExpression:
                        '(attribute_not_exists(confirmed) OR confirmed < :capacity) AND (attribute_not_exists(waitlisted) OR waitlisted = :zero)',
                      ExpressionAttributeValues: { ...values, ':capacity': capacity.capacity },
                    }),
              },
            },
            ...limits.map(allowanceUpdate),
          ],
        }),
      );
      return { kind: 'registered', registration: confirmed };
    } catch (error) {
      const failed = failedItem(error);
      if (failed === 0) return { kind: 'duplicate' };
      if (failed === 'conflict') return undefined;
      // Items 3…: an allowance used up; item 2, the counter: no free place.
      return failed >= 3 ? { kind: 'limited', usedUp: limits[failed - 3] as Allowance } : 'noPlace';
    }
  }

  async #tryWaitlisted(
    registration: NewRegistration,
    capacity: Capacity,
    limits: readonly Allowance[],
  ): Promise<RegisterOutcome | undefined> {
    // A ticket from the event's counter orders the waiting list by arrival, whatever the clocks.
    const waitlisted = {
      ...registration,
      status: 'waitlisted' as const,
      waitKey: await this.#waitingTicket(registration.eventId),
    };
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            ...this.#putRegistration(waitlisted),
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  pk: eventKey(registration.eventId),
                  sk: waitingKey(waitlisted.waitKey),
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
                  '(confirmed >= :capacity) OR (attribute_exists(waitlisted) AND waitlisted > :zero)',
                ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':capacity': capacity.capacity },
              },
            },
            ...limits.map(allowanceUpdate),
          ],
        }),
      );
      return {
        kind: 'registered' as const,
        registration: waitlisted,
        position: await this.waitingPosition(waitlisted),
      };
    } catch (error) {
      const failed = failedItem(error);
      if (failed === 0) return { kind: 'duplicate' };
      if (typeof failed === 'number' && failed >= 4)
        return { kind: 'limited', usedUp: limits[failed - 4] as Allowance };
      // A place freed up meanwhile, or a conflict: take it from the top.
      return undefined;
    }
  }

  async #waitingTicket(eventId: string): Promise<string> {
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

  /** The registration, and the pointer from its id (manage links); item 0 decides duplicates. */
  #putRegistration(registration: Registration) {
    return [
      {
        Put: {
          TableName: this.tableName,
          Item: {
            pk: eventKey(registration.eventId),
            sk: registrationKey(registration.addressKey),
            ...registration,
          },
          // One registration per address per event; a cancelled one may be replaced.
          ConditionExpression: 'attribute_not_exists(sk) OR #status = :cancelled',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':cancelled': 'cancelled' },
        },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: {
            pk: eventKey(registration.eventId),
            sk: registrationIdKey(registration.id),
            addressKey: registration.addressKey,
            expiresAt: registration.expiresAt,
          },
        },
      },
    ];
  }

  /**
   * The person is already registered: their manage link is sent again, at most once a day, so
   * a lost link can be recovered without anyone being able to flood an address. Answers
   * whether it goes.
   */
  async resendLink(eventId: string, addressKey: string, now: Date): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: eventKey(eventId), sk: registrationKey(addressKey) },
          UpdateExpression: 'SET linkResentAt = :now',
          // Never create an item: only mark the registration that refused the new one.
          ConditionExpression:
            'attribute_exists(sk) AND (attribute_not_exists(linkResentAt) OR linkResentAt < :dayAgo)',
          ExpressionAttributeValues: {
            ':now': now.toISOString(),
            ':dayAgo': new Date(now.getTime() - 24 * 3600_000).toISOString(),
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /**
   * Cancels a registration, as the caller just read it (read again only after a conflict);
   * cancelling again changes nothing. Answers the status it had.
   */
  cancel(known: Registration, now: Date): Promise<RegistrationStatus | 'gone'> {
    const { eventId, addressKey } = known;
    return untilSettled('Cancellation', async (attempt) => {
      const registration = attempt === 0 ? known : await this.find(eventId, addressKey);
      if (!registration) return 'gone';
      if (registration.status === 'cancelled') return registration.status;
      const wasWaiting = registration.status === 'waitlisted';
      try {
        await this.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: this.tableName,
                  Key: { pk: eventKey(eventId), sk: registrationKey(addressKey) },
                  UpdateExpression: 'SET #status = :cancelled, cancelledAt = :now REMOVE waitKey',
                  ConditionExpression: '#status = :was',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: {
                    ':cancelled': 'cancelled',
                    ':now': now.toISOString(),
                    ':was': registration.status,
                  },
                },
              },
              {
                Update: {
                  TableName: this.tableName,
                  Key: { pk: eventKey(eventId), sk: counterKey },
                  UpdateExpression: wasWaiting
                    ? 'SET waitlisted = waitlisted - :one'
                    : 'SET confirmed = confirmed - :one',
                  ExpressionAttributeValues: { ':one': 1 },
                },
              },
              ...(wasWaiting
                ? [
                    {
                      Delete: {
                        TableName: this.tableName,
                        Key: { pk: eventKey(eventId), sk: waitingKey(registration.waitKey ?? '') },
                      },
                    },
                  ]
                : []),
            ],
          }),
        );
        return registration.status;
      } catch (error) {
        failedItem(error);
        return undefined;
      }
    });
  }

  /**
   * Records a request for an event's attendee list, at most one per event per hour (the
   * worker mails the link), with the client's and the recipients' allowances in the same
   * transaction: nobody can flood the organiser's address, from one event or from many.
   */
  async recordAttendeeListRequest(
    request: { eventId: string; slug: string },
    limits: readonly Allowance[],
    now: Date,
  ): Promise<{ readonly recorded: boolean } | { readonly usedUp: Allowance }> {
    return untilSettled('Attendee list request', async () => {
      try {
        await this.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: this.tableName,
                  Item: {
                    pk: eventKey(request.eventId),
                    sk: `EXPORT#${now.toISOString().slice(0, 13)}`,
                    ...request,
                    requestedAt: now.toISOString(),
                    expiresAt: Math.floor(now.getTime() / 1000) + 2 * 86_400,
                  },
                  ConditionExpression: 'attribute_not_exists(sk)',
                },
              },
              ...limits.map(allowanceUpdate),
            ],
          }),
        );
        return { recorded: true };
      } catch (error) {
        const failed = failedItem(error);
        if (failed === 'conflict') return undefined;
        // Already asked for this hour: nothing new, and nothing counted.
        return failed === 0 ? { recorded: false } : { usedUp: limits[failed - 1] as Allowance };
      }
    });
  }
}
