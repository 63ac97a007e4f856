import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { systemClock } from '../shared/clock.ts';
import { ProblemError } from '../shared/http/problem.ts';
import { tokenKeyRing } from '../shared/tokens/tokenKeys.ts';
import type { Registration } from './registration.ts';
import { verifyManageToken } from './registrationLinks.ts';
import { DynamoDbRegistrationStore } from './registrationStore.ts';

export const registrationStore = new DynamoDbRegistrationStore(
  dynamoDbDocumentClient(),
  tableNameOf('registrations'),
);

/** The answer to every link that does not lead to a registration, whatever is wrong with it. */
export const registrationLinkNotFound = () =>
  new ProblemError({ status: 404, title: 'problem.notFound.title', detail: 'registration.notFound' });

/** The registration a manage link designates; a tampered or unknown link is a 404 that reveals nothing. */
export async function registrationOfToken(token: string): Promise<Registration> {
  const reference = verifyManageToken(token, await tokenKeyRing(), systemClock.now());
  const registration = reference
    ? await registrationStore.findById(reference.eventId, reference.registrationId)
    : undefined;
  if (!registration) throw registrationLinkNotFound();
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
    ...(registration.status === 'pending' && registration.holdsPlace
      ? { heldUntil: registration.holdUntil }
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
