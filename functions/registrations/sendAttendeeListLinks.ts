import { readContent } from '../shared/content/contentReader.ts';
import { currentSiteSettings } from '../shared/content/siteSettings.ts';
import { idempotentMailer } from '../shared/mail/idempotentMailer.ts';
import { pageUrl } from '../shared/pageLinks.ts';
import { tokenKeyRing } from '../shared/tokens/tokenKeys.ts';
import { streamWorker } from '../shared/workers/workers.ts';
import { attendeeListEmail } from './attendeeListEmail.ts';
import { eventAttendeeRecipientsQuery } from './queries.ts';
import { signAttendeeListToken } from './registrationLinks.ts';

/** How long a link to an attendee list stays valid. */
const linkLifetimeSeconds = 24 * 3600;

interface AttendeeListRequest {
  sk: string;
  eventId: string;
  slug: string;
  requestedAt: string;
}

/** Stream worker: mails the attendee-list link an organiser or a chamber asked for, to them only. */
export const handler = streamWorker<AttendeeListRequest>({
  name: 'sendAttendeeListLinks',
  mailer: idempotentMailer,
  handle: async ({ newImage: request, log }, mail) => {
    if (!request) return;
    const [{ value: event }, { brand }, ring] = await Promise.all([
      readContent(eventAttendeeRecipientsQuery, { slug: request.slug }),
      currentSiteSettings(),
      tokenKeyRing(),
    ]);
    const recipients = [
      ...new Set([event?.organizerEmail, event?.cressEmail].filter((to): to is string => Boolean(to))),
    ];
    if (!event || event._id !== request.eventId || recipients.length === 0) {
      log.warn('No recipient for an attendee list', { eventId: request.eventId });
      return;
    }
    const expiresAt = Math.floor(Date.parse(request.requestedAt) / 1000) + linkLifetimeSeconds;
    const token = signAttendeeListToken(request.eventId, expiresAt, ring);
    // The hosted page downloads `GET /events/{slug}/attendees.csv?token=…` (and says when the link ends).
    const url = pageUrl('attendeeList', { manifestation: request.slug, jeton: token });
    const email = await attendeeListEmail(recipients, {
      brand,
      title: event.title ?? request.slug,
      url,
      validUntil: new Date(expiresAt * 1000),
    });
    await mail.sendOnce(`${request.eventId}#${request.sk}`, email);
  },
});
