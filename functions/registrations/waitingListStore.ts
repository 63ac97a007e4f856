import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { failedItem, untilSettled } from '../shared/conflictRetries.ts';
import { countMetric } from '../shared/metrics.ts';
import type { Registration } from './registration.ts';
import { counterKey, eventKey, RegistrationTable, registrationKey } from './registrationTable.ts';

/** The waiting list of events: free places go to the first people waiting, once each. */
export class DynamoDbWaitingList extends RegistrationTable {
  /**
   * Gives a free place to the first person waiting, if the event has one: at most one person
   * per free place, whatever the number of concurrent cancellations. Answers who was promoted.
   */
  promoteNext(eventId: string, capacity: number | null, now: Date): Promise<Registration | null> {
    return untilSettled('Promotion', async () => {
      const { Items = [] } = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :waiting)',
          ExpressionAttributeValues: { ':pk': eventKey(eventId), ':waiting': 'WAIT#' },
          Limit: 1,
          ConsistentRead: true,
        }),
      );
      const first = Items[0] as { sk: string; addressKey: string } | undefined;
      if (!first) return null;
      try {
        await this.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: this.tableName,
                  Key: { pk: eventKey(eventId), sk: counterKey },
                  UpdateExpression:
                    'SET confirmed = if_not_exists(confirmed, :zero) + :one, taken = if_not_exists(taken, :zero) + :one, waitlisted = waitlisted - :one',
                  // A place is free when fewer are taken (confirmed or held) than there are.
                  ...(capacity === null
                    ? { ExpressionAttributeValues: { ':one': 1, ':zero': 0 } }
                    : {
                        ConditionExpression: 'attribute_not_exists(taken) OR taken < :capacity',
                        ExpressionAttributeValues: { ':one': 1, ':zero': 0, ':capacity': capacity },
                      }),
                },
              },
              {
                Delete: {
                  TableName: this.tableName,
                  Key: { pk: eventKey(eventId), sk: first.sk },
                  ConditionExpression: 'attribute_exists(sk)',
                },
              },
              {
                Update: {
                  TableName: this.tableName,
                  Key: { pk: eventKey(eventId), sk: registrationKey(first.addressKey) },
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
        countMetric('registrationsPromoted');
        return (await this.find(eventId, first.addressKey)) ?? null;
      } catch (error) {
        // The counter refused: the place was already given.
        if (failedItem(error) === 0) return null;
        return undefined;
      }
    });
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
}
