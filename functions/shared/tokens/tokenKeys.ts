import { fromSecret } from '../secrets.ts';
import { setting } from '../settings.ts';
import { keyedAddressHash } from './keyedAddressHash.ts';
import { keyRingFromJson, type TokenKeyRing } from './signedTokens.ts';

/** The keys that sign and verify links (`TOKEN_KEYS` secret, `TOKEN_KEY_ID` setting), once per container. */
export const tokenKeyRing: () => Promise<TokenKeyRing> = fromSecret('TOKEN_KEYS', (json) =>
  keyRingFromJson(json, setting('tokenKeyId')),
);

const addressHashKey = fromSecret('ADDRESS_HASH_KEY', (key) => {
  if (!key) throw new Error('ADDRESS_HASH_KEY is not configured');
  return key;
});

/** The keyed hash of an address (see `keyedAddressHash.ts`), with the `ADDRESS_HASH_KEY` secret. */
export async function addressKey(email: string, ...parts: readonly string[]): Promise<string> {
  return keyedAddressHash(await addressHashKey(), email, ...parts);
}

/** The address-hash key, for callers that hash many addresses at once. */
export const addressHashKeyValue = addressHashKey;
