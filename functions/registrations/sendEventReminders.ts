import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { readContent } from '../shared/content/contentReader.ts';
import { currentSiteSettings } from '../shared/content/siteSettings.ts';
import { parisDay, parisMidnight } from '../shared/french.ts';
import { logger } from '../shared/logger.ts';
import { idempotentMailer } from '../shared/mail/idempotentMailer.ts';
import { eventPageUrl } from '../shared/pageLinks.ts';
import { setting } from '../shared/settings.ts';
import { tokenKeyRing } from '../shared/tokens/tokenKeys.ts';
import { inBatches } from '../shared/workers/inBatches.ts';
import { scheduledWorker } from '../shared/workers/workers.ts';
import { eventsStartingBetweenQuery } from './queries.ts';
import { eventSnapshotOf, type Registration } from './registration.ts';
import { registrationEmail } from './registrationEmails.ts';
import { manageUrl, signManageToken } from './registrationLinks.ts';
import { RegistrationTable } from './registrationTable.ts';

const registrations = new RegistrationTable(dynamoDbDocumentClient(), tableNameOf('registrations'));
/** Reminders sent at once: SES and the idempotency table take these in their stride. */
const concurrentSends = 8;

/** Tomorrow in Paris, as instants: [tomorrow 00:00, the day after 00:00). */
export function tomorrowInParis(now: Date): { from: string; to: string } {
  const day = (offset: number) => parisDay(new Date(now.getTime() + offset * 86_400_000));
  return { from: parisMidnight(day(1)).toISOString(), to: parisMidnight(day(2)).toISOString() };
}

/**
 * Scheduled worker (hourly): reminds every confirmed registrant of the events that take place
 * tomorrow (Paris time). Each reminder goes out once, however many runs see the same day.
 */
export const handler = scheduledWorker({
  name: 'sendEventReminders',
  mailer: idempotentMailer,
  run: async (mail) => {
    const window = tomorrowInParis(systemClock.now());
    const [{ value: events }, { brand }, ring] = await Promise.all([
      readContent(eventsStartingBetweenQuery, window),
      currentSiteSettings(),
      tokenKeyRing(),
    ]);
    const remind = async (registration: Registration) => {
      const email = await registrationEmail('reminder', registration, {
        brand,
        eventUrl: eventPageUrl,
        manageUrl: manageUrl(
          signManageToken({ eventId: registration.eventId, registrationId: registration.id }, ring),
        ),
        retentionMonths: setting('registrationRetentionMonths'),
      });
      // Once per registrant and date: an event moved to another day is reminded again then.
      await mail.sendOnce(`${registration.id}#reminder#${registration.event.startsAt}`, email);
    };
    // The event as it is now, whatever it was when each person registered.
    async function* confirmedRegistrants() {
      for (const event of events) {
        const current = eventSnapshotOf(event);
        for await (const stored of registrations.registrationsOf(event._id, ['confirmed']))
          yield { ...stored, event: current };
      }
    }
    const { done: sent, failed } = await inBatches(
      confirmedRegistrants(),
      concurrentSends,
      async (registration) => {
        await remind(registration);
        return true;
      },
    );
    logger.info('Reminders checked', { events: events.length, reminders: sent, failed, from: window.from });
    // The run fails so that it is retried (and alarmed on); what was sent is not sent again.
    if (failed > 0) throw new Error(`${failed} reminder(s) could not be sent`);
    return { events: events.length, reminders: sent };
  },
});
