import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { failedItem, untilSettled } from '../shared/conflictRetries.ts';
import { type Allowance, allowanceUpdate } from '../shared/rateLimits.ts';
import type { Registration, RegistrationStatus } from './registration.ts';
import {
  counterKey,
  eventKey,
  holdKey,
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

/**
 * Whether the registrant must confirm by the mailed link first: then the registration is
 * `pending`, holding a free place until `holdUntil`, and its data lives only until
 * `pendingExpiresAt` unless confirmed.
 */
export type Confirmation =
  | { readonly required: false }
  | { readonly required: true; readonly holdUntil: string; readonly pendingExpiresAt: number };

type NewRegistration = Omit<Registration, 'status' | 'waitKey' | 'holdsPlace' | 'holdUntil'>;

/**
 * Registrations in DynamoDB. A place is taken by one transaction that writes the registration
 * and moves the event's counter under conditions, so N simultaneous requests for C places give
 * exactly C places taken (confirmed or held), whatever N.
 */
export class DynamoDbRegistrationStore extends RegistrationTable {
  /**
   * A place if one is free (and nobody waits): confirmed, or held while pending confirmation;
   * else a waiting-list place if the event has a list (pending confirmation: no place yet).
   * `limits` (the client's registrations, the mailbox's form mails) are taken in the same
   * transaction: a refused registration takes none, a recorded one costs no extra write.
   * `releaseEndedHolds` frees the event's holds that ended before the sweeper's next run.
   */
  async register(
    registration: NewRegistration,
    capacity: Capacity,
    confirmation: Confirmation,
    limits: readonly Allowance[],
    releaseEndedHolds: () => Promise<number>,
  ): Promise<RegisterOutcome> {
    // No place at all (an edit through the API can bypass the Studio's minimum of 1).
    if (capacity.capacity !== null && capacity.capacity < 1) return { kind: 'full' };
    let endedHoldsReleased = false;
    return untilSettled('Registration', async () => {
      const placed = await this.#tryPlace(registration, capacity, confirmation, limits);
      if (placed !== 'noPlace') return placed;
      if (!endedHoldsReleased) {
        endedHoldsReleased = true;
        if ((await releaseEndedHolds()) > 0) return undefined;
      }
      if (!capacity.waitingList) return { kind: 'full' };
      if (confirmation.required) return this.#tryPendingWithoutPlace(registration, confirmation, limits);
      return this.#tryWaitlisted(registration, capacity, limits);
    });
  }

  async #tryPlace(
    registration: NewRegistration,
    capacity: Capacity,
    confirmation: Confirmation,
    limits: readonly Allowance[],
  ): Promise<RegisterOutcome | 'noPlace' | undefined> {
    const placed: Registration = confirmation.required
      ? {
          ...registration,
          status: 'pending',
          holdsPlace: true,
          holdUntil: confirmation.holdUntil,
          expiresAt: confirmation.pendingExpiresAt,
        }
      : { ...registration, status: 'confirmed' };
    const items = [
      ...this.#putRegistration(placed),
      // The counter is kept as long as the registrations it counts (the event's retention).
      this.takePlace(
        placed.eventId,
        confirmation.required ? 'held' : 'confirmed',
        capacity.capacity,
        registration.expiresAt,
      ),
      ...(confirmation.required ? [this.holdIndexEntry(placed)] : []),
    ];
    try {
      await this.client.send(
        new TransactWriteCommand({ TransactItems: [...items, ...limits.map(allowanceUpdate)] }),
      );
      return { kind: 'registered', registration: placed };
    } catch (error) {
      const failed = failedItem(error);
      if (failed === 0) return { kind: 'duplicate' };
      if (failed === 'conflict') return undefined;
      // Past the registration's own items: an allowance used up; the counter: no free place.
      return failed >= items.length
        ? { kind: 'limited', usedUp: limits[failed - items.length] as Allowance }
        : 'noPlace';
    }
  }

  async #tryWaitlisted(
    registration: NewRegistration,
    capacity: Capacity,
    limits: readonly Allowance[],
  ): Promise<RegisterOutcome | undefined> {
    const waitlisted = {
      ...registration,
      status: 'waitlisted' as const,
      waitKey: await this.waitingTicket(registration.eventId),
    };
    const items = [
      ...this.#putRegistration(waitlisted),
      ...this.joinWaitingList(waitlisted, waitlisted.waitKey, capacity.capacity),
    ];
    try {
      await this.client.send(
        new TransactWriteCommand({ TransactItems: [...items, ...limits.map(allowanceUpdate)] }),
      );
      return {
        kind: 'registered',
        registration: waitlisted,
        position: await this.waitingPosition(waitlisted),
      };
    } catch (error) {
      const failed = failedItem(error);
      if (failed === 0) return { kind: 'duplicate' };
      if (typeof failed === 'number' && failed >= items.length)
        return { kind: 'limited', usedUp: limits[failed - items.length] as Allowance };
      // A place freed up meanwhile, or a conflict: take it from the top.
      return undefined;
    }
  }

  /** Pending confirmation of an event that is full: no place held; the click decides (a place or the list). */
  async #tryPendingWithoutPlace(
    registration: NewRegistration,
    confirmation: Confirmation & { required: true },
    limits: readonly Allowance[],
  ): Promise<RegisterOutcome | undefined> {
    const pending: Registration = {
      ...registration,
      status: 'pending',
      holdsPlace: false,
      expiresAt: confirmation.pendingExpiresAt,
    };
    const items = this.#putRegistration(pending);
    try {
      await this.client.send(
        new TransactWriteCommand({ TransactItems: [...items, ...limits.map(allowanceUpdate)] }),
      );
      return { kind: 'registered', registration: pending };
    } catch (error) {
      const failed = failedItem(error);
      if (failed === 0) return { kind: 'duplicate' };
      if (failed === 'conflict') return undefined;
      return { kind: 'limited', usedUp: limits[failed - items.length] as Allowance };
    }
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
          // One registration per address per event. A cancelled one may be replaced, and a
          // pending one that holds no place; one that holds a place never (its hold is counted).
          ConditionExpression:
            'attribute_not_exists(sk) OR #status = :cancelled OR (#status = :pending AND holdsPlace = :false)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':cancelled': 'cancelled', ':pending': 'pending', ':false': false },
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
   * The person is already registered: their manage link (their confirmation link while
   * pending) is sent again, at most once a day, so a lost link can be recovered without anyone
   * being able to flood an address. Answers whether it goes.
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
   * cancelling again changes nothing. A place (confirmed or held) goes back to the counter.
   * Answers the status it had.
   */
  cancel(known: Registration, now: Date): Promise<RegistrationStatus | 'gone'> {
    const { eventId, addressKey } = known;
    return untilSettled('Cancellation', async (attempt) => {
      const registration = attempt === 0 ? known : await this.find(eventId, addressKey);
      if (!registration) return 'gone';
      if (registration.status === 'cancelled') return registration.status;
      const held = registration.status === 'pending' && registration.holdsPlace === true;
      const counted = {
        confirmed: 'SET confirmed = confirmed - :one, taken = taken - :one',
        waitlisted: 'SET waitlisted = waitlisted - :one',
        pending: held ? 'SET held = held - :one, taken = taken - :one' : undefined,
      }[registration.status];
      try {
        await this.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: this.tableName,
                  Key: { pk: eventKey(eventId), sk: registrationKey(addressKey) },
                  UpdateExpression:
                    'SET #status = :cancelled, cancelledAt = :now REMOVE waitKey, holdsPlace, holdUntil',
                  // As read: a hold released or converted meanwhile is read again.
                  ConditionExpression: `#status = :was AND id = :id${registration.status === 'pending' ? ' AND holdsPlace = :held' : ''}`,
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: {
                    ':cancelled': 'cancelled',
                    ':now': now.toISOString(),
                    ':was': registration.status,
                    ':id': registration.id,
                    ...(registration.status === 'pending' ? { ':held': held } : {}),
                  },
                },
              },
              ...(counted
                ? [
                    {
                      Update: {
                        TableName: this.tableName,
                        Key: { pk: eventKey(eventId), sk: counterKey },
                        UpdateExpression: counted,
                        ExpressionAttributeValues: { ':one': 1 },
                      },
                    },
                  ]
                : []),
              ...(registration.status === 'waitlisted'
                ? [
                    {
                      Delete: {
                        TableName: this.tableName,
                        Key: { pk: eventKey(eventId), sk: waitingKey(registration.waitKey ?? '') },
                      },
                    },
                  ]
                : []),
              ...(held ? [{ Delete: { TableName: this.tableName, Key: holdKey(registration) } }] : []),
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
}
