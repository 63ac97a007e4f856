import { describe, expect, it } from 'vitest';
import { keyRingFromJson, signToken, verifyToken } from '../../functions/shared/tokens/signedTokens.ts';

const now = new Date('2027-10-20T08:00:00Z');

describe('signed tokens', () => {
  const ring = keyRingFromJson('{"k1":"une-cle"}', 'k1');
  const token = signToken('registration', ['event-1', 'r-1'], ring);

  it('verify what they sign, for their purpose only', () => {
    expect(verifyToken('registration', token, ring, now)).toEqual(['event-1', 'r-1']);
    expect(verifyToken('attendees', token, ring, now)).toBeNull();
  });

  it('answer null, never throw, for odd key ids (prototype names included)', () => {
    const [, payload, mac] = token.split('.') as [string, string, string];
    for (const keyId of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '', 'k2']) {
      expect(verifyToken('registration', `${keyId}.${payload}.${mac}`, ring, now), keyId).toBeNull();
    }
  });

  it('accept only the canonical base64url spelling of payload and signature', () => {
    const [keyId, payload, mac] = token.split('.') as [string, string, string];
    // Padding and stray trailing bits decode to the same bytes, yet are refused.
    expect(verifyToken('registration', `${keyId}.${payload}.${mac}=`, ring, now)).toBeNull();
    expect(verifyToken('registration', `${keyId}.${payload}=.${mac}`, ring, now)).toBeNull();
    const lastBits = mac.at(-1) as string;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // A 32-byte MAC is 43 characters: the last one carries 4 bits, its 2 lowest are padding.
    const sibling = alphabet[alphabet.indexOf(lastBits) ^ 1] as string;
    const twin = `${mac.slice(0, -1)}${sibling}`;
    expect(Buffer.from(twin, 'base64url').equals(Buffer.from(mac, 'base64url'))).toBe(true);
    expect(verifyToken('registration', `${keyId}.${payload}.${twin}`, ring, now)).toBeNull();
  });

  it('rotate: a retired key verifies until its date, never signs, and an unlisted one verifies nothing', () => {
    const old = signToken('registration', ['event-1', 'r-1'], ring);
    const rotated = keyRingFromJson(
      JSON.stringify({ k2: 'nouvelle-cle', k1: { secret: 'une-cle', acceptUntil: '2028-06-01T00:00:00Z' } }),
      'k2',
    );
    expect(verifyToken('registration', old, rotated, now)).toEqual(['event-1', 'r-1']);
    expect(verifyToken('registration', old, rotated, new Date('2028-06-01T00:00:00Z'))).toBeNull();
    expect(signToken('registration', ['x'], rotated).startsWith('k2.')).toBe(true);
    expect(() =>
      keyRingFromJson(JSON.stringify({ k1: { secret: 's', acceptUntil: '2028-01-01' } }), 'k1'),
    ).toThrow(/retired/);
    expect(verifyToken('registration', old, keyRingFromJson('{"k2":"nouvelle-cle"}', 'k2'), now)).toBeNull();
    // A date that does not parse would keep a retired key forever: the configuration is refused.
    expect(() =>
      keyRingFromJson(JSON.stringify({ k2: 'n', k1: { secret: 's', acceptUntil: '31/12/2026' } }), 'k2'),
    ).toThrow(/invalid acceptUntil/);
    // Without a key id: the one key not retired signs, whatever the JSON order; never a guess among several.
    const unordered = keyRingFromJson(
      JSON.stringify({ '1': { secret: 's', acceptUntil: '2028-01-01' }, k2: 'n' }),
      null,
    );
    expect(unordered.currentKeyId).toBe('k2');
    expect(() => keyRingFromJson('{"k1":"a","2":"b"}', null)).toThrow(/TOKEN_KEY_ID/);
  });
});
