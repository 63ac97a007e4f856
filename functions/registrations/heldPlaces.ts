import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { failedItem, untilSettled } from '../shared/conflictRetries.ts';
import { countMetric } from '../shared/metrics.ts';
import type { Registration } from './registration.ts';
import type { Capacity } from './registrationStore.ts';
import {
  counterKey,
  eventKey,
  holdKey,
  RegistrationTable,
  registrationIdKey,
  registrationKey,
} from './registrationTable.ts';

export type ConfirmOutcome =
  | { readonly kind: 'confirmed' | 'waitlisted'; readonly registration: Registration }
  /** Confirmed or waitlisted already, or cancelled: the click changes nothing. */
  | { readonly kind: 'unchanged'; readonly registration: Registration }
  /** No place, no waiting list: the registration stays pending. */
  | { readonly kind: 'full' }
  | { readonly kind: 'gone' };

/** A hold as the `HOLDS` index keeps it: what releasing it takes, without reading the registration. */
interface Hold {
  readonly eventId: string;
  readonly addressKey: string;
  readonly registrationId: string;
  readonly holdUntil: string;
}

/**
 * Places held for registrants who have not clicked their confirmation link yet: the click
 * turns the hold into a confirmed place; a hold that ends gives the place back, and the waiting
 * list moves on from the registration's stream record (`promoteFromWaitingList`), as for a
 * cancellation. DynamoDB's TTL is days late: ends are checked here, by the clock.
 */
