import { systemClock } from '../shared/clock.ts';
import { httpHandler } from '../shared/http/httpHandler.ts';
import { logger } from '../shared/logger.ts';
import { gridOfLink } from './meetingGridAccess.ts';
import { gridPdf } from './meetingGridPdf.ts';
import { meetingGridQuerySchema } from './meetingGridRequest.ts';

/** `GET /meetings/{slug}/grid.pdf?token=…`: the grid to print, for the holder of the organiser's link only. */
export const handler = httpHandler({ query: meetingGridQuerySchema }, async ({ event: request, query }) => {
  const slug = request.pathParameters?.slug ?? '';
  const { event, meetings, profiles } = await gridOfLink(slug, query.token);
  const { pdf, pages } = await gridPdf(event, meetings, profiles, systemClock.now());
  logger.info('Business-meeting grid printed', { eventId: event.id, rows: meetings.length, pages });
  return {
    statusCode: 200,
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="rendez-vous-${slug}.pdf"`,
      'cache-control': 'no-store, private',
    },
    body: pdf.toString('base64'),
    isBase64Encoded: true,
  };
});
