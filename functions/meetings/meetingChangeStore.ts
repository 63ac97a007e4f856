import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type MeetingParticipantItem, meetingPartition, participantKey } from './meetingItems.ts';
import { MeetingStore } from './meetingStore.ts';

/** A participant who registers again gets their link again, at most once a day. */
const linkAgainAfterMs = 86_400_000;

const conditionFailed = (error: unknown) => error instanceof ConditionalCheckFailedException;

/** The `BusinessMeetings` table as the routes change it: registrations, wishes, the grid's changes. */
export class MeetingChangeStore extends MeetingStore {
  /**
   * Records a participant, once per address and event. Again with the same address: the link
   * is mailed again (the item's `linkRequestedAt` changes) at most once a day; the first
   * registration stays as it was (the space changes the wishes).
   */
  async register(
    participant: MeetingParticipantItem,
    now: Date,
  ): Promise<'registered' | 'linkAgain' | 'known'> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: participant,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return 'registered';
    } catch (error) {
      if (!conditionFailed(error)) throw error;
    }
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: participantKey(participant.eventId, participant.id),
          UpdateExpression: 'SET linkRequestedAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND linkRequestedAt < :before',
          ExpressionAttributeValues: {
            ':now': now.toISOString(),
            ':before': new Date(now.getTime() - linkAgainAfterMs).toISOString(),
          },
        }),
      );
      return 'linkAgain';
    } catch (error) {
      if (conditionFailed(error)) return 'known';
      throw error;
    }
  }

  /** Replaces the wishes, while the participant exists; false when they do not (any more). */
  async setWishes(
    eventId: string,
    participantId: string,
    wishes: readonly string[],
    now: Date,
  ): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: participantKey(eventId, participantId),
          // Saving wishes is an act of the address's holder: it confirms, as the button does.
          UpdateExpression: 'SET wishes = :wishes, confirmedAt = if_not_exists(confirmedAt, :now)',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':wishes': wishes, ':now': now.toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  /**
   * Records that the participant confirmed their address (the first time only): their profile is
   * then shown to the other side. The participant as it is now; undefined when gone.
   */
  async confirm(
    eventId: string,
    participantId: string,
    now: Date,
  ): Promise<MeetingParticipantItem | undefined> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: participantKey(eventId, participantId),
          UpdateExpression: 'SET confirmedAt = if_not_exists(confirmedAt, :now)',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':now': now.toISOString() },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes as MeetingParticipantItem;
    } catch (error) {
      if (conditionFailed(error)) return undefined;
      throw error;
    }
  }

  /**
   * Records the organiser's request for the grid's link, at most once an hour per event (the
   * stream worker mails it): whether this request was recorded.
   */
  async requestGridLink(eventId: string, now: Date): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: meetingPartition(eventId),
            sk: `LINK#${now.toISOString().slice(0, 13)}`,
            eventId,
            requestedAt: now.toISOString(),
            expiresAt: Math.floor(now.getTime() / 1000) + 86_400,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }
}
