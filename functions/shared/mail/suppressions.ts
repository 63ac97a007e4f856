import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDbDocumentClient, tableNameOf } from '../aws.ts';
import { type Clock, systemClock } from '../clock.ts';
import { addressKey } from '../tokens/tokenKeys.ts';
import type { OutgoingEmail } from './outgoingEmail.ts';
import { isActiveSuppression, type SuppressionItem, suppressionItemKey } from './suppressionSet.ts';

/**
 * The suppression check, made once for every mail (the idempotent mailer calls it before each
 * send) and by whoever must know before acting (the subscription form). A function that calls
 * it needs read access to `MailFeedback` and the `ADDRESS_HASH_KEY` secret: `grantedAccess()`
 * adds both to every function that sends mail, `checksSuppressions()` to any other.
 */

/** The `SUPPRESSED` item of an address, by its keyed hash, if it is still in force. */
export async function activeSuppression(
  key: string,
  clock: Clock = systemClock,
): Promise<SuppressionItem | undefined> {
  const { Item } = await dynamoDbDocumentClient().send(
    new GetCommand({
      TableName: tableNameOf('mailFeedback'),
      Key: suppressionItemKey(key),
      // A suppression written a moment ago must already stop the next mail.
      ConsistentRead: true,
    }),
  );
  const item = Item as SuppressionItem | undefined;
  return isActiveSuppression(item, clock.now()) ? item : undefined;
}

/** Whether the address with this keyed hash (`addressKey()`) is suppressed. */
export const isSuppressedKey = async (key: string): Promise<boolean> =>
  (await activeSuppression(key)) !== undefined;

/** Whether nothing may be sent to this address (a hard bounce, complaints, …). */
export const isSuppressed = async (address: string): Promise<boolean> =>
  isSuppressedKey(await addressKey(address));

/**
 * Whether nothing may be sent to this address, but for the suppression the self-service
 * erasure `erasureRequestId` wrote: the mail saying that erasure is done still goes, once.
 */
export const isSuppressedExceptFor =
  (erasureRequestId: string) =>
  async (address: string): Promise<boolean> => {
    const suppression = await activeSuppression(await addressKey(address));
    return suppression !== undefined && suppression.source.erasureRequestId !== erasureRequestId;
  };

/** The e-mail without its suppressed recipients, and how many were dropped. */
export async function withoutSuppressedRecipients(
  email: OutgoingEmail,
  suppressedAddress: (address: string) => Promise<boolean> = isSuppressed,
): Promise<{ readonly email: OutgoingEmail; readonly dropped: number }> {
  const suppressed = await Promise.all(email.to.map((address) => suppressedAddress(address)));
  const to = email.to.filter((_, index) => !suppressed[index]);
  return {
    email: to.length === email.to.length ? email : { ...email, to },
    dropped: email.to.length - to.length,
  };
}

/** Which of these keyed hashes are suppressed now: one BatchGet per 100 (a newsletter chunk is 50). */
export async function suppressedKeys(
  keys: readonly string[],
  clock: Clock = systemClock,
): Promise<Set<string>> {
  const table = tableNameOf('mailFeedback');
  const suppressed = new Set<string>();
  // BatchGetItem takes 100 keys at most; the pages are read at once.
  const pages = Array.from({ length: Math.ceil(keys.length / 100) }, (_, page) =>
    keys.slice(page * 100, page * 100 + 100),
  );
  await Promise.all(
    pages.map(async (page) => {
      let pending: Record<string, unknown>[] = page.map((key) => suppressionItemKey(key));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt === 8) throw new Error('DynamoDB kept suppression keys unprocessed');
        const answer = await dynamoDbDocumentClient().send(
          new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: true } } }),
        );
        for (const item of (answer.Responses?.[table] ?? []) as SuppressionItem[])
          if (isActiveSuppression(item, clock.now())) suppressed.add(item.pk.slice('ADDRESS#'.length));
        pending = answer.UnprocessedKeys?.[table]?.Keys ?? [];
      }
    }),
  );
  return suppressed;
}
