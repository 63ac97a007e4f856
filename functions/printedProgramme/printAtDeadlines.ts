import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { readContent } from '../shared/content/contentReader.ts';
import { logger } from '../shared/logger.ts';
import { scheduledWorker } from '../shared/workers/workers.ts';
import { PrintedProgrammeStore } from './printedProgrammeStore.ts';
import { printProgramme } from './printProgramme.ts';
import { deadlineInstant, isDue } from './programmeDeadline.ts';
import { campaignDeadlinesQuery } from './queries.ts';

const store = new PrintedProgrammeStore(dynamoDbDocumentClient(), tableNameOf('printedProgrammes'));

/** Makes one campaign's deadline edition if no run did or is doing it; whether it made it. */
async function printOnce(campaignId: string, deadline: Date, now: Date): Promise<boolean> {
  if ((await store.deadlineEdition(campaignId, deadline))?.state === 'generated') return false;
  if (!(await store.claimDeadlineEdition(campaignId, deadline, now))) return false;
  // The national booklet; the snapshot of the programme is taken (once) on the way.
  const record = await printProgramme({
    campaignId,
    trigger: 'deadline',
    requestedBy: null,
    now,
    region: null,
    edition: `deadline#${deadline.toISOString()}`,
  });
  if (!record) return false;
  await store.recordDeadlineEdition(campaignId, deadline, {
    fileUrl: record.fileUrl,
    generatedAt: record.generatedAt,
    pages: record.pages,
    events: record.events,
  });
  logger.info('Printed programme made at its deadline', {
    campaign: campaignId,
    pages: record.pages,
    events: record.events,
  });
  return true;
}

/**
 * Scheduled worker: once a campaign's printed-programme deadline has passed (in the last
 * `catchUpDays`), records the programme as it stands (its snapshot, which every later edition of
 * that deadline prints) and makes its printed programme, once. The run claims the campaign's deadline in
 * DynamoDB before the work and records it done after: a second firing finds it claimed or done,
 * and a run that crashed leaves a claim that expires, so the next firing makes it.
 */
export const handler = scheduledWorker({
  name: 'printAtDeadlines',
  run: async () => {
    const now = systemClock.now();
    const { value: campaigns } = await readContent(campaignDeadlinesQuery, {}, { revalidate: true });
    const printed: string[] = [];
    const failed: string[] = [];
    for (const campaign of campaigns) {
      const deadline = deadlineInstant(campaign.printedProgrammeDeadline);
      if (!deadline || !isDue(deadline, now)) continue;
      // One campaign's failure (its claim then expires, and a later run tries again) stops no other.
      try {
        if (await printOnce(campaign._id, deadline, now)) printed.push(campaign._id);
      } catch (error) {
        logger.error('Printed programme failed', { campaign: campaign._id, error });
        failed.push(campaign._id);
      }
    }
    if (failed.length > 0) throw new Error(`Printed programmes failed: ${failed.join(', ')}`);
    return { printed: printed.length, campaigns: printed };
  },
});
