import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { failedItem, untilSettled } from '../shared/conflictRetries.ts';
import { type Allowance, allowanceUpdate } from '../shared/rateLimits.ts';
import { eventKey, RegistrationTable } from './registrationTable.ts';

/** Requests for attendee lists (`EXPORT#<hour>` items of the event), which the worker mails. */
export class DynamoDbAttendeeListRequests extends RegistrationTable {
  /**
   * Records a request for an event's attendee list, at most one per event per hour, with the
   * client's and the recipients' allowances in the same transaction: nobody can flood the
   * organiser's address, from one event or from many.
   */
  record(
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
