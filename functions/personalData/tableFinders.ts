import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { MailFeedbackStore } from '../mailFeedback/mailFeedbackStore.ts';
import {
  addressPartitionKey,
  isActiveSuppression,
  suppressedSortKey,
  suppressionRetentionDays,
} from '../shared/mail/suppressionSet.ts';
import { mailboxOf } from '../shared/rateLimits.ts';
import { setting } from '../shared/settings.ts';
import { keyedAddressHash } from '../shared/tokens/keyedAddressHash.ts';
import { subscriberKey } from '../subscriptions/subscriptionStore.ts';
import { type PersonalDataReader, withErasure } from './personalDataFinder.ts';
import { counted, deleteItems, type ItemKey, itemsOf, keysByAddress, queryAll } from './tableItems.ts';

/**
 * The finders of the tables keyed by the address's hash, or indexed by it (registrations:
 * `registrationFinder.ts`; requests: `requestFinder.ts`). Each is a reader and its erasure.
 */

/** Epoch seconds `days` after `from` (as `mailFeedback/feedbackRules.ts` computes it, without its SES schemas and zod). */
const expiresAfterDays = (from: Date, days: number): number =>
  Math.ceil((from.getTime() + days * 86_400_000) / 1000);

/**
 * `MailFeedback`: SES notifications and transient bounces go; the `SUPPRESSED` item is written
 * (or kept) so that nothing is ever mailed to the address again. It runs first.
 */
export const mailFeedbackReader: PersonalDataReader = {
  name: 'mailFeedback',
  description:
    'SES notifications about the address (90 days), its transient bounces (31 days) and its suppression, under its keyed hash. Erasure keeps only the suppression (keyed hash, reason, date; 3 years) so that it is never mailed again.',
  find: (target, subject) =>
    queryAll(target.dynamoDb, {
      TableName: target.tableName('mailFeedback'),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': addressPartitionKey(subject.addressKey) },
      ConsistentRead: true,
    }),
};

export const mailFeedbackFinder = /* @__PURE__ */ withErasure(mailFeedbackReader, async (target, subject) => {
  const tableName = target.tableName('mailFeedback');
  const store = new MailFeedbackStore(target.dynamoDb, tableName);
  const existing = await store.suppression(subject.addressKey);
  const actions: string[] = [];
  if (isActiveSuppression(existing, subject.now)) {
    actions.push(`suppression kept (${existing?.reason} since ${existing?.at})`);
  } else {
    // The self-service request names itself, so its worker may still send the one mail saying it is done.
    const requested = subject.erasureRequestId;
    await store.suppress(subject.addressKey, {
      reason: requested ? 'erasureRequest' : 'operator',
      at: subject.now,
      source: requested ? { kind: 'erasureRequest', erasureRequestId: requested } : { kind: 'operator' },
      expiresAt: expiresAfterDays(subject.now, suppressionRetentionDays),
    });
    actions.push(
      `address suppressed (${requested ? 'erasure request' : 'operator, erasure'}): nothing is mailed to it any more`,
    );
  }
  const items = await mailFeedbackReader.find(target, subject);
  const facts = (items as Record<string, unknown>[])
    .filter((item) => item.sk !== suppressedSortKey)
    .map(({ pk, sk }) => ({ pk, sk }));
  actions.push(
    `${counted(await deleteItems(target.dynamoDb, tableName, facts), 'notification or bounce')} deleted`,
  );
  return actions;
});

/** `Subscribers`: the profile, form-mail slots, unsubscribe marker, and the links' pointers. */
export const subscribersReader: PersonalDataReader = {
  name: 'subscribers',
  description:
    'The newsletter subscription (address, name, choices, consent), the mails the form caused, the unsubscribe marker, and the pointers of its links. Erased whole; the editors’ counters follow (countSubscribers).',
  async find(target, subject) {
    const tableName = target.tableName('subscribers');
    const items = await queryAll(target.dynamoDb, {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': subscriberKey(subject.addressKey) },
      ConsistentRead: true,
    });
    const ids = new Set(
      items.flatMap((item) => [item.id, item.subscriptionId]).filter((id) => typeof id === 'string'),
    );
    const pointers = await itemsOf(
      target.dynamoDb,
      tableName,
      [...ids].map((id) => ({ pk: `SUBID#${id}`, sk: 'POINTER' })),
    );
    return [...items, ...pointers.filter((pointer) => pointer.addressKey === subject.addressKey)];
  },
};

