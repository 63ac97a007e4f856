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

/** `<key id>.<payload>.<HMAC-SHA256>`, all base64url: opaque, unguessable, tamper-evident. */
export function signManageToken(reference: RegistrationReference, ring: TokenKeyRing): string {
  const key = ring.keys[ring.currentKeyId];
  if (!key) throw new Error(`No token key ${ring.currentKeyId}`);
  const payload = Buffer.from(
    JSON.stringify([reference.eventId, reference.emailHash, reference.registrationId]),
  ).toString('base64url');
  const data = `${ring.currentKeyId}.${payload}`;
  return `${data}.${signature(key, data).toString('base64url')}`;
}

/** The reference a token carries, or null for anything not signed by one of our keys. */
export function verifyManageToken(token: string, ring: TokenKeyRing): RegistrationReference | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [keyId, payload, mac] = parts as [string, string, string];
  const key = ring.keys[keyId];
  if (!key) return null;
  const expected = signature(key, `${keyId}.${payload}`);
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(value) || value.length !== 3 || !value.every((part) => typeof part === 'string'))
      return null;
    const [eventId, emailHash, registrationId] = value as [string, string, string];
    return { eventId, emailHash, registrationId };
  } catch {
    return null;
  }
}

export function keyRingFromJson(json: string | undefined, currentKeyId: string | undefined): TokenKeyRing {
  const keys = json ? (JSON.parse(json) as Record<string, string>) : {};
  const current = currentKeyId ?? Object.keys(keys)[0];
  if (!current || !keys[current]) throw new Error('Registration token keys are not configured');
  return { currentKeyId: current, keys };
}
