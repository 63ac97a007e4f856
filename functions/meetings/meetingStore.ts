import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbTable } from '../shared/dynamoDbTable.ts';
import {
  type MeetingItem,
  type MeetingParticipantItem,
  type MeetingRunItem,
  meetingKey,
  meetingPartition,
  participantKey,
  runKey,
} from './meetingItems.ts';

/**
 * The `BusinessMeetings` table, read: participants, the grid and the deadline's run, per event
 * (`MeetingChangeStore` writes what the routes change, `MeetingRunStore` what the deadline does).
 */
export class MeetingStore extends DynamoDbTable {
  async participant(eventId: string, participantId: string): Promise<MeetingParticipantItem | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: participantKey(eventId, participantId),
        ConsistentRead: true,
      }),
    );
    return Item as MeetingParticipantItem | undefined;
  }

  participants(eventId: string): Promise<MeetingParticipantItem[]> {
    return this.itemsUnder<MeetingParticipantItem>(eventId, 'PART#');
  }

  meetings(eventId: string): Promise<MeetingItem[]> {
    return this.itemsUnder<MeetingItem>(eventId, 'MEET#');
  }

  async meeting(eventId: string, meetingId: string): Promise<MeetingItem | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: meetingKey(eventId, meetingId),
        ConsistentRead: true,
      }),
    );
    return Item as MeetingItem | undefined;
  }

  async run(eventId: string): Promise<MeetingRunItem | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: runKey(eventId), ConsistentRead: true }),
    );
    return Item as MeetingRunItem | undefined;
  }

  private async itemsUnder<Item>(eventId: string, prefix: string): Promise<Item[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': meetingPartition(eventId), ':prefix': prefix },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items as unknown as Item[];
  }
}
