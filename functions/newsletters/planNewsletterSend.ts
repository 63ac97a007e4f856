import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { streamWorker } from '../shared/workers/workers.ts';
import type { Subscription } from '../subscriptions/subscription.ts';
import { type DigestMaterial, digestFor, isEmptyDigest } from './digestContent.ts';
import { isInAudience } from './newsletterSend.ts';
import { NewsletterSendStore, type SendRecord } from './newsletterSendStore.ts';
import { afterChunkSettled } from './sendCompletion.ts';
import { bulkSendRate, chunkSizeFor } from './sendingPace.ts';
import type { FrozenRecipient } from './sendTypes.ts';

const store = new NewsletterSendStore(dynamoDbDocumentClient(), tableNameOf('newsletterSends'));
/** A digest's material, read once per container and send (frozen: it never changes). */
const materials = new Map<string, DigestMaterial>();
async function digestMaterialOf(sendId: string): Promise<DigestMaterial> {
  let material = materials.get(sendId);
  if (!material) {
    const content = await store.content(sendId);
    if (content?.kind !== 'digest') throw new Error('A digest without its material');
    material = content;
    materials.set(sendId, material);
  }
  return material;
}
/** What the chunk's mails need of a subscriber, and nothing else (no consent, no dates). */
const frozenRecipient = ({
  id,
  addressKey,
  email,
  name,
  status,
  lists,
  regions,
  themes,
  digest,
}: Subscription) => ({
  id,
  addressKey,
  email,
  ...(name ? { name } : {}),
  status,
  lists,
  regions,
  themes,
  digest,
});

/** Items of the Subscribers table read per page (profiles are one kind of item among others). */
const pageSize = 1000;

/**
 * Stream worker on the sends' state: freezes the audience of a send being planned, one page of
 * subscribers at a time. Each page's chunks and the checkpoint are one transaction, and the
 * checkpoint's change is the next stream record: a crash or a retry never plans a recipient
 * twice, and a planning of any size never meets a Lambda timeout.
 */
export const handler = streamWorker<SendRecord & { sk: string }>({
  name: 'planNewsletterSend',
  handle: async ({ newImage }) => {
    if (newImage?.sk !== 'STATE' || newImage.state !== 'planning') return;
    const send = await store.state(newImage.sendId);
    if (send?.state !== 'planning') return;
    const page = await store.subscriberPage(tableNameOf('subscribers'), send.planCursor, pageSize);
    const inAudience = (page.items as unknown as Subscription[]).filter((subscriber) =>
      isInAudience(subscriber, send.audience),
    );
    // A digest with nothing new for its subscriber is not sent.
    const material = send.kind === 'digest' ? await digestMaterialOf(send.sendId) : undefined;
    const recipients = inAudience
      .filter((subscriber) => !material || !isEmptyDigest(digestFor(material, subscriber)))
      .map(frozenRecipient);
    // A chunk is one call: no bigger than what the account may send in a second.
    const size = Math.min(send.chunkSize, chunkSizeFor(await bulkSendRate()));
    const chunks: FrozenRecipient[][] = [];
    for (let start = 0; start < recipients.length; start += size)
      chunks.push(recipients.slice(start, start + size));
    // Someone else planned this page already (a duplicate record): their checkpoint stands.
    const empty = inAudience.length - recipients.length;
    if (!(await store.planPage(send, chunks, page.next, systemClock.now(), empty))) return;
    await afterChunkSettled(store, send.sendId);
  },
});
