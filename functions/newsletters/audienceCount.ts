import { tableNameOf } from '../shared/aws.ts';
import { readContent } from '../shared/content/contentReader.ts';
import { privateDocumentPrefix, replacePrivateDocument } from '../shared/content/privateDocuments.ts';
import type { Subscription } from '../subscriptions/subscription.ts';
import { type Audience, isInAudience } from './newsletterSend.ts';
import type { NewsletterSendStore } from './newsletterSendStore.ts';
import { newsletterForMailQuery } from './queries.ts';

/** The private document where editors read a newsletter's exact audience before « Envoyer ». */
export const audienceDocumentId = (newsletterId: string) =>
  `${privateDocumentPrefix}newsletterAudience.${newsletterId}` as const;

/** The strings of a GROQ projection's array (a dangling reference projects to null). */
export const textsOf = (values: readonly unknown[] | null | undefined): string[] =>
  (values ?? []).filter((value): value is string => typeof value === 'string');

/** A published newsletter's audience rule: its lists, narrowed by its regions and themes. */
export const audienceOf = (newsletter: {
  audience?: { lists?: unknown[] | null; regions?: unknown[] | null; themes?: unknown[] | null } | null;
}): Audience => ({
  lists: textsOf(newsletter.audience?.lists),
  regions: textsOf(newsletter.audience?.regions),
  themes: textsOf(newsletter.audience?.themes),
});

/**
 * Counts, exactly, whom « Envoyer » would send the published newsletter to now — the planner's
 * rule over the same pages of subscribers — and shows it to editors on a private path (counts
 * only; readers without a token see nothing). The dialog asks when it opens, and waits for the
 * answer to its own request.
 */
export async function countAudience(
  store: NewsletterSendStore,
  request: { readonly id: string; readonly newsletterId: string },
  now: Date,
): Promise<'counted' | 'newsletterNotFound'> {
  const { newsletterId } = request;
  const { value: newsletter } = await readContent(
    newsletterForMailQuery,
    { id: newsletterId },
    { revalidate: true },
  );
  if (!newsletter) return 'newsletterNotFound';
  const audience = audienceOf(newsletter);
  let audienceSize = 0;
  let cursor: Record<string, unknown> | undefined;
  if (audience.lists.length > 0)
    do {
      const page = await store.subscriberPage(tableNameOf('subscribers'), cursor, 1000);
      for (const subscriber of page.items as unknown as Subscription[])
        if (isInAudience(subscriber, audience)) audienceSize += 1;
      cursor = page.next;
    } while (cursor);
  const document = {
    _id: audienceDocumentId(newsletterId),
    _type: 'essaimNewsletterAudience',
    newsletterId,
    newsletterRevision: newsletter._rev,
    audienceSize,
    countedAt: now.toISOString(),
    // The dialog that asked waits for its own request's answer.
    requestId: request.id,
  };
  await replacePrivateDocument(document);
  return 'counted';
}
