import { pageUrl } from '../shared/pageLinks.ts';
import { signToken, type TokenKeyRing, verifyToken } from '../shared/tokens/signedTokens.ts';
import { type RequestKind, requestKinds } from './personalDataRequest.ts';

/**
 * The confirmation link of a request: signed, with a purpose of its own, naming the request by
 * its random id (never the address), what it asks (so the page says « effacer » or « recevoir »
 * before the click; the server still acts on the stored request) and until when it works.
 */
const purpose = 'personal-data-request';

export const signRequestToken = (id: string, kind: RequestKind, until: Date, ring: TokenKeyRing): string =>
  signToken(purpose, [id, kind, String(Math.floor(until.getTime() / 1000))], ring);

export function verifyRequestToken(
  token: string,
  ring: TokenKeyRing,
  now: Date,
): { id: string; kind: RequestKind; expired: boolean } | null {
  const parts = verifyToken(purpose, token, ring, now);
  if (parts?.length !== 3) return null;
  const [id, kind, until] = parts as [string, string, string];
  if (!(requestKinds as readonly string[]).includes(kind)) return null;
  return { id, kind: kind as RequestKind, expired: Number(until) * 1000 <= now.getTime() };
}

export const confirmationPageUrl = (token: string): string =>
  pageUrl('confirmPersonalData', { jeton: token });
