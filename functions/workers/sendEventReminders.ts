import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { readContent } from '../content/contentReader.ts';
import { eventsStartingBetweenQuery, siteSettingsQuery } from '../content/queries.ts';
import { parisMidnight } from '../domain/programme/programmeFilters.ts';
import { signManageToken } from '../domain/registration/manageToken.ts';
import type { EventSnapshot, Registration } from '../domain/registration/registration.ts';
import { registrationEmail } from '../domain/registration/registrationEmails.ts';
import { idempotentMailer } from '../mail/idempotentMailer.ts';
import { siteNameFromEnv } from '../mail/mailer.ts';
import { dynamoDbDocumentClient } from '../platform/aws.ts';
import { systemClock } from '../platform/clock.ts';
import { logger } from '../platform/logger.ts';
import { manageUrl, registrationRetentionMonths, tokenKeyRing } from '../platform/registrationSettings.ts';
import { DynamoDbRegistrationStore } from '../store/registrationStore.ts';
import { tableNameOf } from '../tables.ts';

const store = new DynamoDbRegistrationStore(dynamoDbDocumentClient(), tableNameOf('registrations'));
const mailer = idempotentMailer('sendEventReminders');
const siteUrl = process.env.PUBLIC_SITE_URL ?? 'https://www.essaim.example';
/** Reminders sent at once: SES and the idempotency table take these in their stride. */
const concurrentSends = 8;
const parisDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' });

/** Tomorrow in Paris, as instants: [tomorrow 00:00, the day after 00:00). */
export function tomorrowInParis(now: Date): { from: string; to: string } {
  const day = (offset: number) => parisDay.format(new Date(now.getTime() + offset * 86_400_000));
  return { from: parisMidnight(day(1)).toISOString(), to: parisMidnight(day(2)).toISOString() };
}

/**
 * Scheduled worker (hourly): reminds every confirmed registrant of the events that take place
 * tomorrow (Paris time). Each reminder goes out once, however many runs see the same day.
 */
export const handler = middy(async (_event: unknown, context: Context) => {
  mailer.registerContext(context);
  const window = tomorrowInParis(systemClock.now());
  const [{ value: events }, { value: settings }, ring] = await Promise.all([
    readContent(eventsStartingBetweenQuery, window),
    readContent(siteSettingsQuery, {}),
    tokenKeyRing(),
  ]);
  const remind = async (registration: Registration) => {
    const token = signManageToken(
      { eventId: registration.eventId, emailHash: registration.emailHash, registrationId: registration.id },
      ring,
    );
    const email = registrationEmail('reminder', registration, {
      siteName: settings?.siteName ?? siteNameFromEnv(),
      siteUrl,
      manageUrl: manageUrl(siteUrl, token),
      retentionMonths: registrationRetentionMonths(),
    });
    // Once per registrant and date: an event moved to another day is reminded again then.
    await mailer.sendOnce(`${registration.id}#reminder#${registration.event.startsAt}`, email);
  };
  let sent = 0;
  let failed = 0;
  // A few at a time: a busy day has thousands; one failing address does not hold up the rest.
  let batch: Registration[] = [];
  const flush = async () => {
    const outcomes = await Promise.allSettled(batch.map(remind));
    sent += outcomes.filter((outcome) => outcome.status === 'fulfilled').length;
    failed += outcomes.filter((outcome) => outcome.status === 'rejected').length;
    batch = [];
  };
  for (const event of events) {
    // The event as it is now, whatever it was when each person registered.
    const current: EventSnapshot = {
      id: event._id,
      slug: event.slug ?? '',
      title: event.title ?? '',
      startsAt: event.startsAt ?? '',
      endsAt: event.endsAt ?? event.startsAt ?? '',
      venue: (event.venue as Record<string, unknown> | null) ?? null,
      onlineUrl: event.onlineUrl ?? null,
      status: event.status ?? null,
    };
    for await (const stored of store.registrationsOf(event._id, ['confirmed'])) {
      batch.push({ ...stored, event: current });
      if (batch.length === concurrentSends) await flush();
    }
  }
  await flush();
  logger.info('Reminders checked', { events: events.length, reminders: sent, failed, from: window.from });
  // The run fails so that it is retried (and alarmed on); what was sent is not sent again.
  if (failed > 0) throw new Error(`${failed} reminder(s) could not be sent`);
  return { events: events.length, reminders: sent };
}).use(injectLambdaContext(logger, { resetKeys: true }));
