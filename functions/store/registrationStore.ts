import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  TransactionConflictException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { EventSnapshot, Registration, RegistrationStatus } from '../domain/registration/registration.ts';

export const eventKey = (eventId: string): string => `EVENT#${eventId}`;
export const counterKey = 'COUNTER';
export const registrationKey = (emailHash: string): string => `REG#${emailHash}`;
export const waitingKey = (waitKey: string): string => `WAIT#${waitKey}`;

export type RegisterOutcome =
  | { readonly kind: 'registered'; readonly registration: Registration; readonly position?: number }
  | { readonly kind: 'duplicate'; readonly linkResent: boolean }
  | { readonly kind: 'full' };

export interface Capacity {
  /** Null when places are unlimited. */
  readonly capacity: number | null;
  readonly waitingList: boolean;
}

/**
 * An item is refreshed only if it still exists (a promoted waiting-list place is gone for good)
 * and holds details older than the edit's, or as old (a retried record).
 */
const newerDetails = 'attribute_exists(sk) AND (attribute_not_exists(eventAsOf) OR eventAsOf <= :asOf)';

/** Conflicting transactions (many people registering at once) are tried again this many times. */
const maxAttempts = 25;
const pause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 10 * 2 ** attempt)));

/** Which item of a cancelled transaction failed its condition (null: none; 'conflict': try again). */
function failedItem(error: unknown): number | 'conflict' | null {
  if (!(error instanceof TransactionCanceledException)) throw error;
  const reasons = error.CancellationReasons ?? [];
  const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
  if (failed >= 0) return failed;
  if (reasons.some((reason) => reason.Code === 'TransactionConflict' || reason.Code === 'ThrottlingError')) {
    return 'conflict';
  }
  throw error;
}

/**
 * Registrations in DynamoDB. A place is taken by one transaction that writes the registration
 * and moves the event's counter under conditions, so N simultaneous requests for C places give
 * exactly C confirmed registrations, whatever N.
 */