export class DynamoDbHeldPlaces extends RegistrationTable {
  /**
   * The registrant's click (idempotent): a held place becomes confirmed; without a place held
   * (the event was full, or the hold ended), a free place is taken as a new registration would
   * take it, else a waiting-list place, else nothing (`full`). `retention` is the registration's
   * TTL once it is confirmed or waiting.
   */
  confirm(known: Registration, capacity: Capacity, retention: number, now: Date): Promise<ConfirmOutcome> {
    return untilSettled('Confirmation', async (attempt) => {
      const registration = attempt === 0 ? known : await this.find(known.eventId, known.addressKey);
      if (registration?.id !== known.id) return { kind: 'gone' };
      if (registration.status !== 'pending') return { kind: 'unchanged', registration };
      if (registration.holdsPlace && (registration.holdUntil ?? '') <= now.toISOString()) {
        // Ended a moment ago, before the sweeper: give the place back first (people waiting go first).
        await this.release(this.holdOf(registration), now);
        return undefined;
      }
      const confirmed = { ...registration, status: 'confirmed' as const, expiresAt: retention };
      const ownItems = this.#becomes(registration, confirmed, now);
      const items = registration.holdsPlace
        ? [
            ...ownItems,
            {
              Update: {
                TableName: this.tableName,
                Key: { pk: eventKey(registration.eventId), sk: counterKey },
                UpdateExpression:
                  'SET held = held - :one, confirmed = if_not_exists(confirmed, :zero) + :one',
                ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
              },
            },
            { Delete: { TableName: this.tableName, Key: holdKey(registration) } },
          ]
        : [...ownItems, this.takePlace(registration.eventId, 'confirmed', capacity.capacity)];
      try {
        await this.client.send(new TransactWriteCommand({ TransactItems: items }));
        return { kind: 'confirmed', registration: this.#cleaned(confirmed) };
      } catch (error) {
        const failed = failedItem(error);
        // The counter refused (no free place): the waiting list, if the event has one.
        if (failed === ownItems.length && !registration.holdsPlace) {
          return capacity.waitingList
            ? this.#waitlist(registration, capacity, retention, now)
            : { kind: 'full' };
        }
        // Changed meanwhile (released, cancelled), or a conflict: read it again.
        return undefined;
      }
    });
  }

  async #waitlist(registration: Registration, capacity: Capacity, retention: number, now: Date) {
    const waitKey = await this.waitingTicket(registration.eventId);
    const waitlisted = { ...registration, status: 'waitlisted' as const, waitKey, expiresAt: retention };
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            ...this.#becomes(registration, waitlisted, now),
            ...this.joinWaitingList(waitlisted, waitKey, capacity.capacity),
          ],
        }),
      );
      return { kind: 'waitlisted' as const, registration: this.#cleaned(waitlisted) };
    } catch (error) {
      failedItem(error);
      return undefined;
    }
  }

  /** The pending registration's update to `next` (and its id pointer's retention), as it was read. */
  #becomes(registration: Registration, next: Registration, now: Date) {
    return [
      {
        Update: {
          TableName: this.tableName,
          Key: { pk: eventKey(registration.eventId), sk: registrationKey(registration.addressKey) },
          UpdateExpression: `SET #status = :next, confirmedAt = :now, expiresAt = :expiresAt${
            next.waitKey ? ', waitKey = :waitKey' : ''
          } REMOVE holdsPlace, holdUntil`,
          ConditionExpression: '#status = :pending AND id = :id AND holdsPlace = :held',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':next': next.status,
            ':now': now.toISOString(),
            ':expiresAt': next.expiresAt,
            ':pending': 'pending',
            ':id': registration.id,
            ':held': registration.holdsPlace === true,
            ...(next.waitKey ? { ':waitKey': next.waitKey } : {}),
          },
        },
      },
      {
        Update: {
          TableName: this.tableName,
          Key: { pk: eventKey(registration.eventId), sk: registrationIdKey(registration.id) },
          UpdateExpression: 'SET expiresAt = :expiresAt',
          ExpressionAttributeValues: { ':expiresAt': next.expiresAt },
        },
      },
    ];
  }

  #cleaned(registration: Registration): Registration {
    const { holdsPlace: _held, holdUntil: _until, ...rest } = registration;
    return rest;
  }

  holdOf(registration: Registration): Hold {
    return {
      eventId: registration.eventId,
      addressKey: registration.addressKey,
      registrationId: registration.id,
      holdUntil: registration.holdUntil ?? '',
    };
  }

  /**
   * Gives an ended hold's place back, once: the registration stays pending without a place
   * (its click may still take one). Answers whether this call released it.
   */
  release(hold: Hold, now: Date): Promise<boolean> {
    return untilSettled('Hold release', async () => {
      try {
        await this.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: this.tableName,
                  Key: { pk: eventKey(hold.eventId), sk: registrationKey(hold.addressKey) },
                  UpdateExpression: 'SET holdsPlace = :false, holdEndedAt = :now REMOVE holdUntil',
                  ConditionExpression:
                    '#status = :pending AND id = :id AND holdsPlace = :true AND holdUntil <= :now',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: {
                    ':pending': 'pending',
                    ':id': hold.registrationId,
                    ':true': true,
                    ':false': false,
                    ':now': now.toISOString(),
                  },
                },
              },
              ...this.#placeBack(hold),
            ],
          }),
        );
        countMetric('registrationHoldsReleased');
        return true;
      } catch (error) {
        const failed = failedItem(error);
        if (failed === 'conflict') return undefined;
        if (failed === 2) return false;
        // The registration moved on (confirmed, cancelled: their own write removed the index
        // entry) or is gone (TTL, days later): the place is given back only if nothing holds it.
        const registration = await this.find(hold.eventId, hold.addressKey);
        if (registration?.id === hold.registrationId) return false;
        return this.#releaseOrphan(hold);
      }
    });
  }

  /** The index entry of a registration that no longer exists: its counted place comes back. */
  async #releaseOrphan(hold: Hold): Promise<boolean | undefined> {
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: this.#placeBack(hold) }));
      return true;
    } catch (error) {
      return failedItem(error) === 'conflict' ? undefined : false;
    }
  }

  /** The counter gives the held place back, and the hold leaves the index (once: it must be there). */
  #placeBack(hold: Hold) {
    return [
      {
        Update: {
          TableName: this.tableName,
          Key: { pk: eventKey(hold.eventId), sk: counterKey },
          UpdateExpression: 'SET held = held - :one, taken = taken - :one',
          ExpressionAttributeValues: { ':one': 1 },
        },
      },
      {
        Delete: {
          TableName: this.tableName,
          Key: holdKey(hold),
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
    ];
  }

  /**
   * Releases every hold that ended by `now` (of one event, or of all): the scheduled sweeper,
   * and a registration that finds no free place. Answers how many places came back.
   */
  async releaseEnded(now: Date, eventId?: string): Promise<number> {
    let released = 0;
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          // `$` sorts after `#`: holds ending at this very instant are included.
          KeyConditionExpression: 'pk = :holds AND sk < :bound',
          ...(eventId ? { FilterExpression: 'eventId = :eventId' } : {}),
          ExpressionAttributeValues: {
            ':holds': 'HOLDS',
            ':bound': `${now.toISOString()}$`,
            ...(eventId ? { ':eventId': eventId } : {}),
          },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      for (const hold of (page.Items ?? []) as unknown as Hold[])
        if (await this.release(hold, now)) released++;
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return released;
  }
}
