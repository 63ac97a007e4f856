import { systemClock } from '../shared/clock.ts';
import { readContent } from '../shared/content/contentReader.ts';
import { cacheableJson } from '../shared/http/cacheableResponse.ts';
import { httpHandler } from '../shared/http/httpHandler.ts';
import { cursorParameter } from './cursorParameter.ts';
import { toEventCard } from './eventCard.ts';
import { confirmedCountsOf, programmeParams } from './programmeContext.ts';
import { encodeCursor, programmePageSchema } from './programmeFilters.ts';
import { programmeQuery } from './queries.ts';

/** `GET /events`: the programme, filtered, sorted by start, a page at a time. */
export const handler = httpHandler({ query: programmePageSchema }, async ({ query, event, language }) => {
  const cursor = cursorParameter(query.cursor, language);
  const { params, references } = await programmeParams(query);
  const { value } = await readContent(programmeQuery, {
    ...params,
    afterStartsAt: cursor?.afterStartsAt ?? null,
    afterId: cursor?.afterId ?? null,
    // One more than the page: tells whether a next page exists.
    limit: query.limit + 1,
  });
  const now = systemClock.now();
  const page = value.items.slice(0, query.limit);
  const confirmed = await confirmedCountsOf(page.map((item) => item._id));
  const items = page.map((item) => toEventCard(item, references.regions, confirmed.get(item._id) ?? 0, now));
  const last = items.at(-1);
  const nextCursor =
    value.items.length > query.limit && last?.startsAt ? encodeCursor(last.startsAt, last.id) : null;
  return cacheableJson(event, { items, total: value.total, nextCursor });
});
