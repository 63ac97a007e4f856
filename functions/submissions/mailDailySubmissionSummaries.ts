import { systemClock } from '../shared/clock.ts';
import { contentReadToken, queryContentLake } from '../shared/content/contentLakeQuery.ts';
import type {
  DailySummaryRegionsQueryResult,
  SubmittedInPeriodQueryResult,
} from '../shared/content/sanity.types.ts';
import { currentSiteSettings } from '../shared/content/siteSettings.ts';
import { idempotentMailer } from '../shared/mail/idempotentMailer.ts';
import { setting } from '../shared/settings.ts';
import { scheduledWorker } from '../shared/workers/workers.ts';
import { queryWithDrafts } from './contentLakeWrites.ts';
import { chamberDailySummary, previousParisDay, summaryLines } from './dailySummaries.ts';
import { eventDocumentId } from './eventDrafts.ts';
import { dailySummaryRegionsQuery, submittedInPeriodQuery } from './queries.ts';
import { studioDocumentUrl } from './submissionLinks.ts';

/**
 * Scheduled (hourly): to each chamber that chose the daily summary, the submissions of the Paris
 * day before, read from the Content Lake (drafts included, robot token). Once per chamber and
 * day under the idempotent mailer's key (`summary#<region>#<day>`), however often it fires; a
 * day without submissions mails nothing.
 */
export const handler = scheduledWorker({
  name: 'mailDailySubmissionSummaries',
  mailer: idempotentMailer,
  run: async (mail) => {
    const period = previousParisDay(systemClock.now());
    const regions = await queryContentLake<DailySummaryRegionsQueryResult>(
      dailySummaryRegionsQuery,
      {},
      await contentReadToken(),
    );
    if (regions.length === 0) return { summaries: 0 };
    const rows = await queryWithDrafts<SubmittedInPeriodQueryResult>(submittedInPeriodQuery, {
      regions: regions.map((region) => region._id),
      from: period.from.toISOString(),
      to: period.to.toISOString(),
    });
    const { brand } = await currentSiteSettings();
    let summaries = 0;
    for (const region of regions) {
      const lines = summaryLines(rows.filter((row) => row.regionId === region._id));
      if (lines.length === 0 || !region.chamberEmail) continue;
      const summary = await chamberDailySummary(lines, {
        brand,
        chamberEmail: region.chamberEmail,
        regionName: region.name ?? '',
        day: period.day,
        studioUrlOf: (submission) => studioDocumentUrl(setting('studioUrl'), eventDocumentId(submission, 0)),
      });
      await mail.sendOnce(`summary#${region._id}#${period.day}`, summary);
      summaries++;
    }
    return { summaries };
  },
});
