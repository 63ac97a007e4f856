import { pageUrl } from '../shared/pageLinks.ts';
import { signToken, type TokenKeyRing, verifyToken } from '../shared/tokens/signedTokens.ts';

/** What a manage link designates: one registration of one event, by ids alone. */
export interface RegistrationReference {
  readonly eventId: string;
  readonly registrationId: string;
}

export const signManageToken = (reference: RegistrationReference, ring: TokenKeyRing): string =>
  signToken('registration', [reference.eventId, reference.registrationId], ring);

export function verifyManageToken(
  token: string,
  ring: TokenKeyRing,
  now: Date,
): RegistrationReference | null {
  const parts = verifyToken('registration', token, ring, now);
  if (parts?.length !== 2) return null;
  const [eventId, registrationId] = parts as [string, string];
  return { eventId, registrationId };
}

/** A link to an event's attendee list, valid until `expiresAt` (epoch seconds). */
export const signAttendeeListToken = (eventId: string, expiresAt: number, ring: TokenKeyRing): string =>
  signToken('attendees', [eventId, String(expiresAt)], ring);

export function verifyAttendeeListToken(
  token: string,
  ring: TokenKeyRing,
  now: Date,
): { eventId: string } | null {
  const parts = verifyToken('attendees', token, ring, now);
  if (parts?.length !== 2) return null;
  const [eventId, expiresAt] = parts as [string, string];
  return Number(expiresAt) * 1000 > now.getTime() ? { eventId } : null;
}

/** The hosted page where a registrant sees or cancels their registration (it calls the API with the token). */
export const manageUrl = (token: string): string => pageUrl('manageRegistration', { jeton: token });
