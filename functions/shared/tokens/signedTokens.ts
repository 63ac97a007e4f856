import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed links (manage a registration, download an attendee list, and next confirm a
 * subscription…): `<key id>.<payload>.<HMAC-SHA256>`, all base64url, opaque, unguessable and
 * tamper-evident. The payload starts with the token's purpose, so a token made for one use is
 * refused for another; it carries ids only, never anything derived from an e-mail address.
 */

/** A verification key; a retired one is accepted until `acceptUntil` (links still in inboxes). */
export interface TokenKey {
  readonly secret: string;
  readonly acceptUntil?: Date;
}

/**
 * Keys by id. The current key signs; every key listed verifies until it is removed or its
 * `acceptUntil` passes. Rotating: add a new key, make it current, give the old one an
 * `acceptUntil` past the longest lifetime of the links it signed.
 */
export interface TokenKeyRing {
  readonly currentKeyId: string;
  readonly keys: ReadonlyMap<string, TokenKey>;
}

const base64url = /^[A-Za-z0-9_-]+$/;
const signature = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest();

export function signToken(purpose: string, parts: readonly string[], ring: TokenKeyRing): string {
  const key = ring.keys.get(ring.currentKeyId);
  if (!key) throw new Error(`No token key ${ring.currentKeyId}`);
  const payload = Buffer.from(JSON.stringify([purpose, ...parts])).toString('base64url');
  const data = `${ring.currentKeyId}.${payload}`;
  return `${data}.${signature(key.secret, data).toString('base64url')}`;
}

/** Decodes base64url only in its canonical spelling: one token has one spelling, no padding, no stray bits. */
function canonicalBase64url(text: string): Buffer | null {
  if (!base64url.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}

/**
 * The parts a token of that purpose carries, or null for anything not signed by one of our
 * accepted keys: whatever the input (odd key ids such as `__proto__` included), null and
 * nothing else, so a caller answers every bad token the same way.
 */
export function verifyToken(purpose: string, token: string, ring: TokenKeyRing, now: Date): string[] | null {
  const pieces = token.split('.');
  if (pieces.length !== 3) return null;
  const [keyId, payload, mac] = pieces as [string, string, string];
  const key = ring.keys.get(keyId);
  if (!key || (key.acceptUntil && key.acceptUntil.getTime() <= now.getTime())) return null;
  const given = canonicalBase64url(mac);
  const payloadBytes = canonicalBase64url(payload);
  if (!given || !payloadBytes) return null;
  const expected = signature(key.secret, `${keyId}.${payload}`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const value = JSON.parse(payloadBytes.toString('utf8')) as unknown;
    if (!Array.isArray(value) || value[0] !== purpose || !value.every((part) => typeof part === 'string'))
      return null;
    return value.slice(1) as string[];
  } catch {
    return null;
  }
}

/** The key ring of the `TOKEN_KEYS` secret and the `TOKEN_KEY_ID` setting (unset: the one key not retired). */
export function keyRingFromJson(json: string | undefined, currentKeyId: string | null): TokenKeyRing {
  const entries = Object.entries(json ? (JSON.parse(json) as Record<string, unknown>) : {});
  const keys = new Map<string, TokenKey>();
  for (const [id, value] of entries) {
    if (typeof value === 'string') keys.set(id, { secret: value });
    else if (
      value &&
      typeof value === 'object' &&
      typeof (value as { secret?: unknown }).secret === 'string'
    ) {
      const { secret, acceptUntil } = value as { secret: string; acceptUntil?: string };
      const until = acceptUntil === undefined ? undefined : new Date(acceptUntil);
      // A date that does not parse would accept the retired key forever: refuse the configuration.
      if (until && Number.isNaN(until.getTime()))
        throw new Error(`Token key ${id} has an invalid acceptUntil`);
      keys.set(id, { secret, ...(until ? { acceptUntil: until } : {}) });
    } else throw new Error(`Token key ${id} is neither a secret nor { secret, acceptUntil }`);
  }
  // Without a key id, the one key that is not retired signs: never a guess among several.
  const signing = [...keys].filter(([, key]) => !key.acceptUntil).map(([id]) => id);
  if (!currentKeyId && signing.length > 1)
    throw new Error('TOKEN_KEY_ID must name the signing key among several');
  const current = currentKeyId ?? signing[0];
  const currentKey = current ? keys.get(current) : undefined;
  if (!current || !currentKey) throw new Error('Token keys are not configured');
  if (currentKey.acceptUntil) throw new Error(`Token key ${current} is retired and cannot sign`);
  return { currentKeyId: current, keys };
}