export const subscribersFinder = /* @__PURE__ */ withErasure(subscribersReader, async (target, subject) => {
  const items = (await subscribersReader.find(target, subject)) as Record<string, unknown>[];
  const deleted = await deleteItems(
    target.dynamoDb,
    target.tableName('subscribers'),
    items.map(({ pk, sk }) => ({ pk, sk })),
  );
  return [`${counted(deleted, 'subscription item')} deleted`];
});

/** `ContactMessages`: the messages and de-duplication markers, through the `byAddress` index. */
export const contactMessagesReader: PersonalDataReader = {
  name: 'contactMessages',
  description:
    'Messages sent through the contact form (name, address, topic, text, consent; CONTACT_RETENTION_DAYS, 365 by default) and their 10-minute de-duplication markers, found by the byAddress index. Erased whole.',
  async find(target, subject) {
    const tableName = target.tableName('contactMessages');
    const keys = await keysByAddress(target.dynamoDb, tableName, subject.addressKey, ['pk']);
    return itemsOf(target.dynamoDb, tableName, keys);
  },
};

export const contactMessagesFinder = /* @__PURE__ */ withErasure(
  contactMessagesReader,
  async (target, subject) => {
    const tableName = target.tableName('contactMessages');
    const keys = await keysByAddress(target.dynamoDb, tableName, subject.addressKey, ['pk']);
    return [`${counted(await deleteItems(target.dynamoDb, tableName, keys), 'contact item')} deleted`];
  },
);

/**
 * `RateLimits`: the mailbox's counters (a keyed hash of the mailbox and a count) of the current
 * and the previous window, the only ones not yet expired. Per-client counters are keyed by the
 * network, not the address: nothing leads to them from a person.
 */
function mailboxCounterKeys(addressHashKey: string, address: string, now: Date): ItemKey[] {
  const hash = keyedAddressHash(addressHashKey, `mailbox:${mailboxOf(address)}`);
  const windows = [
    { what: 'MAILBOX', seconds: setting('formMailsPerMailbox').windowSeconds },
    { what: 'DAILY#contactAcknowledgement', seconds: 86_400 },
  ];
  return windows.flatMap(({ what, seconds }) => {
    const current = Math.floor(now.getTime() / 1000 / seconds) * seconds;
    return [current, current - seconds].map((start) => ({ pk: `${what}#${hash}#${start}` }));
  });
}

export const rateLimitsReader: PersonalDataReader = {
  name: 'rateLimits',
  description:
    'How many mails the forms caused to the mailbox in the current window (a keyed hash of the mailbox and a count, deleted after the window). Erased.',
  async find(target, subject) {
    const tableName = target.tableName('rateLimits');
    const keys = mailboxCounterKeys(target.addressHashKey, subject.address, subject.now);
    const found = await Promise.all(
      keys.map((Key) =>
        target.dynamoDb.send(new GetCommand({ TableName: tableName, Key, ConsistentRead: true })),
      ),
    );
    return found.flatMap(({ Item }) => (Item ? [Item] : []));
  },
};

export const rateLimitsFinder = /* @__PURE__ */ withErasure(rateLimitsReader, async (target, subject) => {
  const tableName = target.tableName('rateLimits');
  const items = (await rateLimitsReader.find(target, subject)) as Record<string, unknown>[];
  for (const { pk } of items)
    await target.dynamoDb.send(new DeleteCommand({ TableName: tableName, Key: { pk } }));
  return [`${counted(items.length, 'mailbox counter')} deleted`];
});
