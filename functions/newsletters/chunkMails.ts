import type { TokenKeyRing } from '../shared/tokens/signedTokens.ts';
import { subscriberLinks, subscriberListHeaders } from '../subscriptions/listHeaders.ts';
import type { BulkRecipient } from './bulkSend.ts';
import {
  type DigestMaterial,
  digestFor,
  digestSignature,
  isEmptyDigest,
  renderDigestMail,
} from './digestContent.ts';
import { greetingFor, type NewsletterMailParts } from './newsletterMail.ts';
import { type Audience, listThrough } from './newsletterSend.ts';
import type { FrozenRecipient, SendContent } from './sendTypes.ts';

/** Recipients of a chunk who get the same mail: one SendBulkEmail call. */
export interface MailGroup {
  readonly mail: NewsletterMailParts;
  readonly recipients: BulkRecipient[];
}

const digestListTitles = { weekly: 'Résumé de la semaine', monthly: 'Résumé du mois' } as const;

/** Digest mails rendered in this container, by send and content: neighbours often share one. */
const renderedDigests = new Map<string, Promise<NewsletterMailParts>>();
const renderedDigestsKept = 500;

function renderedDigest(sendId: string, signature: string, render: () => Promise<NewsletterMailParts>) {
  const key = `${sendId}|${signature}`;
  let mail = renderedDigests.get(key);
  if (!mail) {
    if (renderedDigests.size >= renderedDigestsKept) renderedDigests.clear();
    mail = render();
    // A failed render is not kept: the next try renders again.
    mail.catch(() => renderedDigests.delete(key));
    renderedDigests.set(key, mail);
  }
  return mail;
}

/**
 * The mails of a chunk's recipients (subscribed, in the audience, not suppressed): a newsletter
 * is one mail for all; a digest is each subscriber's own (their regions, their themes), grouped
 * by content, and a digest that became empty since planning is not sent (`empty`).
 */
export async function chunkMails(options: {
  readonly sendId: string;
  readonly content: SendContent | DigestMaterial;
  readonly audience: Audience;
  readonly subscribers: readonly FrozenRecipient[];
  readonly ring: TokenKeyRing;
  readonly now: Date;
}): Promise<{ groups: MailGroup[]; empty: string[] }> {
  const { content, audience, ring } = options;
  const recipientOf = (subscriber: FrozenRecipient, listTitle: string | undefined): BulkRecipient => {
    const list = listThrough(subscriber, audience);
    return {
      addressKey: subscriber.addressKey,
      email: subscriber.email,
      replacements: { greeting: greetingFor(subscriber.name), ...subscriberLinks(subscriber.id, list, ring) },
      headers: subscriberListHeaders(subscriber.id, { id: list, title: listTitle }, ring),
    };
  };
  if (content.kind !== 'digest') {
    const recipients = options.subscribers.map((subscriber) =>
      recipientOf(subscriber, content.listTitles[listThrough(subscriber, audience)]),
    );
    return { groups: recipients.length ? [{ mail: content, recipients }] : [], empty: [] };
  }
  const empty: string[] = [];
  const bySignature = new Map<string, { mail: Promise<NewsletterMailParts>; recipients: BulkRecipient[] }>();
  for (const subscriber of options.subscribers) {
    const selection = digestFor(content, subscriber);
    if (isEmptyDigest(selection)) {
      empty.push(subscriber.addressKey);
      continue;
    }
    const signature = digestSignature(selection);
    let group = bySignature.get(signature);
    if (!group) {
      group = {
        mail: renderedDigest(options.sendId, signature, () =>
          renderDigestMail(content, selection, options.now),
        ),
        recipients: [],
      };
      bySignature.set(signature, group);
    }
    group.recipients.push(recipientOf(subscriber, digestListTitles[content.frequency]));
  }
  const groups = await Promise.all(
    [...bySignature.values()].map(async (group) => ({
      mail: await group.mail,
      recipients: group.recipients,
    })),
  );
  return { groups, empty };
}
