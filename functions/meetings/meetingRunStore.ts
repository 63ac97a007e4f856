import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type MeetingItem, type MeetingRunItem, runKey } from './meetingItems.ts';
import { placeItemsOf } from './meetingPlaces.ts';
import { MeetingStore } from './meetingStore.ts';

/** How long a run may work on one event before another may take over (a crash, a timeout). */
const claimSeconds = 300;

const conditionFailed = (error: unknown) => error instanceof ConditionalCheckFailedException;

/** The `BusinessMeetings` table with the deadline's run: its claim, the grid it stores, its end. */
export class MeetingRunStore extends MeetingStore {
  /**
   * Claims the deadline's work on one event for this run: when no run has, or when a run's claim
   * lapsed before it was done. The state it had is kept (a grid already stored is not made
   * again). Null when another run holds it or everything is done.
   */
  async claimRun(eventId: string, now: Date, expiresAt: number): Promise<MeetingRunItem | null> {
    const nowSeconds = Math.floor(now.getTime() / 1000);
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: runKey(eventId),
          UpdateExpression:
            'SET #state = if_not_exists(#state, :claimed), claimedUntil = :until, expiresAt = :expiresAt',
          ConditionExpression: 'attribute_not_exists(pk) OR (#state <> :mailed AND claimedUntil < :now)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':claimed': 'claimed',
            ':mailed': 'mailed',
            ':until': nowSeconds + claimSeconds,
            ':now': nowSeconds,
            ':expiresAt': expiresAt,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes as MeetingRunItem;
    } catch (error) {
      if (conditionFailed(error)) return null;
      throw error;
    }
  }

  /** Writes the grid's meetings, then records it stored: a later run mails from it, never remakes it. */
  async storeGrid(
    eventId: string,
    meetings: readonly MeetingItem[],
    unmet: number,
    now: Date,
  ): Promise<void> {
    // Each meeting with the places it holds: later changes are locked against each other by them.
    const items = [...meetings, ...placeItemsOf(meetings)];
    for (let start = 0; start < items.length; start += 25) {
      let requests: Record<string, unknown>[] = items
        .slice(start, start + 25)
        .map((item) => ({ PutRequest: { Item: item } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 8) throw new Error('The grid could not be written (unprocessed items)');
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
        const { UnprocessedItems } = await this.client.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }),
        );
        requests = (UnprocessedItems?.[this.tableName] ?? []) as Record<string, unknown>[];
      }
    }
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: runKey(eventId),
        UpdateExpression: 'SET #state = :stored, meetings = :meetings, unmet = :unmet, gridStoredAt = :now',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':stored': 'gridStored',
          ':meetings': meetings.length,
          ':unmet': unmet,
          ':now': now.toISOString(),
        },
      }),
    );
  }

  async markMailed(eventId: string, now: Date): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: runKey(eventId),
        UpdateExpression: 'SET #state = :mailed, mailedAt = :now',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':mailed': 'mailed', ':now': now.toISOString() },
      }),
    );
  }
}
