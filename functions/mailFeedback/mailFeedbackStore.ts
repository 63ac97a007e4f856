import {
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import { DynamoDbTable } from '../shared/dynamoDbTable.ts';
import {
  addressPartitionKey,
  type SuppressionItem,
  type SuppressionReason,
  type SuppressionSource,
  suppressedSortKey,
  suppressionItemKey,
  suppressionReasons,
} from '../shared/mail/suppressionSet.ts';
import type { FeedbackFact } from './feedbackRules.ts';

/**
 * The `MailFeedback` table. Every item of an address lives under `ADDRESS#<keyed hash>`; no
 * address is ever stored in clear, and every item has a TTL:
 *
 * | sort key | item |
 * |---|---|
 * | `NOTIFICATION#<SNS message id>` | one SES notification about this address (a fact; its stream drives `applyMailFeedback`) |
 * | `TRANSIENT#<time>#<report id>` | one transient bounce, counted for 30 days |
 * | `SUPPRESSED` | the address is suppressed: `reason`, `at`, `source` (`shared/mail/suppressionSet.ts`) |
 */

/** A fact as stored: the notification about one address, without the address. */
export interface StoredFact extends Omit<FeedbackFact, 'address'> {
  readonly pk: string;
  readonly sk: string;
  readonly snsMessageId: string;
  readonly recordedAt: string;
  readonly expiresAt: number;
}

export const notificationSortKey = (snsMessageId: string): string => `NOTIFICATION#${snsMessageId}`;
export const notificationPrefix = 'NOTIFICATION#';
const transientPrefix = 'TRANSIENT#';

/** The keyed hash of an item's address, from its partition key. */
export const addressKeyOf = (pk: string): string => pk.replace(/^ADDRESS#/, '');

const isConditionFailure = (error: unknown): boolean =>
  (error as { name?: string }).name === 'ConditionalCheckFailedException';

export class MailFeedbackStore extends DynamoDbTable {
  /** The fact of one notification for one address, once: `false` if that SNS message was already recorded. */
  async recordFact(addressKey: string, fact: Omit<StoredFact, 'pk' | 'sk'>): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: addressPartitionKey(addressKey), sk: notificationSortKey(fact.snsMessageId), ...fact },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** One transient bounce; the same report (same time and id) is one item however often it comes. */
  async addTransientBounce(addressKey: string, occurredAt: string, reportId: string, expiresAt: number) {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: addressPartitionKey(addressKey),
          sk: `${transientPrefix}${occurredAt}#${reportId}`,
          occurredAt,
          expiresAt,
        },
      }),
    );
  }

  /** The times of the address's transient bounces between `from` and `to`. */
  async transientBounceTimes(addressKey: string, from: Date, to: Date): Promise<Date[]> {
    const items = await this.queryAll({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': addressPartitionKey(addressKey),
        ':from': `${transientPrefix}${from.toISOString()}`,
        ':to': `${transientPrefix}${to.toISOString()}#\uffff`,
      },
      ConsistentRead: true,
    });
    return items.map((item) => new Date(item.occurredAt as string));
  }

  /**
   * Suppresses the address, unless it already is: the first reason stays, except that a
   * complaint replaces any other (the subscriptions react to it). An expired item is replaced.
   * Answers whether this call wrote the item.
   */
  async suppress(
    addressKey: string,
    suppression: {
      readonly reason: SuppressionReason;
      readonly at: Date;
      readonly source: SuppressionSource;
      readonly expiresAt: number;
    },
  ): Promise<boolean> {
    const item: SuppressionItem = {
      ...suppressionItemKey(addressKey),
      reason: suppression.reason,
      at: suppression.at.toISOString(),
      source: suppression.source,
      expiresAt: suppression.expiresAt,
    };
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression:
            'attribute_not_exists(pk) OR expiresAt <= :now OR (:incoming = :complaint AND #reason <> :complaint)',
          ExpressionAttributeNames: { '#reason': 'reason' },
          ExpressionAttributeValues: {
            ':now': Math.floor(suppression.at.getTime() / 1000),
            ':incoming': suppression.reason,
            ':complaint': 'complaint',
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** The address's `SUPPRESSED` item, expired or not. */
  async suppression(addressKey: string): Promise<SuppressionItem | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: suppressionItemKey(addressKey),
        ConsistentRead: true,
      }),
    );
    return Item as SuppressionItem | undefined;
  }

  /** The facts recorded about the address, oldest first. */
  async factsOf(addressKey: string): Promise<StoredFact[]> {
    const facts = (await this.queryAll({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': addressPartitionKey(addressKey), ':prefix': notificationPrefix },
      ConsistentRead: true,
    })) as unknown as StoredFact[];
    return facts.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  }

  /**
   * Lifts the suppression (the operator's action): deletes the `SUPPRESSED` item and the
   * transient bounces counted so far, so that one more does not suppress the address again at
   * once. The facts stay, as history, until their TTL.
   */
  async lift(
    addressKey: string,
  ): Promise<{ readonly lifted: SuppressionItem | undefined; readonly transientBounces: number }> {
    const { Attributes } = await this.client.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: suppressionItemKey(addressKey),
        ReturnValues: 'ALL_OLD',
      }),
    );
    const transients = await this.queryAll({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': addressPartitionKey(addressKey), ':prefix': transientPrefix },
      ProjectionExpression: 'pk, sk',
      ConsistentRead: true,
    });
    for (let index = 0; index < transients.length; index += 25) {
      let requests: Record<string, unknown>[] | undefined = transients
        .slice(index, index + 25)
        .map((item) => ({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } }));
      while (requests && requests.length > 0) {
        const { UnprocessedItems } = await this.client.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }),
        );
        requests = UnprocessedItems?.[this.tableName] as Record<string, unknown>[] | undefined;
      }
    }
    return { lifted: Attributes as SuppressionItem | undefined, transientBounces: transients.length };
  }

  /** How many addresses are suppressed, by reason (an operator's scan: counts, never addresses). */
  async countSuppressions(now: Date): Promise<Record<SuppressionReason, number>> {
    const counts = Object.fromEntries(suppressionReasons.map((reason) => [reason, 0])) as Record<
      SuppressionReason,
      number
    >;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: 'sk = :suppressed AND expiresAt > :now',
          ExpressionAttributeValues: {
            ':suppressed': suppressedSortKey,
            ':now': Math.floor(now.getTime() / 1000),
          },
          ProjectionExpression: '#reason',
          ExpressionAttributeNames: { '#reason': 'reason' },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const reason = item.reason as SuppressionReason;
        if (Object.hasOwn(counts, reason)) counts[reason] += 1;
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return counts;
  }

  private async queryAll(input: QueryCommandInput): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }
}
