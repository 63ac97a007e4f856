import { privateDocumentPrefix, replacePrivateDocument } from '../shared/content/privateDocuments.ts';
import { archivedKey, sendKey } from './newsletterArchive.ts';
import { remainingOf } from './newsletterSend.ts';
import type { NewsletterSendStore, SendRecord } from './newsletterSendStore.ts';

/** Editors see the progress at most this often while sending (one Content Lake write each time). */
const progressEveryMilliseconds = 3000;

/** The private document the Studio shows beside a newsletter: counts only, never an address. */
export const sendingDocumentId = (newsletterId: string) =>
  `${privateDocumentPrefix}newsletterSending.${newsletterId}` as const;

export function sendingDocument(send: SendRecord, now: Date) {
  return {
    _id: sendingDocumentId(send.newsletterId),
    _type: 'essaimNewsletterSending',
    // A digest's figures are listed in the Studio beside the digests' settings, not a newsletter.
    kind: send.kind === 'digest' ? 'digest' : 'send',
    newsletterId: send.newsletterId,
    state: send.state,
    audienceSize: send.audienceSize,
    sent: send.sent,
    failed: send.failed,
    suppressed: send.suppressed,
    unsubscribed: send.unsubscribed,
    uncertain: send.uncertain,
    remaining: remainingOf(send),
    planning: send.state === 'planning',
    ...(send.sendAt ? { sendAt: send.sendAt } : {}),
    ...(send.startedAt ? { startedAt: send.startedAt } : {}),
    ...(send.finishedAt ? { finishedAt: send.finishedAt } : {}),
    ...(send.pauseReason ? { pauseReason: send.pauseReason } : {}),
    updatedAt: now.toISOString(),
  };
}

/** When this container last tried to show each send's progress (wall-clock milliseconds). */
const lastTried = new Map<string, number>();

/**
 * Shows editors where a real send or a digest stands (test sends have no progress): every few
 * seconds at most while sending, always when `force` (a change of state). Throws if the Content
 * Lake refuses, so the stream record is tried again.
 */
export async function publishProgress(
  store: NewsletterSendStore,
  sendId: string,
  now: Date,
  force = false,
): Promise<void> {
  // Wall-clock time, not the domain's clock (which tests and demos may fix): this paces writes.
  const wallNow = new Date();
  // This container tried a moment ago: no write to learn that the slot is taken.
  if (!force && wallNow.getTime() - (lastTried.get(sendId) ?? 0) < progressEveryMilliseconds) return;
  lastTried.set(sendId, wallNow.getTime());
  const before = new Date(wallNow.getTime() - progressEveryMilliseconds);
  if (!(await store.takeProgressSlot(sendId, wallNow, before, force))) return;
  const send = await store.state(sendId);
  if (send?.kind !== 'send' && send?.kind !== 'digest') return;
  await replacePrivateDocument(sendingDocument(send, now));
  await store.markProgressShown(sendId, send.state);
}

/** What the archive reads: a real send finished (`SEND#<newsletter id>` / `ARCHIVED`). */
export async function recordInArchive(store: NewsletterSendStore, send: SendRecord): Promise<void> {
  if (send.kind !== 'send' || !send.finishedAt) return;
  await store.putIfAbsent({ pk: sendKey(send.newsletterId), sk: archivedKey, sentAt: send.finishedAt });
}
