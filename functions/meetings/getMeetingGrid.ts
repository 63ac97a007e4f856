import { httpHandler } from '../shared/http/httpHandler.ts';
import { logger } from '../shared/logger.ts';
import { gridOfLink } from './meetingGridAccess.ts';
import { gridCsv } from './meetingGridCsv.ts';
import { meetingGridQuerySchema } from './meetingGridRequest.ts';

/** `GET /meetings/{slug}/grid.csv?token=…`: the grid, for the holder of the organiser's link only. */
export const handler = httpHandler({ query: meetingGridQuerySchema }, async ({ event: request, query }) => {
  const slug = request.pathParameters?.slug ?? '';
  const { event, meetings, profiles } = await gridOfLink(slug, query.token);
  logger.info('Business-meeting grid downloaded', { eventId: event.id, rows: meetings.length });
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="rendez-vous-${slug}.csv"`,
      'cache-control': 'no-store, private',
    },
    body: gridCsv(event, meetings, profiles),
  };
});
