import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { readContent } from '../shared/content/contentReader.ts';
import { currentSiteSettings } from '../shared/content/siteSettings.ts';
import { scheduledWorker } from '../shared/workers/workers.ts';
import type { DigestArticle, DigestEvent, DigestMaterial } from './digestContent.ts';
import { type DigestSchedule, type DueDigest, digestScheduleOf, dueDigests } from './digestSchedule.ts';
import { chunkSize, noCountsYet } from './newsletterSend.ts';
import { NewsletterSendStore, type StoredSendRecord } from './newsletterSendStore.ts';
import { digestMaterialQuery, digestSettingsQuery } from './queries.ts';

const store = new NewsletterSendStore(dynamoDbDocumentClient(), tableNameOf('newsletterSends'));

/** What a period's digests are made of, read from the Content Lake once, when it starts. */
async function digestMaterial(
  due: DueDigest,
  schedule: DigestSchedule,
  introduction: string | null,
): Promise<DigestMaterial> {
  const eventsUntil = new Date(due.dueAt.getTime() + schedule.eventWeeks * 7 * 86_400_000);
  const [{ value }, { brand }] = await Promise.all([
    readContent(
      digestMaterialQuery,
      {
        since: due.since.toISOString(),
        until: due.dueAt.toISOString(),
        eventsUntil: eventsUntil.toISOString(),
      },
      { revalidate: true },
    ),
    currentSiteSettings(),
  ]);
  const eventsByRegion: Record<string, DigestEvent[]> = {};
  const regionNames: Record<string, string> = {};
  for (const region of value.regions) {
    if (!region.code) continue;
    regionNames[region.code] = region.name ?? region.code;
    if (region.events.length > 0)
      eventsByRegion[region.code] = region.events.map((event) => ({ ...event, region: region.code }));
  }
  return {
    kind: 'digest',
    frequency: due.frequency,
    dueAt: due.dueAt.toISOString(),
    since: due.since.toISOString(),
    eventsUntil: eventsUntil.toISOString(),
    introduction: introduction?.trim() || null,
    fromName: brand.siteName,
    brand,
    articles: value.articles as DigestArticle[],
    eventsByRegion,
    regionNames,
  };
}

/**
 * Scheduled worker (every 15 minutes): starts each period's digest once its time has come, as
 * editors set it in the Studio. A digest is a send whose id names its period
 * (`digest-weekly-2027-11-08`), created only if absent: a schedule that fires twice, or a retry
 * after a crash, starts it once. Then the newsletters' path takes it: the audience (those who
 * chose this frequency, with something new for them) frozen page by page, chunks, outcomes.
 */
export const handler = scheduledWorker({
  name: 'startDigests',
  run: async () => {
    const now = systemClock.now();
    const { value: settings } = await readContent(digestSettingsQuery, {}, { revalidate: true });
    const schedule = digestScheduleOf(settings);
    const started: string[] = [];
    for (const due of dueDigests(schedule, now)) {
      // Started already: its material is not read again.
      if (await store.stateWithoutCounts(due.sendId)) continue;
      const material = await digestMaterial(due, schedule, settings?.introduction ?? null);
      const record: StoredSendRecord = {
        sendId: due.sendId,
        newsletterId: due.sendId,
        kind: 'digest',
        state: 'planning',
        audience: { lists: [], regions: [], themes: [], digest: due.frequency },
        ...noCountsYet,
        requestedBy: 'calendrier des résumés',
        requestedAt: now.toISOString(),
        startedAt: now.toISOString(),
        chunkSize,
      };
      if (await store.create(record, material)) started.push(due.sendId);
    }
    return { started: started.length, digests: started };
  },
});
