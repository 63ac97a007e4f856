import { setting } from '../shared/settings.ts';
import { signToken, type TokenKeyRing, verifyToken } from '../shared/tokens/signedTokens.ts';

/**
 * The organiser's link to see and edit their submission: a signed token (purpose `submission`,
 * the submission's id alone). It has no date of its own: editing ends when the campaign's
 * submissions close, which the route checks against the campaign, so a later closing date set
 * by editors keeps every link working.
 */
export const signSubmissionToken = (submissionId: string, ring: TokenKeyRing): string =>
  signToken('submission', [submissionId], ring);

export function verifySubmissionToken(token: string, ring: TokenKeyRing, now: Date): string | null {
  const parts = verifyToken('submission', token, ring, now);
  return parts?.length === 1 && /^[0-9a-f]{24}$/.test(parts[0] as string) ? (parts[0] as string) : null;
}

/**
 * The hosted page where the organiser sees and edits the submission (the `<essaim-submission>`
 * component in its edit mode calls `GET`/`PUT /submissions/{token}` with the token).
 */
export function submissionPageUrl(token: string): string {
  const url = new URL('proposition.html', `${setting('pagesUrl').replace(/\/?$/, '/')}`);
  url.searchParams.set('jeton', token);
  return url.href;
}

/** A submitted event in the Studio: the document of its first date (`studioUrl` from `STUDIO_URL`). */
export function studioDocumentUrl(studioUrl: string, documentId: string): string {
  return `${studioUrl.replace(/\/$/, '')}/intent/edit/id=${encodeURIComponent(documentId)};type=event`;
}
