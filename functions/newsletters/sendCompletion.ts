import { systemClock } from '../shared/clock.ts';
import type { NewsletterSendStore } from './newsletterSendStore.ts';
import { publishProgress, recordInArchive } from './sendingProgress.ts';

/**
 * What follows a settled chunk or a planned page: the send finishes once planning is over and
 * every chunk is settled; a finished send goes into the archive and editors see its final
 * figures. Harmless to repeat (a retried record lands here again).
 */
export async function afterChunkSettled(store: NewsletterSendStore, sendId: string): Promise<void> {
  const now = systemClock.now();
  const send = await store.finishIfComplete(sendId, now);
  if (send?.state !== 'finished') {
    await publishProgress(store, sendId, now);
    return;
  }
  await recordInArchive(store, send);
  const shownFinished =
    send.progressPublishedAt !== undefined && send.progressPublishedAt >= (send.finishedAt ?? '');
  if (!shownFinished) await publishProgress(store, sendId, now, true);
}
