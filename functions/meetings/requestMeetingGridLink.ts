import { systemClock } from '../shared/clock.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { logger } from '../shared/logger.ts';
import { translate } from '../shared/messages.ts';
import { clientAllowance, limitOrRefuse, mailboxAllowance } from '../shared/rateLimits.ts';
import { meetingEventBySlug, meetingStore } from './meetingContext.ts';

/**
 * `POST /meetings/{slug}/grid/link`: mails the grid's link again to the organising team's
 * address (the event's `organiserEmail`, and nobody else), once the deadline made the grid, at
 * most once an hour. The answer is the same whoever asks and whatever the grid's state.
 */
export const handler = httpHandler({}, async ({ event: request, language }) => {
  const now = systemClock.now();
  const event = await meetingEventBySlug(request.pathParameters?.slug ?? '');
  const run = await meetingStore.run(event.id);
  const ready = run?.state === 'gridStored' || run?.state === 'mailed';
  if (ready && event.organiserEmail) {
    await limitOrRefuse(
      [
        await clientAllowance(request, 'meetingChanges', now),
        await mailboxAllowance(event.organiserEmail, now),
      ],
      now,
    );
    const recorded = await meetingStore.requestGridLink(event.id, now);
    logger.info('Business-meeting grid link requested', { eventId: event.id, recorded });
  }
  return jsonResponse(202, { message: translate(language, 'meetings.gridLinkRequested') });
});
