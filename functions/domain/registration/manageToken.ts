import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a manage link designates: one registration of one event. */
export interface RegistrationReference {
  readonly eventId: string;
  readonly emailHash: string;
  readonly registrationId: string;
}

/**
 * Signing keys by id. The current key signs; every key listed verifies, so a key can be
 * rotated by adding a new current one and removing the old one once its links have expired.
 */
export interface TokenKeyRing {
  readonly currentKeyId: string;
  readonly keys: Readonly<Record<string, string>>;
}

const signature = (key: string, data: string) => createHmac('sha256', key).update(data).digest();

/**
 * `<key id>.<payload>.<HMAC-SHA256>`, all base64url: opaque, unguessable, tamper-evident. The
 * payload starts with the token's purpose, so a token made for one use is refused for another.
 */
export function signToken(purpose: string, parts: readonly string[], ring: TokenKeyRing): string {
  const key = ring.keys[ring.currentKeyId];
  if (!key) throw new Error(`No token key ${ring.currentKeyId}`);
  const payload = Buffer.from(JSON.stringify([purpose, ...parts])).toString('base64url');
  const data = `${ring.currentKeyId}.${payload}`;
  return `${data}.${signature(key, data).toString('base64url')}`;
}

/** The parts a token of that purpose carries, or null for anything not signed by one of our keys. */
export function verifyToken(purpose: string, token: string, ring: TokenKeyRing): string[] | null {
  const pieces = token.split('.');
  if (pieces.length !== 3) return null;
  const [keyId, payload, mac] = pieces as [string, string, string];
  const key = ring.keys[keyId];
  if (!key) return null;
  const expected = signature(key, `${keyId}.${payload}`);
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(value) || value[0] !== purpose || !value.every((part) => typeof part === 'string'))
      return null;
    return value.slice(1) as string[];
  } catch {
    return null;
  }
}

export const signManageToken = (reference: RegistrationReference, ring: TokenKeyRing): string =>
  signToken('registration', [reference.eventId, reference.emailHash, reference.registrationId], ring);

export function verifyManageToken(token: string, ring: TokenKeyRing): RegistrationReference | null {
  const parts = verifyToken('registration', token, ring);
  if (parts?.length !== 3) return null;
  const [eventId, emailHash, registrationId] = parts as [string, string, string];
  return { eventId, emailHash, registrationId };
}

/** A link to an event's attendee list, valid until `expiresAt` (epoch seconds). */
export const signAttendeeListToken = (eventId: string, expiresAt: number, ring: TokenKeyRing): string =>
  signToken('attendees', [eventId, String(expiresAt)], ring);

export function verifyAttendeeListToken(
  token: string,
  ring: TokenKeyRing,
  now: Date,
): { eventId: string } | null {
  const parts = verifyToken('attendees', token, ring);
  if (parts?.length !== 2) return null;
  const [eventId, expiresAt] = parts as [string, string];
  return Number(expiresAt) * 1000 > now.getTime() ? { eventId } : null;
}

export function keyRingFromJson(json: string | undefined, currentKeyId: string | undefined): TokenKeyRing {
  const keys = json ? (JSON.parse(json) as Record<string, string>) : {};
  const current = currentKeyId ?? Object.keys(keys)[0];
  if (!current || !keys[current]) throw new Error('Registration token keys are not configured');
  return { currentKeyId: current, keys };
}
