import { randomUUID } from 'node:crypto';
import type { SanityClient } from '@sanity/client';

/**
 * A subscription list (not offered on the public form) and a newsletter to it, published as
 * editors would in the Studio: what a sending test sends.
 */
export async function publishListAndNewsletter(
  editor: SanityClient,
  options: { listId: string; listTitle: string; newsletterId: string; subject: string; slug: string },
): Promise<void> {
  await editor
    .transaction()
    .createOrReplace({
      _id: `subscriptionList-${options.listId}`,
      _type: 'subscriptionList',
      title: options.listTitle,
      slug: { _type: 'slug', current: options.listId },
      public: false,
    })
    .createOrReplace({
      _id: options.newsletterId,
      _type: 'newsletter',
      subject: options.subject,
      slug: { _type: 'slug', current: options.slug },
      sections: [],
      audience: {
        lists: [{ _type: 'reference', _ref: `subscriptionList-${options.listId}`, _key: 'l' }],
      },
    })
    .commit();
}

/** Publishes a send request as the Studio's action does; answers its id. */
export async function requestNewsletterSend(
  editor: SanityClient,
  newsletterId: string,
  action = 'send',
): Promise<string> {
  const id = `newsletterSendRequest-${randomUUID()}`;
  await editor.create({
    _id: id,
    _type: 'newsletterSendRequest',
    newsletter: { _type: 'reference', _ref: newsletterId, _weak: true },
    action,
    requestedBy: 'p-essaim-editor',
    requestedAt: new Date().toISOString(),
  });
  return id;
}
