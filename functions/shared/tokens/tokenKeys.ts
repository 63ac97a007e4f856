import { cachedOnSuccess, secret } from '../secrets.ts';
import { setting } from '../settings.ts';
import { keyedAddressHash } from './keyedAddressHash.ts';
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

/** The keyed hash of an address (see `keyedAddressHash.ts`), with the `ADDRESS_HASH_KEY` secret. */
export async function addressKey(email: string, ...parts: readonly string[]): Promise<string> {
  return keyedAddressHash(await addressHashKey(), email, ...parts);
}

/** The address-hash key, for callers that hash many addresses at once. */
export const addressHashKeyValue = addressHashKey;
