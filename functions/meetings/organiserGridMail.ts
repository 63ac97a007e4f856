import type { SiteBrand } from '../shared/content/siteSettings.ts';
import type { OutgoingEmail } from '../shared/mail/outgoingEmail.ts';
import type { TokenKeyRing } from '../shared/tokens/signedTokens.ts';
import { gridLinkEmail } from './meetingEmails.ts';
import { dayStartSeconds, type MeetingEvent } from './meetingEvent.ts';
import { gridCsvUrl, gridLinkExpiry, gridPageUrl, gridPdfUrl, signGridToken } from './meetingLinks.ts';
import type { MeetingStore } from './meetingStore.ts';

/**
 * The organising team's mail with the grid's link (`organiserEmail` of the event), with the
 * grid's figures as they stand; null when the event names no address.
 */
export async function organiserGridEmail(
  event: MeetingEvent,
  store: MeetingStore,
  brand: SiteBrand,
  ring: TokenKeyRing,
): Promise<OutgoingEmail | null> {
  if (!event.organiserEmail) return null;
  const [participants, meetings, run] = await Promise.all([
    store.participants(event.id),
    store.meetings(event.id),
    store.run(event.id),
  ]);
  const expiresAt = gridLinkExpiry(dayStartSeconds(event));
  const token = signGridToken(event.id, expiresAt, ring);
  return gridLinkEmail(event, {
    brand,
    pageUrl: gridPageUrl(event.slug, token),
    csvUrl: gridCsvUrl(event.slug, token),
    pdfUrl: gridPdfUrl(event.slug, token),
    validUntil: new Date(expiresAt * 1000),
    meetings: meetings.filter((meeting) => meeting.status === 'scheduled').length,
    unmet: run?.unmet ?? 0,
    participants: participants.length,
  });
}