export class DynamoDbRegistrationStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#tableName = tableName;
  }

  async register(
    registration: Omit<Registration, 'status' | 'waitKey'>,
    capacity: Capacity,
    now: Date,
  ): Promise<RegisterOutcome> {
    // No place at all (an edit through the API can bypass the Studio's minimum of 1).
    if (capacity.capacity !== null && capacity.capacity < 1) return { kind: 'full' };
    const counterValues = { ':zero': 0, ':one': 1, ':expiresAt': registration.expiresAt };
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const confirmed = { ...registration, status: 'confirmed' as const };
      try {
        await this.#client.send(
          new TransactWriteCommand({
            TransactItems: [
              this.#putRegistration(confirmed),
              {
                Update: {
                  TableName: this.#tableName,
                  Key: { pk: eventKey(registration.eventId), sk: counterKey },
                  // The counter is kept as long as the registrations it counts.
                  UpdateExpression:
                    'SET confirmed = if_not_exists(confirmed, :zero) + :one, expiresAt = :expiresAt',
                  // A place is free only while nobody waits for one: the waiting list goes first.
                  ...(capacity.capacity === null
                    ? { ExpressionAttributeValues: counterValues }
                    : {
                        ConditionExpression:
                          '(attribute_not_exists(confirmed) OR confirmed < :capacity) AND (attribute_not_exists(waitlisted) OR waitlisted = :zero)',
                        ExpressionAttributeValues: { ...counterValues, ':capacity': capacity.capacity },
                      }),
                },
              },
            ],
          }),
        );
        return { kind: 'registered', registration: confirmed };
      } catch (error) {
        const failed = failedItem(error);
        if (failed === 0) return this.#duplicate(registration.eventId, registration.emailHash, now);
        if (failed === 'conflict') {
          await pause(attempt);
          continue;
        }
        // The counter refused: no free place.
        if (!capacity.waitingList) return { kind: 'full' };
      }
      // A ticket from the event's counter orders the waiting list by arrival, whatever the clocks.
      const waitlisted = {
        ...registration,
        status: 'waitlisted' as const,
        waitKey: await this.#waitingTicket(registration.eventId),
      };
      try {
        await this.#client.send(
          new TransactWriteCommand({
            TransactItems: [
              this.#putRegistration(waitlisted),
              {
                Put: {
                  TableName: this.#tableName,
                  Item: {
                    pk: eventKey(registration.eventId),
                    sk: waitingKey(waitlisted.waitKey),
                    emailHash: registration.emailHash,
                    registrationId: registration.id,
                    expiresAt: registration.expiresAt,
                  },
                },
              },
              {
                Update: {
                  TableName: this.#tableName,
                  Key: { pk: eventKey(registration.eventId), sk: counterKey },
                  UpdateExpression: 'SET waitlisted = if_not_exists(waitlisted, :zero) + :one',
                  // Joining the queue only makes sense while the event is still full.
                  ConditionExpression:
                    '(confirmed >= :capacity) OR (attribute_exists(waitlisted) AND waitlisted > :zero)',
                  ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':capacity': capacity.capacity },
                },
              },
            ],
          }),
        );
        return {
          kind: 'registered',
          registration: waitlisted,
          position: await this.waitingPosition(waitlisted),
        };
      } catch (error) {
        const failed = failedItem(error);
        if (failed === 0) return this.#duplicate(registration.eventId, registration.emailHash, now);
        // A place freed up meanwhile, or a conflict: take it from the top.
        await pause(attempt);
      }
    }
    throw new Error('Registration kept conflicting with concurrent ones');
  }

  async #waitingTicket(eventId: string): Promise<string> {
    const { Attributes } = await this.#client.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: { pk: eventKey(eventId), sk: counterKey },
        UpdateExpression: 'ADD waitingTickets :one',
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return String(Attributes?.waitingTickets).padStart(10, '0');
  }

  #putRegistration(registration: Registration) {
    return {
      Put: {
        TableName: this.#tableName,
        Item: {
          pk: eventKey(registration.eventId),
          sk: registrationKey(registration.emailHash),
          ...registration,
        },
        // One registration per address per event; a cancelled one may be replaced.
        ConditionExpression: 'attribute_not_exists(sk) OR #status = :cancelled',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':cancelled': 'cancelled' },
      },
    };
  }

  /**
   * The person is already registered: their manage link is sent again, at most once a day, so
   * a lost link can be recovered without anyone being able to flood an address.
   */
  async #duplicate(eventId: string, emailHash: string, now: Date): Promise<RegisterOutcome> {
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: { pk: eventKey(eventId), sk: registrationKey(emailHash) },
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
      return { kind: 'duplicate', linkResent: true };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return { kind: 'duplicate', linkResent: false };
      throw error;
    }
  }

  async find(eventId: string, emailHash: string): Promise<Registration | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({
        TableName: this.#tableName,
        Key: { pk: eventKey(eventId), sk: registrationKey(emailHash) },
        ConsistentRead: true,
      }),
    );
    return Item as Registration | undefined;
  }

  /** 1 for the first person waiting. */
  async waitingPosition(registration: Pick<Registration, 'eventId' | 'waitKey'>): Promise<number> {
    const { Count = 0 } = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
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

  /**
   * Cancels a registration, as the caller just read it (read again only after a conflict);
   * cancelling again changes nothing. Answers the status it had.
   */
  async cancel(known: Registration, now: Date): Promise<RegistrationStatus | undefined> {
    const { eventId, emailHash } = known;
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const registration = attempt === 0 ? known : await this.find(eventId, emailHash);
      if (!registration || registration.status === 'cancelled') return registration?.status;
      const wasWaiting = registration.status === 'waitlisted';
      try {
        await this.#client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: this.#tableName,
                  Key: { pk: eventKey(eventId), sk: registrationKey(emailHash) },
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
                  TableName: this.#tableName,
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
                        TableName: this.#tableName,
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
        await pause(attempt);
      }
    }
    throw new Error('Cancellation kept conflicting with concurrent changes');
  }

  /**
   * Gives a free place to the first person waiting, if the event has one: at most one person
   * per free place, whatever the number of concurrent cancellations. Answers who was promoted.
   */
  async promoteNext(eventId: string, capacity: number | null, now: Date): Promise<Registration | undefined> {
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const { Items = [] } = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :waiting)',
          ExpressionAttributeValues: { ':pk': eventKey(eventId), ':waiting': 'WAIT#' },
          Limit: 1,
          ConsistentRead: true,
        }),
      );
      const first = Items[0] as { sk: string; emailHash: string } | undefined;
      if (!first) return undefined;
      try {
        await this.#client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: this.#tableName,
                  Key: { pk: eventKey(eventId), sk: counterKey },
                  UpdateExpression: 'SET confirmed = confirmed + :one, waitlisted = waitlisted - :one',
                  ...(capacity === null
                    ? { ExpressionAttributeValues: { ':one': 1 } }
                    : {
                        ConditionExpression: 'confirmed < :capacity',
                        ExpressionAttributeValues: { ':one': 1, ':capacity': capacity },
                      }),
                },
              },
              {
                Delete: {
                  TableName: this.#tableName,
                  Key: { pk: eventKey(eventId), sk: first.sk },
                  ConditionExpression: 'attribute_exists(sk)',
                },
              },
              {
                Update: {
                  TableName: this.#tableName,
                  Key: { pk: eventKey(eventId), sk: registrationKey(first.emailHash) },
                  UpdateExpression: 'SET #status = :confirmed, promotedAt = :now REMOVE waitKey',
                  ConditionExpression: '#status = :waitlisted',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: {
                    ':confirmed': 'confirmed',
                    ':waitlisted': 'waitlisted',
                    ':now': now.toISOString(),
                  },
                },
              },
            ],
          }),
        );
        return this.find(eventId, first.emailHash);
      } catch (error) {
        const failed = failedItem(error);
        // The counter refused: the place was already given.
        if (failed === 0) return undefined;
        await pause(attempt);
      }
    }
    throw new Error('Promotion kept conflicting with concurrent changes');
  }

  /**
   * Gives free places to the people waiting, first come first served, until none is free or
   * nobody waits. Answers who was promoted.
   */
  async promoteWhilePlacesFree(eventId: string, capacity: number | null, now: Date): Promise<Registration[]> {
    const promoted: Registration[] = [];
    for (;;) {
      const next = await this.promoteNext(eventId, capacity, now);
      if (!next) return promoted;
      promoted.push(next);
    }
  }

  /**
   * Gives a registration the event as it now is (what its e-mails and manage page tell) and
   * the retention that goes with it. `asOf` is when the edit was recorded: details never go
   * back to older ones, whatever order edits arrive in. Answers whether it was updated.
   */
  refreshRegistration(
    registration: Pick<Registration, 'eventId' | 'emailHash'>,
    event: EventSnapshot,
    expiresAt: number,
    asOf: string,
  ): Promise<boolean> {
    return this.#retryingConflicts(
      () =>
        new UpdateCommand({
          TableName: this.#tableName,
          Key: { pk: eventKey(registration.eventId), sk: registrationKey(registration.emailHash) },
          UpdateExpression: 'SET #event = :event, expiresAt = :expiresAt, eventAsOf = :asOf',
          ConditionExpression: newerDetails,
          ExpressionAttributeNames: { '#event': 'event' },
          ExpressionAttributeValues: { ':event': event, ':expiresAt': expiresAt, ':asOf': asOf },
        }),
    );
  }

  /** Moves the retention of an event's counter and waiting-list items with its end date. */
  async refreshEventItems(eventId: string, expiresAt: number, asOf: string): Promise<void> {
    const keys: { pk: string; sk: string }[] = [{ pk: eventKey(eventId), sk: counterKey }];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :waiting)',
          ExpressionAttributeValues: { ':pk': eventKey(eventId), ':waiting': 'WAIT#' },
          ProjectionExpression: 'pk, sk',
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      keys.push(...((page.Items ?? []) as { pk: string; sk: string }[]));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    for (const key of keys) {
      await this.#retryingConflicts(
        () =>
          new UpdateCommand({
            TableName: this.#tableName,
            Key: key,
            UpdateExpression: 'SET expiresAt = :expiresAt, eventAsOf = :asOf',
            ConditionExpression: newerDetails,
            ExpressionAttributeValues: { ':expiresAt': expiresAt, ':asOf': asOf },
          }),
      );
    }
  }

  /**
   * Sends a single-item update that may meet a transaction in progress on the same item (the
   * counter…): tried again after a pause. Answers false when its condition failed (nothing to do).
   */
  async #retryingConflicts(command: () => UpdateCommand): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.#client.send(command());
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        if (!(error instanceof TransactionConflictException) || attempt >= maxAttempts) throw error;
        await pause(attempt);
      }
    }
  }

  /** Every registration of an event with one of the given statuses, page after page. */
  async *registrationsOf(
    eventId: string,
    statuses: readonly RegistrationStatus[],
  ): AsyncGenerator<Registration> {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :registration)',
          ExpressionAttributeValues: { ':pk': eventKey(eventId), ':registration': 'REG#' },
          // A registration written a moment ago must not be missed (an edit, a reminder).
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) {
        if (statuses.includes(item.status as RegistrationStatus)) yield item as Registration;
      }
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }

  /**
   * Records a request for an event's attendee list, at most one per event per hour (the
   * worker mails the link): nobody can flood the organiser's address.
   */
  async recordAttendeeListRequest(
    request: { eventId: string; slug: string; apiBaseUrl: string },
    now: Date,
  ): Promise<boolean> {
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: {
            pk: eventKey(request.eventId),
            sk: `EXPORT#${now.toISOString().slice(0, 13)}`,
            ...request,
            requestedAt: now.toISOString(),
            expiresAt: Math.floor(now.getTime() / 1000) + 2 * 86_400,
          },
          ConditionExpression: 'attribute_not_exists(sk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** Confirmed registrations per event, for the places left. */
  async confirmedCounts(eventIds: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (let start = 0; start < eventIds.length; start += 100) {
      const keys = eventIds.slice(start, start + 100).map((id) => ({ pk: eventKey(id), sk: counterKey }));
      let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
        [this.#tableName]: { Keys: keys },
      };
      while (request && Object.keys(request).length > 0) {
        const { Responses, UnprocessedKeys } = await this.#client.send(
          new BatchGetCommand({ RequestItems: request }),
        );
        for (const item of Responses?.[this.#tableName] ?? []) {
          counts.set((item.pk as string).slice('EVENT#'.length), (item.confirmed as number | undefined) ?? 0);
        }
        request = UnprocessedKeys as typeof request;
      }
    }
    return counts;
  }
}
