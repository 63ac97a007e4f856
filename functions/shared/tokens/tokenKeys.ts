import { createHmac } from 'node:crypto';
import { cachedOnSuccess, secret } from '../secrets.ts';
import { setting } from '../settings.ts';
import { keyRingFromJson, type TokenKeyRing } from './signedTokens.ts';

/** The keys that sign and verify links (`TOKEN_KEYS` secret, `TOKEN_KEY_ID` setting), once per container. */
export const tokenKeyRing: () => Promise<TokenKeyRing> = cachedOnSuccess(async () =>
  keyRingFromJson(await secret('TOKEN_KEYS'), setting('tokenKeyId')),
);

const addressHashKey = cachedOnSuccess(async () => {
  const key = await secret('ADDRESS_HASH_KEY');
  if (!key) throw new Error('ADDRESS_HASH_KEY is not configured');
  return key;
});

/** Addresses differ only by case and surrounding space: the same person. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/**
 * The key by which items are found from an e-mail address (one registration per address…): an
 * HMAC with a secret key, so a leaked table does not give away addresses by a dictionary attack
 * on a bare hash. `parts` are hashed with it (the contact form's topic and text).
 */
export async function addressKey(email: string, ...parts: readonly string[]): Promise<string> {
  return keyedAddressHash(await addressHashKey(), email, ...parts);
}

/** The same, with the key given (pure: tests, and callers that hold the key). */
export const keyedAddressHash = (key: string, email: string, ...parts: readonly string[]): string =>
  createHmac('sha256', key)
    .update([normaliseEmail(email), ...parts].join('\n'))
    .digest('base64url');

/** The address-hash key, for callers that hash many addresses at once. */
export const addressHashKeyValue = addressHashKey;
