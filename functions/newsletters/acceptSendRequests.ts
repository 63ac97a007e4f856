import type { ContentChange } from '../contentChanges/contentChange.ts';
import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { readContent } from '../shared/content/contentReader.ts';
import { streamWorker } from '../shared/workers/workers.ts';
import { NewsletterSendStore } from './newsletterSendStore.ts';
import { sendRequestQuery } from './sendingQueries.ts';
import { actOnDigestRequest, actOnSendRequest } from './sendRequests.ts';

const store = new NewsletterSendStore(dynamoDbDocumentClient(), tableNameOf('newsletterSends'));

/**
 * Stream worker on content changes: a send request an editor's action published (test, send,
 * schedule, pause, resume, resend to the uncertain; a digest's pause, resume and resend) is
 * acted on once, however many times the webhook is delivered. The request is read back from the
 * Content Lake: what the signed webhook said is only that it exists.
 */
export const handler = streamWorker<ContentChange>({
  name: 'acceptSendRequests',
  inOrder: true,
  handle: async ({ newImage: change, log }) => {
    if (change?.type !== 'newsletterSendRequest' || change.operation !== 'create') return;
    // A request already acted on (a replayed delivery) is neither read again nor rendered again.
    if (await store.wasAccepted(change.documentId)) return;
    const { value: request } = await readContent(
      sendRequestQuery,
      { id: change.documentId },
      { revalidate: true },
    );
    if (!request?.action || !(request.newsletterId || request.digestSend)) {
      log.warn('Send request not found or incomplete: nothing done');
      return;
    }
    const requestedBy = request.requestedBy ?? 'inconnu';
    // Acted on first, then remembered: each action is harmless to repeat, so a crash in between loses nothing.
    const outcome = request.newsletterId
      ? await actOnSendRequest(store, {
          id: request._id,
          newsletterId: request.newsletterId,
          action: request.action,
          sendAt: request.sendAt ?? undefined,
          requestedBy,
          requestedAt: request.requestedAt ?? systemClock.now().toISOString(),
        })
      : await actOnDigestRequest(store, {
          digestSend: request.digestSend ?? '',
          action: request.action,
          requestedBy,
        });
    await store.acceptRequest(request._id, systemClock.now());
    log.info('Send request acted on', { action: request.action, outcome });
  },
});
