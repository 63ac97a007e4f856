import { registrationState } from '../programme/registrationState.ts';
import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { readContent } from '../shared/content/contentReader.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { ProblemError } from '../shared/http/problem.ts';
import { logger } from '../shared/logger.ts';
import type { MessageKey } from '../shared/messages.ts';
import { countMetric } from '../shared/metrics.ts';
import { clientAllowance, limitOrRefuse } from '../shared/rateLimits.ts';
import { setting } from '../shared/settings.ts';
import { DynamoDbHeldPlaces } from './heldPlaces.ts';
import { registrationLinkNotFound, registrationOfToken, registrationView } from './manageRegistration.ts';
import { eventRegistrationQuery } from './queries.ts';
import { confirmationLinkHours, retentionEnd } from './registration.ts';

const heldPlaces = new DynamoDbHeldPlaces(dynamoDbDocumentClient(), tableNameOf('registrations'));

const conflict = (title: MessageKey, detail: MessageKey) => new ProblemError({ status: 409, title, detail });

/**
 * `POST /registrations/{token}/confirmation`: the registrant's click on the link mailed to a
 * pending registration (the manage page posts it: a `GET` never confirms, link scanners open
 * links). The held place becomes theirs; without one, a free place or the waiting list, as a
 * new registration. Harmless twice: a registration already confirmed or waiting is answered as
 * it is.
 */
export const handler = httpHandler({}, async ({ event }) => {
  const now = systemClock.now();
  await limitOrRefuse([await clientAllowance(event, 'registrationLinks', now)], now);
  const registration = await registrationOfToken(event.pathParameters?.token ?? '');
  if (registration.status === 'cancelled')
    throw conflict('problem.registrationClosed.title', 'registration.cancelledBefore');
  if (registration.status !== 'pending')
    return jsonResponse(200, await registrationView(registration), { 'cache-control': 'no-store, private' });
  if (now.getTime() > Date.parse(registration.registeredAt) + confirmationLinkHours * 3600_000) {
    throw new ProblemError({
      status: 410,
      title: 'problem.linkExpired.title',
      detail: 'registration.confirmationExpired',
    });
  }
  const { value: found } = await readContent(
    eventRegistrationQuery,
    { id: registration.eventId },
    { revalidate: true },
  );
  if (!found) throw registrationLinkNotFound();
  const state = registrationState(found, now);
  if (!state.open)
    throw conflict(
      'problem.registrationClosed.title',
      `registration.closed.${state.closedReason}` as MessageKey,
    );
  const outcome = await heldPlaces.confirm(
    registration,
    { capacity: state.capacity, waitingList: state.waitingList },
    retentionEnd(registration.event.endsAt, setting('registrationRetentionMonths')),
    now,
  );
  if (outcome.kind === 'gone') throw registrationLinkNotFound();
  if (outcome.kind === 'full') throw conflict('problem.full.title', 'registration.full');
  if (outcome.kind !== 'unchanged')
    countMetric(outcome.kind === 'confirmed' ? 'registrationsConfirmed' : 'registrationsWaitlisted');
  logger.info('Registration confirmed by its link', {
    registrationId: registration.id,
    outcome: outcome.kind,
  });
  return jsonResponse(200, await registrationView(outcome.registration), {
    'cache-control': 'no-store, private',
  });
});
