import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { secretDeclarations } from '../../functions/shared/settings.ts';
import { keyedAddressHash } from '../../functions/shared/tokens/keyedAddressHash.ts';
import { SubscriptionStore } from '../../functions/subscriptions/subscriptionStore.ts';
import { localTableName } from '../../infra/local/localEnvironment.ts';
import {
  apiUrl,
  type DeliveredEmail,
  documentClient,
  mailTo,
  postJson,
  uniqueEmail,
  waitForEmails,
} from './support.ts';

/** The keyed hash the local stack files an address under (its `ADDRESS_HASH_KEY`). */
export const localAddressKey = (email: string): string =>
  keyedAddressHash(secretDeclarations.ADDRESS_HASH_KEY.local, email);

/**
 * A confirmed subscriber written straight into the table, as the confirmation would leave it:
 * for audiences of many, or of lists the public form does not offer (a test list).
 */
export async function storedSubscriber(
  email: string,
  lists: string[],
  name?: string,
  choices: { regions?: string[]; themes?: string[]; digest?: 'weekly' | 'monthly' | 'none' } = {},
): Promise<void> {
  const store = new SubscriptionStore(documentClient(), localTableName('subscribers'));
  const now = new Date();
  const subscription = {
    id: randomUUID(),
    addressKey: localAddressKey(email),
    email,
    ...(name ? { name } : {}),
    status: 'pending' as const,
    lists,
    regions: [],
    themes: [],
    digest: 'none' as const,
    ...choices,
    consent: { textVersion: 'test', givenAt: now.toISOString(), source: 'test' },
    createdAt: now.toISOString(),
    // The local stack's clock is fixed in 2027: the link stays valid for it.
    pendingUntil: '2099-01-01T00:00:00.000Z',
    expiresAt: Math.floor(now.getTime() / 1000) + 86_400,
  };
  await store.savePending(subscription);
  expect(await store.confirm(subscription, now)).toBe(true);
}

/** The `jeton` of the link to `page` in a mail's text part. */
export const tokenOfLink = (mail: DeliveredEmail | undefined, page: string): string => {
  const link = mail?.body.text?.match(new RegExp(`(http[^\\s\\]]+/${page}\\.html\\?jeton=[^\\s\\]]+)`))?.[1];
  return link ? (new URL(link).searchParams.get('jeton') ?? '') : '';
};

export const subscribe = (email: string, extra: Record<string, unknown> = {}) =>
  postJson('/subscriptions', { email, lists: ['actualites'], consent: true, ...extra });

/** Subscribes a new address and confirms it from its mail, as its owner would. */
export async function confirmedSubscriber(label: string, choices: Record<string, unknown> = {}) {
  const email = uniqueEmail(label);
  expect((await subscribe(email, { regions: ['53'], digest: 'weekly', ...choices })).status).toBe(202);
  const [confirmation] = mailTo(await waitForEmails((all) => mailTo(all, email).length === 1), email);
  const token = tokenOfLink(confirmation, 'confirmer-abonnement');
  const confirmed = await fetch(`${apiUrl()}/subscriptions/${encodeURIComponent(token)}/confirmation`, {
    method: 'POST',
  });
  expect(confirmed.status).toBe(200);
  const { preferencesToken } = (await confirmed.json()) as { preferencesToken: string };
  return { email, preferencesToken, confirmation };
}
