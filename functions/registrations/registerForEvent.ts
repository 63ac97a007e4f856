import { randomUUID } from 'node:crypto';
import { eventNotFound } from '../programme/eventNotFound.ts';
import { eventBySlugQuery } from '../programme/queries.ts';
import { registrationState } from '../programme/registrationState.ts';
import { systemClock } from '../shared/clock.ts';
import { readContent } from '../shared/content/contentReader.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { ProblemError } from '../shared/http/problem.ts';
import { logger } from '../shared/logger.ts';
import { type MessageKey, translate } from '../shared/messages.ts';
import { countMetric } from '../shared/metrics.ts';
import { setting } from '../shared/settings.ts';
import { addressKey } from '../shared/tokens/tokenKeys.ts';
import { contentVersion } from './followEventChange.ts';
import { registrationStore } from './manageRegistration.ts';
import { eventSnapshotOf, registrationRequestSchema, retentionEnd } from './registration.ts';

/**
 * `POST /events/{slug}/registrations`: takes a place, or a place on the waiting list. The
 * e-mails follow from the stored registration (stream worker), never from here.
 */
export const handler = httpHandler({ body: registrationRequestSchema }, async ({ body, event, language }) => {
  const slug = event.pathParameters?.slug ?? '';
  // Places, status and the details registrants keep: as of the last recorded edit, not 5 s before.
  const { value: found } = await readContent(eventBySlugQuery, { slug }, { revalidate: true });
  if (!found?.startsAt || !found.endsAt) throw eventNotFound(slug);
  const now = systemClock.now();
  const state = registrationState(found, now);
  if (!state.open) {
    throw new ProblemError({
      status: 409,
      title: 'problem.registrationClosed.title',
      detail: `registration.closed.${state.closedReason}` as MessageKey,
    });
  }
  const id = randomUUID();
  // A robot that filled the honeypot is answered like a person, and nothing is kept.
  if (body.website.trim() !== '') return jsonResponse(201, { id, status: 'confirmed' });

  const outcome = await registrationStore.register(
    {
      id,
      eventId: found._id,
      addressKey: await addressKey(body.email),
      name: body.name,
      email: body.email.trim(),
      registeredAt: now.toISOString(),
      consent: { textVersion: setting('registrationConsentVersion'), givenAt: now.toISOString() },
      event: eventSnapshotOf(found, slug),
      eventAsOf: contentVersion(found._updatedAt),
      expiresAt: retentionEnd(found.endsAt, setting('registrationRetentionMonths')),
    },
    { capacity: state.capacity, waitingList: state.waitingList },
    now,
  );
  if (outcome.kind === 'full') {
    throw new ProblemError({ status: 409, title: 'problem.full.title', detail: 'registration.full' });
  }
  if (outcome.kind === 'duplicate') {
    logger.info('Registration already exists', { eventId: found._id, linkResent: outcome.linkResent });
    // The manage link goes (again) to the address, never in this answer, which tells nothing
    // of the registration (its status stays between the person and their mailbox).
    return jsonResponse(200, {
      alreadyRegistered: true,
      message: translate(language, 'registration.alreadyRegistered'),
    });
  }
  countMetric(
    outcome.registration.status === 'confirmed' ? 'registrationsConfirmed' : 'registrationsWaitlisted',
  );
  logger.info('Registration recorded', {
    eventId: found._id,
    registrationId: id,
    status: outcome.registration.status,
  });
  return jsonResponse(201, {
    id,
    status: outcome.registration.status,
    ...(outcome.position !== undefined ? { position: outcome.position } : {}),
  });
});
