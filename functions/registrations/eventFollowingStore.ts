import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { writeUnlessConditionFails } from '../shared/conflictRetries.ts';
import { allInBatches } from '../shared/workers/inBatches.ts';
import type { EventSnapshot, Registration } from './registration.ts';
import { counterKey, eventKey, RegistrationTable, registrationKey } from './registrationTable.ts';

/**
 * An item is refreshed only if it still exists (a promoted waiting-list place is gone for good)
 * and holds details older than the edit's, or as old (a retried record).
 */
const newerDetails = 'attribute_exists(sk) AND (attribute_not_exists(eventAsOf) OR eventAsOf <= :asOf)';

/** Registrations follow their event when editors change it: details, retention. */
export class DynamoDbEventFollower extends RegistrationTable {
  /**
   * Gives a registration the event as it now is (what its e-mails and manage page tell) and
   * the retention that goes with it. `asOf` is the edit's version: details never go back to
   * older ones, whatever order edits arrive in. Answers whether it was updated.
   */
  refreshRegistration(
    registration: Pick<Registration, 'eventId' | 'addressKey'>,
    event: EventSnapshot,
    expiresAt: number,
    asOf: string,
  ): Promise<boolean> {
    return writeUnlessConditionFails(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: eventKey(registration.eventId), sk: registrationKey(registration.addressKey) },
          UpdateExpression: 'SET #event = :event, expiresAt = :expiresAt, eventAsOf = :asOf',
          ConditionExpression: newerDetails,
          ExpressionAttributeNames: { '#event': 'event' },
          ExpressionAttributeValues: { ':event': event, ':expiresAt': expiresAt, ':asOf': asOf },
        }),
      ),
    );
  }

  /** Moves the retention of an event's counter, waiting-list places and id pointers with its end date. */
  async refreshEventItems(eventId: string, expiresAt: number, asOf: string): Promise<void> {
    const keys: { pk: string; sk: string }[] = [{ pk: eventKey(eventId), sk: counterKey }];
    for (const prefix of ['WAIT#', 'REGID#']) {
      for await (const item of this.itemsOf(eventId, prefix, 'pk, sk'))
        keys.push(item as { pk: string; sk: string });
    }
    await allInBatches(keys, 8, (key) =>
      writeUnlessConditionFails(() =>
        this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: key,
            UpdateExpression: 'SET expiresAt = :expiresAt, eventAsOf = :asOf',
            ConditionExpression: newerDetails,
            ExpressionAttributeValues: { ':expiresAt': expiresAt, ':asOf': asOf },
          }),
        ),
      ),
    );
  }
}
