import { pageUrl } from '../shared/pageLinks.ts';
import { signToken, type TokenKeyRing, verifyToken } from '../shared/tokens/signedTokens.ts';

/**
 * The links a subscriber receives, signed and naming the subscription by its random id only:
 * confirm (valid until `until`), manage preferences and unsubscribe (valid as long as the
 * subscription exists, across key rotations: the key ring keeps retired keys).
 */
export const signConfirmationToken = (id: string, until: Date, ring: TokenKeyRing): string =>
  signToken('subscription-confirm', [id, String(Math.floor(until.getTime() / 1000))], ring);

export function verifyConfirmationToken(
  token: string,
  ring: TokenKeyRing,
  now: Date,
): { id: string; expired: boolean } | null {
  const parts = verifyToken('subscription-confirm', token, ring, now);
  if (parts?.length !== 2) return null;
  const [id, until] = parts as [string, string];
  return { id, expired: Number(until) * 1000 <= now.getTime() };
}

export const signPreferencesToken = (id: string, ring: TokenKeyRing): string =>
  signToken('subscription', [id], ring);

export function verifyPreferencesToken(token: string, ring: TokenKeyRing, now: Date): { id: string } | null {
  const parts = verifyToken('subscription', token, ring, now);
  return parts?.length === 1 ? { id: parts[0] as string } : null;
}

/** `list`: the list a mail was sent for (one-click leaves that list); `*`: everything. */
export const signUnsubscribeToken = (id: string, list: string | '*', ring: TokenKeyRing): string =>
  signToken('unsubscribe', [id, list], ring);

export function verifyUnsubscribeToken(
  token: string,
  ring: TokenKeyRing,
  now: Date,
): { id: string; scope: { list: string } | 'all' } | null {
  const parts = verifyToken('unsubscribe', token, ring, now);
  if (parts?.length !== 2) return null;
  const [id, list] = parts as [string, string];
  return { id, scope: list === '*' ? 'all' : { list } };
}

export const confirmationPageUrl = (token: string): string =>
  pageUrl('confirmSubscription', { jeton: token });
export const preferencesPageUrl = (token: string): string =>
  pageUrl('subscriptionPreferences', { jeton: token });
export const unsubscribePageUrl = (token: string): string => pageUrl('unsubscribe', { jeton: token });
