import { ConditionalCheckFailedException, type TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { failedItem, untilSettled } from '../shared/conflictRetries.ts';
import { DynamoDbTable } from '../shared/dynamoDbTable.ts';
import type { ContactEmailKind } from './contactEmails.ts';
import type { ContactMessage } from './contactMessage.ts';

export interface RecordOutcome {
  readonly id: string;
  readonly duplicate: boolean;
}

export interface ContactMessageStore {
  /**
   * Stores the message unless a submission with the same fingerprint was stored before
   * `now` within its window; then answers that earlier message's id and stores nothing.
   */
  recordUnlessDuplicate(
    message: ContactMessage,
    fingerprint: string,
    duplicateUntil: Date,
    now: Date,
  ): Promise<RecordOutcome>;
  /** Notes the SES message id of an e-mail sent about a message. */
  markEmailSent(messageId: string, kind: ContactEmailKind, sesMessageId: string): Promise<void>;
}

/** Attribute that holds the SES message id of a sent e-mail, e.g. `acknowledgementSesMessageId`. */
export const sentAttributeOf = (kind: ContactEmailKind): string => `${kind}SesMessageId`;

export const messageKey = (id: string): string => `MESSAGE#${id}`;
export const submissionKey = (fingerprint: string): string => `SUBMISSION#${fingerprint}`;

export class DynamoDbContactMessageStore extends DynamoDbTable implements ContactMessageStore {
  async recordUnlessDuplicate(
    message: ContactMessage,
    fingerprint: string,
    duplicateUntil: Date,
    now: Date,
  ): Promise<RecordOutcome> {
    return untilSettled('Contact message', async () => {
      try {
        // The marker and the message are written together or not at all: the stream sees
        // the message (and its e-mails go out) only if it was not a duplicate.
        await this.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: this.tableName,
                  Item: {
                    pk: submissionKey(fingerprint),
                    messageId: message.id,
                    // The sender's data controller finds the marker too (`byAddress` index).
                    ...(message.addressKey ? { addressKey: message.addressKey } : {}),
                    duplicateUntil: duplicateUntil.toISOString(),
                    expiresAt: Math.ceil(duplicateUntil.getTime() / 1000) + 60,
                  },
                  ConditionExpression: 'attribute_not_exists(pk) OR duplicateUntil <= :now',
                  ExpressionAttributeValues: { ':now': now.toISOString() },
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                },
              },
              {
                Put: {
                  TableName: this.tableName,
                  Item: { pk: messageKey(message.id), ...message },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
          }),
        );
        return { id: message.id, duplicate: false };
      } catch (error) {
        if (failedItem(error) === 0) {
          // The marker refused: a recent identical submission. Its message id came back with the refusal.
          const [marker] = (error as TransactionCanceledException).CancellationReasons ?? [];
          const earlier =
            (marker?.Item?.messageId as { S?: string } | undefined)?.S ??
            (await this.#earlierId(fingerprint));
          if (earlier) return { id: earlier, duplicate: true };
        }
        // A concurrent identical submission is being written: look again.
        return undefined;
      }
    });
  }

  async #earlierId(fingerprint: string): Promise<string | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: submissionKey(fingerprint) },
        ConsistentRead: true,
      }),
    );
    return Item?.messageId as string | undefined;
  }

  async markEmailSent(messageId: string, kind: ContactEmailKind, sesMessageId: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: messageKey(messageId) },
          UpdateExpression: 'SET #sentAttribute = :sesMessageId',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#sentAttribute': sentAttributeOf(kind) },
          ExpressionAttributeValues: { ':sesMessageId': sesMessageId },
        }),
      );
    } catch (error) {
      // The message already reached its retention date and is gone: nothing left to annotate.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
