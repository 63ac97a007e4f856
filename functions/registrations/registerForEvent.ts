import { randomUUID } from 'node:crypto';
import { eventNotFound } from '../programme/eventNotFound.ts';
import { type RegistrationState, registrationState } from '../programme/registrationState.ts';
import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { formChallengeCheck } from '../shared/http/formChallengeCheck.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { ProblemError } from '../shared/http/problem.ts';
import { logger } from '../shared/logger.ts';
import { type Language, type MessageKey, translate } from '../shared/messages.ts';
import { countMetric } from '../shared/metrics.ts';
import { clientAllowance, limitOrRefuse, mailboxAllowance, tooManyRequests } from '../shared/rateLimits.ts';
import { setting } from '../shared/settings.ts';
import { addressKey } from '../shared/tokens/tokenKeys.ts';
import { eventForRegistration } from './eventForRegistration.ts';
import { contentVersion } from './followEventChange.ts';
import { DynamoDbHeldPlaces } from './heldPlaces.ts';
import { registrationStore } from './manageRegistration.ts';
import { eventSnapshotOf, pendingExpiresAt, retentionEnd } from './registration.ts';
import { registrationFormPost } from './registrationFormPost.ts';
import { registrationRequestSchema } from './registrationRequest.ts';
import type { Confirmation } from './registrationStore.ts';

const heldPlaces = new DynamoDbHeldPlaces(dynamoDbDocumentClient(), tableNameOf('registrations'));

const full = () =>
  new ProblemError({ status: 409, title: 'problem.full.title', detail: 'registration.full' });

/** With confirmation by e-mail, the one answer: the same for a new address and a registered one. */
const checkYourMail = (language: Language) =>
  jsonResponse(202, { status: 'pending', message: translate(language, 'registration.pending') });

/**
 * Without confirmation, what a new registration would be answered now, for an address that is
 * already registered: the answer tells nobody who is (its status is for the mailbox only).
 */
async function asIfNew(eventId: string, state: RegistrationState) {
  const counter = await registrationStore.counter(eventId);
  const taken = counter?.taken ?? 0;
  const waiting = counter?.waitlisted ?? 0;
  if (state.capacity === null || (taken < state.capacity && waiting === 0))
    return { id: randomUUID(), status: 'confirmed' };
  if (state.waitingList) return { id: randomUUID(), status: 'waitlisted', position: waiting + 1 };
  throw full();
}

/**
 * `POST /events/{slug}/registrations`: takes a place, a place held until the registrant
 * confirms by the mailed link (events that ask for it), or a place on the waiting list. The
 * e-mails follow from the stored registration (stream worker), never from here. No answer
 * tells whether the address was already registered.
 */
export const handler = httpHandler(
  {
    body: registrationRequestSchema,
    formPost: registrationFormPost,
    formChallenge: formChallengeCheck('registration'),
  },
  async ({ body, event, language }) => {
    const slug = event.pathParameters?.slug ?? '';
    // Places, status and the details registrants keep: as of the last recorded edit, not 5 s before.
    const found = await eventForRegistration(slug);
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
    if (body.website.trim() !== '')
      return state.confirmationRequired
        ? checkYourMail(language)
        : jsonResponse(201, { id, status: 'confirmed' });

    // The client's registrations and the mailbox's form mails: taken with the registration.
    const limits = [
      await clientAllowance(event, 'registrations', now),
      await mailboxAllowance(body.email, now),
    ];
    const key = await addressKey(body.email);
    const confirmation: Confirmation = state.confirmationRequired
      ? {
          required: true,
          holdUntil: new Date(now.getTime() + setting('registrationHoldMinutes') * 60_000).toISOString(),
          pendingExpiresAt: pendingExpiresAt(now),
        }
      : { required: false };
    const outcome = await registrationStore.register(
      {
        id,
        eventId: found._id,
        addressKey: key,
        name: body.name,
        email: body.email.trim(),
        registeredAt: now.toISOString(),
        consent: { textVersion: setting('registrationConsentVersion'), givenAt: now.toISOString() },
        event: eventSnapshotOf(found, slug),
        eventAsOf: contentVersion(found._updatedAt),
        expiresAt: retentionEnd(found.endsAt, setting('registrationRetentionMonths')),
      },
      { capacity: state.capacity, waitingList: state.waitingList },
      confirmation,
      limits,
      () => heldPlaces.releaseEnded(now, found._id),
    );
    if (outcome.kind === 'limited') throw tooManyRequests(outcome.usedUp, now);
    if (outcome.kind === 'full') throw full();
    if (outcome.kind === 'duplicate') {
      // The same allowances as a new registration: the answer costs the same, whoever is registered.
      await limitOrRefuse(limits, now);
      // The manage link (or, while pending, the confirmation link) goes to the mailbox again.
      const linkResent = await registrationStore.resendLink(found._id, key, now);
      logger.info('Registration already exists', { eventId: found._id, linkResent });
      return state.confirmationRequired
        ? checkYourMail(language)
        : jsonResponse(201, await asIfNew(found._id, state));
    }
    const { status } = outcome.registration;
    countMetric(
      status === 'pending'
        ? 'registrationsPending'
        : status === 'confirmed'
          ? 'registrationsConfirmed'
          : 'registrationsWaitlisted',
    );
    logger.info('Registration recorded', { eventId: found._id, registrationId: id, status });
    if (status === 'pending') return checkYourMail(language);
    return jsonResponse(201, {
      id,
      status,
      ...(outcome.position !== undefined ? { position: outcome.position } : {}),
    });
  },
);
