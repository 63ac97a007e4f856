import { systemClock } from '../shared/clock.ts';
import { httpHandler, jsonResponse } from '../shared/http/httpHandler.ts';
import { logger } from '../shared/logger.ts';
import { directoryStore, entryOfLink, invalidDirectoryLink } from './directoryContext.ts';

/**
 * `DELETE /directory/entries/{token}`: the member deletes their entry, at once and completely:
 * the table's item now, and its documents in the Content Lake (draft and published) within
 * seconds, by the stream worker that follows every removal (`writeDirectoryDocuments`). The link
 * is void afterwards (`404`).
 */
export const handler = httpHandler({}, async ({ event }) => {
  const entry = await entryOfLink(event.pathParameters?.token ?? '', systemClock.now());
  if ((await directoryStore.remove(entry)) === 'gone') throw invalidDirectoryLink();
  logger.info('Directory entry deleted by its member', { entryId: entry.id });
  return jsonResponse(200, { status: 'deleted' });
});
