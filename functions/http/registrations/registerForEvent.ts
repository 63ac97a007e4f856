import { randomUUID } from 'node:crypto';
import { readContent } from '../../content/contentReader.ts';
import { eventBySlugQuery } from '../../content/queries.ts';
import { registrationState } from '../../domain/programme/registrationState.ts';
import { contentVersion } from '../../domain/registration/followEventChange.ts';
import {
  emailHashOf,
  registrationRequestSchema,
  retentionEnd,
} from '../../domain/registration/registration.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { dynamoDbDocumentClient } from '../../platform/aws.ts';
import { systemClock } from '../../platform/clock.ts';
import { logger } from '../../platform/logger.ts';
import { registrationRetentionMonths } from '../../platform/registrationSettings.ts';
import { DynamoDbRegistrationStore } from '../../store/registrationStore.ts';
import { tableNameOf } from '../../tables.ts';
import { httpHandler, jsonResponse } from '../middleware/httpHandler.ts';
import { ProblemError } from '../middleware/problem.ts';
import { eventNotFound } from '../programme/eventNotFound.ts';

const alreadyRegisteredMessage =
  'Cette adresse est déjà inscrite à cette manifestation. Le lien pour consulter ou annuler l’inscription lui est renvoyé par e-mail (une fois par jour au plus).';
const store = new DynamoDbRegistrationStore(dynamoDbDocumentClient(), tableNameOf('registrations'));
/** Version of the consent text shown on the registration form, recorded with each registration. */
const consentTextVersion = process.env.REGISTRATION_CONSENT_VERSION ?? 'inscription-2026-11';

/**
 * `POST /events/{slug}/registrations`: takes a place, or a place on the waiting list. The
 * e-mails follow from the stored registration (stream worker), never from here.
 */
export const handler = httpHandler({ body: registrationRequestSchema }, async ({ body, event }) => {
  const slug = event.pathParameters?.slug ?? '';
  // Places, status and the details registrants keep: as of the last recorded edit, not 5 s before.
  const { value: found } = await readContent(eventBySlugQuery, { slug }, { revalidate: true });
  if (!found?.startsAt || !found.endsAt) {
    throw eventNotFound(slug);
  }
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

  const outcome = await store.register(
    {
      id,
      eventId: found._id,
      emailHash: emailHashOf(body.email),
      name: body.name,
      email: body.email.trim(),
      registeredAt: now.toISOString(),
      consent: { textVersion: consentTextVersion, givenAt: now.toISOString() },
      event: {
        id: found._id,
        slug: found.slug ?? slug,
        title: found.title ?? '',
        startsAt: found.startsAt,
        endsAt: found.endsAt,
        venue: (found.venue as Record<string, unknown> | null) ?? null,
        onlineUrl: found.onlineUrl ?? null,
        status: found.status ?? null,
      },
      eventAsOf: contentVersion(found._updatedAt),
      expiresAt: retentionEnd(found.endsAt, registrationRetentionMonths()),
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
    return jsonResponse(200, { alreadyRegistered: true, message: alreadyRegisteredMessage });
  }
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
