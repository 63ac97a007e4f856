import { verifyManageToken } from '../../domain/registration/manageToken.ts';
import type { Registration } from '../../domain/registration/registration.ts';
import { dynamoDbDocumentClient } from '../../platform/aws.ts';
import { tokenKeyRing } from '../../platform/registrationSettings.ts';
import { DynamoDbRegistrationStore } from '../../store/registrationStore.ts';
import { tableNameOf } from '../../tables.ts';
import { ProblemError } from '../middleware/problem.ts';

export const registrationStore = new DynamoDbRegistrationStore(
  dynamoDbDocumentClient(),
  tableNameOf('registrations'),
);

/** The registration a manage link designates; a tampered or unknown link is a 404 that reveals nothing. */
export async function registrationOfToken(token: string): Promise<Registration> {
  const reference = verifyManageToken(token, await tokenKeyRing());
  const registration = reference
    ? await registrationStore.find(reference.eventId, reference.emailHash)
    : undefined;
  if (!reference || !registration || registration.id !== reference.registrationId) {
    throw new ProblemError({ status: 404, title: 'problem.notFound.title', detail: 'registration.notFound' });
  }
  return registration;
}

/** What the registrant sees of their registration. */
export async function registrationView(registration: Registration) {
  return {
    id: registration.id,
    status: registration.status,
    ...(registration.status === 'waitlisted'
      ? { position: await registrationStore.waitingPosition(registration) }
      : {}),
    name: registration.name,
    email: registration.email,
    registeredAt: registration.registeredAt,
    event: {
      slug: registration.event.slug,
      title: registration.event.title,
      startsAt: registration.event.startsAt,
      endsAt: registration.event.endsAt,
    },
  };
}
