import { cursorParameter } from '../programme/cursorParameter.ts';
import { encodeCursor } from '../programme/programmeFilters.ts';
import { cacheableJson } from '../shared/http/cacheableResponse.ts';
import { httpHandler } from '../shared/http/httpHandler.ts';
import { archivedNewsletters, isAfter } from './archivedNewsletters.ts';
import { newsletterArchiveQuerySchema } from './archiveSchemas.ts';

/** `GET /newsletters`: the archive of sent newsletters, newest first, a page at a time. */
export const handler = httpHandler(
  { query: newsletterArchiveQuerySchema },
  async ({ query, event, language }) => {
    // The programme's cursor: an opaque pair, here the last newsletter's send time and id.
    const cursor = cursorParameter(query.cursor, language);
    const archive = await archivedNewsletters();
    const after = cursor ? { sentAt: cursor.afterStartsAt, id: cursor.afterId } : null;
    const rest = after ? archive.filter((newsletter) => isAfter(newsletter, after)) : archive;
    const items = rest.slice(0, query.limit);
    const last = items.at(-1);
    const nextCursor = rest.length > query.limit && last ? encodeCursor(last.sentAt, last.id) : null;
    return cacheableJson(event, { items, nextCursor });
  },
);
