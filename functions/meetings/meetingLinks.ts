import { pageUrl } from '../shared/pageLinks.ts';
import { setting } from '../shared/settings.ts';
import { signToken, type TokenKeyRing, verifyToken } from '../shared/tokens/signedTokens.ts';
import { isParticipantId } from './meetingItems.ts';

/**
 * A participant's link to their space: a signed token naming the event and the participant
 * (ids only). It has no date of its own: the registration's retention ends it, as the item's.
 */
export const signParticipantToken = (eventId: string, participantId: string, ring: TokenKeyRing): string =>
  signToken('meetingParticipant', [eventId, participantId], ring);

export function verifyParticipantToken(
  token: string,
  ring: TokenKeyRing,
  now: Date,
): { eventId: string; participantId: string } | null {
  if (token.length > 1000) return null;
  const parts = verifyToken('meetingParticipant', token, ring, now);
  if (parts?.length !== 2) return null;
  const [eventId, participantId] = parts as [string, string];
  return isParticipantId(participantId) ? { eventId, participantId } : null;
}

/** The organiser's link works until two weeks after the meeting day (epoch seconds). */
export const gridLinkExpiry = (dayStartSeconds: number): number => dayStartSeconds + 14 * 86_400;

/** The organiser's link to the grid (CSV export, changes), valid until `expiresAt` (epoch seconds). */
export const signGridToken = (eventId: string, expiresAt: number, ring: TokenKeyRing): string =>
  signToken('meetingGrid', [eventId, String(expiresAt)], ring);

export function verifyGridToken(token: string, ring: TokenKeyRing, now: Date): { eventId: string } | null {
  const parts = verifyToken('meetingGrid', token, ring, now);
  if (parts?.length !== 2) return null;
  const [eventId, expiresAt] = parts as [string, string];
  return Number(expiresAt) * 1000 > now.getTime() ? { eventId } : null;
}

/** The hosted page where a participant sees their space (it calls the API with the token). */
export const participantSpaceUrl = (token: string): string => pageUrl('meetingSpace', { jeton: token });

/** The hosted page where the organising team sees and adjusts the grid (it calls the API with the token). */
export const gridPageUrl = (slug: string, token: string): string =>
  pageUrl('meetingGrid', { slug, jeton: token });

/** The grid's file (`API_URL`), for the organiser's link: the CSV a spreadsheet opens, the PDF to print. */
function gridFileUrl(slug: string, token: string, extension: 'csv' | 'pdf'): string {
  const url = new URL(
    `meetings/${encodeURIComponent(slug)}/grid.${extension}`,
    `${setting('apiUrl').replace(/\/?$/, '/')}`,
  );
  url.searchParams.set('token', token);
  return url.href;
}

export const gridCsvUrl = (slug: string, token: string): string => gridFileUrl(slug, token, 'csv');
export const gridPdfUrl = (slug: string, token: string): string => gridFileUrl(slug, token, 'pdf');
