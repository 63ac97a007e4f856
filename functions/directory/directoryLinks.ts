import { pageUrl } from '../shared/pageLinks.ts';
import { signToken, type TokenKeyRing, verifyToken } from '../shared/tokens/signedTokens.ts';

/**
 * The member's link to their entry: a signed token (purpose `directoryEntry`, the entry's id
 * and its link nonce). The same link confirms the address (the page posts the confirmation: a
 * mail scanner that opens it confirms nothing) and then manages the entry. It has no date of
 * its own: a pending entry lasts 48 hours, and a new request or the deletion changes the nonce,
 * which voids every older link.
 */
export const signDirectoryToken = (entryId: string, linkNonce: string, ring: TokenKeyRing): string =>
  signToken('directoryEntry', [entryId, linkNonce], ring);

export function verifyDirectoryToken(
  token: string,
  ring: TokenKeyRing,
  now: Date,
): { entryId: string; linkNonce: string } | null {
  if (token.length > 1000) return null;
  const parts = verifyToken('directoryEntry', token, ring, now);
  if (parts?.length !== 2) return null;
  const [entryId, linkNonce] = parts as [string, string];
  return /^[0-9a-f]{24}$/.test(entryId) && /^[\w-]{8,32}$/.test(linkNonce) ? { entryId, linkNonce } : null;
}

/** The hosted page where the member confirms, sees, edits or deletes their entry (`<essaim-directory-join>`). */
export const directoryEntryPageUrl = (token: string): string => pageUrl('directoryEntry', { jeton: token });
