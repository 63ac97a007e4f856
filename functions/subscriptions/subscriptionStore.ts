import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { DynamoDbTable } from '../shared/dynamoDbTable.ts';
import { formMailsPerDay, type Preferences, type Subscription } from './subscription.ts';

/**
 * The `Subscribers` table. Per address (`pk` = `SUB#<keyed hash of the address>`): the
 * `PROFILE` (the subscription, its choices and consent), up to three `FORMMAIL#<n>` slots (the
 * mails the form caused in the last 24 hours: each slot's insert or renewal is what the worker
 * mails, so the cap and the mail are one write), and `UNSUBSCRIBED` (a keyed hash and a date,
 * never the address). Per subscription: `SUBID#<id>` → the address's key, for the links.
 */
export const subscriberKey = (addressKey: string): string => `SUB#${addressKey}`;
const pointerKey = (id: string) => ({ pk: `SUBID#${id}`, sk: 'POINTER' });
const profileKey = (addressKey: string) => ({ pk: subscriberKey(addressKey), sk: 'PROFILE' });

export type FormMailKind = 'confirmation' | 'preferences';

/** A `FORMMAIL#<n>` slot: one mail the subscription form caused. */
export interface FormMail {
  readonly pk: string;
  readonly sk: string;
  readonly kind: FormMailKind;
  readonly subscriptionId: string;
  readonly requestedAt: string;
  readonly expiresAt: number;
}

const isConditionFailure = (error: unknown) =>
  error instanceof ConditionalCheckFailedException ||
  (error instanceof TransactionCanceledException &&
    (error.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed'));

export class SubscriptionStore extends DynamoDbTable {
  async byAddressKey(addressKey: string): Promise<Subscription | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: profileKey(addressKey), ConsistentRead: true }),
    );
    return (Item as Subscription | undefined) ?? null;
  }

  /** The subscription a link names, if it still exists. */
  async byId(id: string): Promise<Subscription | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: pointerKey(id), ConsistentRead: true }),
    );
    const addressKey = (Item as { addressKey?: string } | undefined)?.addressKey;
    if (!addressKey) return null;
    const subscription = await this.byAddressKey(addressKey);
    return subscription?.id === id ? subscription : null;
  }

  /**
   * Records a pending subscription (new, after an unsubscribe, or the latest choices of a
   * pending one) with its pointer; a confirmed one is never overwritten by the form.
   */
  async savePending(subscription: Subscription): Promise<'saved' | 'confirmedMeanwhile'> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...profileKey(subscription.addressKey), ...subscription },
                ConditionExpression: 'attribute_not_exists(pk) OR #status = :pending',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':pending': 'pending' },
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...pointerKey(subscription.id),
                  addressKey: subscription.addressKey,
                  expiresAt: subscription.expiresAt,
                },
              },
            },
          ],
        }),
      );
      return 'saved';
    } catch (error) {
      if (isConditionFailure(error)) return 'confirmedMeanwhile';
      throw error;
    }
  }

  /**
   * Takes one of the address's form-mail slots: a slot is free when it was never used or
   * was used more than 24 hours ago. Three conditional writes at most, atomic each: however
   * many requests race, no more than `formMailsPerDay` win in any 24 hours.
   */
  async takeFormMailSlot(
    addressKey: string,
    mail: { kind: FormMailKind; subscriptionId: string },
    now: Date,
  ): Promise<boolean> {
    const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
    for (let slot = 1; slot <= formMailsPerDay; slot++) {
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              pk: subscriberKey(addressKey),
              sk: `FORMMAIL#${slot}`,
              ...mail,
              requestedAt: now.toISOString(),
              expiresAt: Math.floor(now.getTime() / 1000) + 2 * 86_400,
            },
            ConditionExpression: 'attribute_not_exists(pk) OR requestedAt <= :dayAgo',
            ExpressionAttributeValues: { ':dayAgo': dayAgo },
          }),
        );
        return true;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
    return false;
  }

  /** At most one preference-link mail a day to a confirmed subscriber. */
  async markPreferencesReminded(addressKey: string, now: Date): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: profileKey(addressKey),
          UpdateExpression: 'SET preferencesRemindedAt = :now',
          ConditionExpression:
            '#status = :confirmed AND (attribute_not_exists(preferencesRemindedAt) OR preferencesRemindedAt <= :dayAgo)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':now': now.toISOString(),
            ':dayAgo': new Date(now.getTime() - 86_400_000).toISOString(),
            ':confirmed': 'confirmed',
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Pending → confirmed, if still pending and not lapsed; the TTL goes (kept until unsubscribed). */
  async confirm(subscription: Subscription, now: Date): Promise<boolean> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: profileKey(subscription.addressKey),
                UpdateExpression:
                  'SET #status = :confirmed, confirmedAt = :now, consent.confirmedAt = :now REMOVE expiresAt, pendingUntil',
                ConditionExpression: '#status = :pending AND id = :id AND pendingUntil > :now',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':confirmed': 'confirmed',
                  ':pending': 'pending',
                  ':id': subscription.id,
                  ':now': now.toISOString(),
                },
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: pointerKey(subscription.id),
                UpdateExpression: 'REMOVE expiresAt',
                ConditionExpression: 'attribute_exists(pk)',
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async updatePreferences(
    subscription: Subscription,
    preferences: Preferences & { name?: string | undefined },
  ): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: profileKey(subscription.addressKey),
          UpdateExpression:
            'SET lists = :lists, regions = :regions, themes = :themes, digest = :digest' +
            (preferences.name !== undefined ? ', #name = :name' : ''),
          ConditionExpression: 'id = :id',
          ExpressionAttributeNames: preferences.name !== undefined ? { '#name': 'name' } : undefined,
          ExpressionAttributeValues: {
            ':lists': preferences.lists,
            ':regions': preferences.regions,
            ':themes': preferences.themes,
            ':digest': preferences.digest,
            ':id': subscription.id,
            ...(preferences.name !== undefined ? { ':name': preferences.name } : {}),
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /**
   * Ends a subscription: the profile and its pointer go, an `UNSUBSCRIBED` marker (keyed hash
   * and date only) stays so that nobody mails that address again by mistake.
   */
  async end(subscription: Pick<Subscription, 'id' | 'addressKey'>, now: Date, reason: string): Promise<void> {
    await this.client.send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: this.tableName, Key: profileKey(subscription.addressKey) } },
          { Delete: { TableName: this.tableName, Key: pointerKey(subscription.id) } },
          {
            Put: {
              TableName: this.tableName,
              Item: {
                pk: subscriberKey(subscription.addressKey),
                sk: 'UNSUBSCRIBED',
                at: now.toISOString(),
                reason,
              },
            },
          },
        ],
      }),
    );
  }

  /** A lapsed pending subscription: nothing is left behind once its link is used too late. */
  async forgetLapsed(subscription: Subscription): Promise<void> {
    await this.client
      .send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Delete: {
                TableName: this.tableName,
                Key: profileKey(subscription.addressKey),
                ConditionExpression: '#status = :pending AND id = :id',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':pending': 'pending', ':id': subscription.id },
              },
            },
            { Delete: { TableName: this.tableName, Key: pointerKey(subscription.id) } },
          ],
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
  }

  /** Removes the `UNSUBSCRIBED` marker when the owner confirms a new subscription. */
  async clearUnsubscribed(addressKey: string): Promise<void> {
    await this.client.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: { pk: subscriberKey(addressKey), sk: 'UNSUBSCRIBED' },
      }),
    );
  }
}
