import { expect } from 'vitest';
import { apiUrl, type DeliveredEmail, mailTo, postJson, uniqueEmail, waitForEmails } from './support.ts';

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
