import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { readContent } from '../shared/content/contentReader.ts';
import { currentSiteSettings, type SiteBrand } from '../shared/content/siteSettings.ts';
import { logger } from '../shared/logger.ts';
import type { IdempotentMailer } from '../shared/mail/idempotentMailer.ts';
import { idempotentMailer } from '../shared/mail/idempotentMailer.ts';
import type { TokenKeyRing } from '../shared/tokens/signedTokens.ts';
import { tokenKeyRing } from '../shared/tokens/tokenKeys.ts';
import { inBatches } from '../shared/workers/inBatches.ts';
import { scheduledWorker } from '../shared/workers/workers.ts';
import { scheduleEmail } from './meetingEmails.ts';
import { type MeetingEvent, meetingEventOf, retentionEnd } from './meetingEvent.ts';
import { gridOf } from './meetingGrid.ts';
import { publicProfileOf } from './meetingItems.ts';
import { participantSpaceUrl, signParticipantToken } from './meetingLinks.ts';
import { MeetingRunStore } from './meetingRunStore.ts';
import { personalMeetings } from './meetingSpace.ts';
import { organiserGridEmail } from './organiserGridMail.ts';
import { businessMeetingsDueQuery } from './queries.ts';

/** Deadlines older than this are not acted on any more (a stack deployed long after). */
const catchUpDays = 7;
const concurrentSends = 8;

const meetingStore = new MeetingRunStore(dynamoDbDocumentClient(), tableNameOf('businessMeetings'));

type Mail = { sendOnce: IdempotentMailer['sendOnce'] };

/** Mails every participant their schedule, and the organiser the grid's link: each once. */
async function mailSchedules(event: MeetingEvent, mail: Mail, brand: SiteBrand, ring: TokenKeyRing) {
  const [participants, meetings] = await Promise.all([
    meetingStore.participants(event.id),
    meetingStore.meetings(event.id),
  ]);
  const profiles = new Map(participants.map((participant) => [participant.id, publicProfileOf(participant)]));
  const outcome = await inBatches(participants, concurrentSends, async (participant) => {
    const spaceUrl = participantSpaceUrl(signParticipantToken(event.id, participant.id, ring));
    const own = personalMeetings(event, participant.id, meetings, profiles);
    await mail.sendOnce(
      `${event.id}#${participant.id}#schedule`,
      await scheduleEmail(event, participant, own, { brand, spaceUrl }),
    );
    return true;
  });
  if (outcome.failed > 0) throw new Error(`${outcome.failed} schedule(s) could not be mailed`);
  const organiserMail = await organiserGridEmail(event, meetingStore, brand, ring);
  if (organiserMail) await mail.sendOnce(`${event.id}#grid`, organiserMail);
  return { participants: participants.length, meetings: meetings.length };
}

/** The deadline's work on one event, if no run did it or is doing it; whether this run did it. */
async function scheduleOnce(
  event: MeetingEvent,
  now: Date,
  mail: Mail,
  brand: SiteBrand,
  ring: TokenKeyRing,
) {
  if ((await meetingStore.run(event.id))?.state === 'mailed') return false;
  const claimed = await meetingStore.claimRun(event.id, now, retentionEnd(event));
  if (!claimed) return false;
  if (claimed.state === 'claimed') {
    const started = Date.now();
    const participants = await meetingStore.participants(event.id);
    const { meetings, schedule } = gridOf(event, participants, retentionEnd(event));
    await meetingStore.storeGrid(event.id, meetings, schedule.unmet.length, now);
    logger.info('Business meetings scheduled', {
      eventId: event.id,
      participants: participants.length,
      meetings: meetings.length,
      unmet: schedule.unmet.length,
      milliseconds: Date.now() - started,
    });
  }
  const mailed = await mailSchedules(event, mail, brand, ring);
  await meetingStore.markMailed(event.id, now);
  logger.info('Business-meeting schedules mailed', { eventId: event.id, ...mailed });
  return true;
}

/**
 * Scheduled worker: once an event's deadline for wishes has passed (in the last `catchUpDays`),
 * makes its grid (`scheduleMeetings`), stores it, and mails each participant their schedule and
 * the organiser the grid's link, once. The run claims the event in DynamoDB first: a second
 * firing finds it claimed or done; a run that crashed leaves a claim that lapses, and the next
 * firing goes on from where it stopped (a stored grid is never made again, a mail never sent twice).
 */
export const handler = scheduledWorker({
  name: 'scheduleMeetingsAtDeadlines',
  mailer: idempotentMailer,
  run: async (mail) => {
    const now = systemClock.now();
    const since = new Date(now.getTime() - catchUpDays * 86_400_000).toISOString();
    const { value: documents } = await readContent(
      businessMeetingsDueQuery,
      { now: now.toISOString(), since },
      { revalidate: true },
    );
    const [{ brand }, ring] = await Promise.all([currentSiteSettings(), tokenKeyRing()]);
    const scheduled: string[] = [];
    const failed: string[] = [];
    for (const document of documents) {
      const event = meetingEventOf(document);
      if (!event) continue;
      // One event's failure (its claim then lapses, and a later run goes on) stops no other.
      try {
        if (await scheduleOnce(event, now, mail, brand, ring)) scheduled.push(event.id);
      } catch (error) {
        logger.error('Business meetings failed', { eventId: event.id, error });
        failed.push(event.id);
      }
    }
    if (failed.length > 0) throw new Error(`Business meetings failed: ${failed.join(', ')}`);
    return { scheduled: scheduled.length, events: scheduled };
  },
});
