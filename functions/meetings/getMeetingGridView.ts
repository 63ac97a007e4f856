import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { logger } from '../shared/logger.ts';
import { gridOfLink } from './meetingGridAccess.ts';
import { meetingGridQuerySchema } from './meetingGridRequest.ts';
import { meetingGridView } from './meetingGridView.ts';

/**
 * `GET /meetings/{slug}/grid?token=…`: the grid as JSON for the organiser's page
 * (`rencontre-grille.html`), for the holder of the organiser's link only. Never cached.
 */
export const handler = httpHandler({ query: meetingGridQuerySchema }, async ({ event: request, query }) => {
  const slug = request.pathParameters?.slug ?? '';
  const { event, meetings, participants } = await gridOfLink(slug, query.token);
  logger.info('Business-meeting grid shown', { eventId: event.id, rows: meetings.length });
  return jsonResponse(200, meetingGridView(event, meetings, participants), {
    'cache-control': 'no-store, private',
  });
});
