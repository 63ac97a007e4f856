import type { ContentChange } from '../contentChanges/contentChange.ts';
import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { readContent } from '../shared/content/contentReader.ts';
import { currentSiteSettings } from '../shared/content/siteSettings.ts';
import { idempotentMailer } from '../shared/mail/idempotentMailer.ts';
import { eventPageUrl } from '../shared/pageLinks.ts';
import { streamWorker } from '../shared/workers/workers.ts';
import { documentsById } from './contentLakeWrites.ts';
import { confirmDecision, decisionKey } from './moderationDecisions.ts';
import { publicationNotice, refusalNotice } from './moderationEmails.ts';
import { moderationDecisionRequestQuery } from './queries.ts';
import { DynamoDbSubmissionStore } from './submissionStore.ts';

const store = new DynamoDbSubmissionStore(dynamoDbDocumentClient(), tableNameOf('eventSubmissions'));

/**
 * Stream worker on content changes: a moderator's « Publier » or « Refuser » of a submitted
 * event (a `moderationDecision` request the Studio published with the decision) tells the
 * organiser once. The signed webhook only says that the request exists; the request is read back
 * from the Content Lake, then the event (drafts included, with the robot token) must bear the
 * decision. The organiser's address comes from the submission (`EventSubmissions`), never from
 * the Content Lake. Once per decision whatever the retries and replays: the decision is claimed
 * for its request in the table (another request of the same decision finds it claimed) and
 * mailed under its key by the idempotent mailer (the same request's retries send nothing more).
 */
export const handler = streamWorker<ContentChange>({
  name: 'mailModerationDecisions',
  mailer: idempotentMailer,
  handle: async ({ newImage: change, log }, mail) => {
    // A request the webhook missed comes as the resync's `update`; requests are never edited.
    if (change?.type !== 'moderationDecision' || change.operation === 'delete') return;
    const { value: request } = await readContent(
      moderationDecisionRequestQuery,
      { id: change.documentId },
      { revalidate: true },
    );
    if (!request?.eventId) {
      log.warn('Moderation decision request not found or without an event: nothing done');
      return;
    }
    const documents = await documentsById([request.eventId, `drafts.${request.eventId}`]);
    const decision = confirmDecision(request.decision, request.eventId, documents);
    if (!decision) {
      log.info('The event does not bear the decision (changed since, or not submitted): nobody told', {
        decision: request.decision,
      });
      return;
    }
    const submission = await store.get(decision.submissionId);
    if (!submission) {
      log.info('The submission is gone (erased or expired): nobody told', { decision: decision.decision });
      return;
    }
    const key = decisionKey(decision);
    if ((await store.claimDecision(key, request._id, submission.expiresAt)) === 'decidedBefore') {
      log.info('The same decision was told before: nothing sent', { decision: decision.decision });
      return;
    }
    const { brand } = await currentSiteSettings();
    const context = {
      brand,
      to: submission.contact.email,
      campaignTitle: submission.campaign.title,
      eventUrl: decision.decision === 'published' ? eventPageUrl(decision.slug) : null,
    };
    const email =
      decision.decision === 'published'
        ? await publicationNotice(decision, context)
        : await refusalNotice(decision, context);
    await mail.sendOnce(key, email);
    log.info('Moderation decision mailed to the organiser (once under its key)', {
      decision: decision.decision,
    });
  },
});
