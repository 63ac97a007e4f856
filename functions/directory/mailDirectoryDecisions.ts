import type { ContentChange } from '../contentChanges/contentChange.ts';
import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { readContent } from '../shared/content/contentReader.ts';
import { currentSiteSettings } from '../shared/content/siteSettings.ts';
import { idempotentMailer } from '../shared/mail/idempotentMailer.ts';
import { pageUrl } from '../shared/pageLinks.ts';
import { tokenKeyRing } from '../shared/tokens/tokenKeys.ts';
import { streamWorker } from '../shared/workers/workers.ts';
import { documentsById } from '../submissions/contentLakeWrites.ts';
import { directoryPublicationNotice, directoryRefusalNotice } from './directoryDecisionEmails.ts';
import { confirmDirectoryDecision, directoryDecisionKey } from './directoryDecisions.ts';
import { directoryEntryPageUrl, signDirectoryToken } from './directoryLinks.ts';
import { DynamoDbDirectoryStore } from './directoryStore.ts';
import { directoryDecisionRequestQuery } from './queries.ts';

const directoryStore = new DynamoDbDirectoryStore(dynamoDbDocumentClient(), tableNameOf('directoryEntries'));

/**
 * Stream worker on content changes: an editor's « Publier » or « Refuser » of a member's entry (a
 * `directoryDecision` request the Studio published with the decision) tells the member once, as
 * `mailModerationDecisions` does for submitted events. The signed webhook only says that the
 * request exists: the request is read back from the Content Lake, then the entry (drafts
 * included, robot token) must bear the decision. The member's address and link come from the
 * `DirectoryEntries` table, never from the Content Lake. Once per decision whatever the retries
 * and replays: claimed for its request in the table, then mailed under its key by the idempotent
 * mailer.
 */
export const handler = streamWorker<ContentChange>({
  name: 'mailDirectoryDecisions',
  mailer: idempotentMailer,
  handle: async ({ newImage: change, log }, mail) => {
    // A request the webhook missed comes as the resync's `update`; requests are never edited.
    if (change?.type !== 'directoryDecision' || change.operation === 'delete') return;
    const { value: request } = await readContent(
      directoryDecisionRequestQuery,
      { id: change.documentId },
      { revalidate: true },
    );
    if (!request?.entryId) {
      log.warn('Directory decision request not found or without an entry: nothing done');
      return;
    }
    const documents = await documentsById([request.entryId, `drafts.${request.entryId}`]);
    const decision = confirmDirectoryDecision(request.decision, request.entryId, documents);
    if (!decision) {
      log.info('The entry does not bear the decision (changed since, or an editor’s own): nobody told', {
        decision: request.decision,
      });
      return;
    }
    const entry = await directoryStore.get(decision.entryId);
    if (entry?.status !== 'confirmed') {
      log.info('The entry is gone (deleted, erased or expired): nobody told', {
        decision: decision.decision,
      });
      return;
    }
    const key = directoryDecisionKey(decision, entry.requestedAt);
    if ((await directoryStore.claimDecision(key, request._id, entry.expiresAt)) === 'decidedBefore') {
      log.info('The same decision was told before: nothing sent', { decision: decision.decision });
      return;
    }
    const [{ brand }, ring] = await Promise.all([currentSiteSettings(), tokenKeyRing()]);
    const context = {
      brand,
      to: entry.email,
      entryUrl: directoryEntryPageUrl(signDirectoryToken(entry.id, entry.linkNonce, ring)),
      directoryUrl: pageUrl('directory'),
    };
    const email =
      decision.decision === 'published'
        ? await directoryPublicationNotice(decision, context)
        : await directoryRefusalNotice(decision, context);
    await mail.sendOnce(`directory#${key}`, email);
    log.info('Directory decision mailed to the member (once under its key)', {
      entryId: entry.id,
      decision: decision.decision,
    });
  },
});
