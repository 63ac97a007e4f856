import { contentReadToken, queryContentLake } from '../shared/content/contentLakeQuery.ts';
import type {
  CampaignByIdForSubmissionsQueryResult,
  RegionByCodeQueryResult,
} from '../shared/content/sanity.types.ts';
import { currentSiteSettings } from '../shared/content/siteSettings.ts';
import { idempotentMailer } from '../shared/mail/idempotentMailer.ts';
import { setting } from '../shared/settings.ts';
import { tokenKeyRing } from '../shared/tokens/tokenKeys.ts';
import { streamWorker } from '../shared/workers/workers.ts';
import { deadlineInstant } from './campaignCalendar.ts';
import { eventDocumentId } from './eventDrafts.ts';
import { campaignByIdForSubmissionsQuery, regionByCodeQuery } from './queries.ts';
import type { Submission } from './submission.ts';
import { chamberNotification, submissionAcknowledgement } from './submissionEmails.ts';
import { signSubmissionToken, studioDocumentUrl, submissionPageUrl } from './submissionLinks.ts';

/**
 * Stream worker of new submissions (`INSERT` of `SUBMISSION#…`): the organiser's
 * acknowledgement with the signed link to edit it, and the notice to the chamber of its region
 * (`cress.email` of the region document) with the link to the document in the Studio, unless
 * that chamber chose a daily summary (`mailDailySubmissionSummaries`). Each is sent once per
 * submission (the idempotent mailer); edits mail nobody.
 */
export const handler = streamWorker<Submission>({
  name: 'mailSubmissionReceipts',
  mailer: idempotentMailer,
  handle: async ({ newImage: submission, log }, mail) => {
    if (!submission) return;
    const token = await contentReadToken();
    const [{ brand }, campaign, region] = await Promise.all([
      currentSiteSettings(),
      queryContentLake<CampaignByIdForSubmissionsQueryResult>(
        campaignByIdForSubmissionsQuery,
        { id: submission.campaign.id },
        token,
      ),
      queryContentLake<RegionByCodeQueryResult>(
        regionByCodeQuery,
        { code: submission.event.regionCode },
        token,
      ),
    ]);
    const editUrl = submissionPageUrl(signSubmissionToken(submission.id, await tokenKeyRing()));
    const acknowledgement = await submissionAcknowledgement(submission, {
      brand,
      editUrl,
      editableUntil: deadlineInstant(campaign?.submissionsCloseAt),
    });
    await mail.sendOnce(`${submission.id}#acknowledgement`, acknowledgement);
    if (region?.chamberNotices === 'daily') {
      log.info('The chamber takes a daily summary: no mail for this submission', {
        regionCode: submission.event.regionCode,
      });
      return;
    }
    if (!region?.chamberEmail) {
      log.warn('No chamber address for the submission’s region', { regionCode: submission.event.regionCode });
      return;
    }
    const notice = await chamberNotification(submission, {
      brand,
      chamberEmail: region.chamberEmail,
      regionName: region.name ?? '',
      studioUrl: studioDocumentUrl(setting('studioUrl'), eventDocumentId(submission.id, 0)),
    });
    await mail.sendOnce(`${submission.id}#chamber`, notice);
    log.info('Submission mails sent', { submissionId: submission.id });
  },
});
