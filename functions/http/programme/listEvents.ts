import { readContent } from '../../content/contentReader.ts';
import { programmeQuery } from '../../content/queries.ts';
import { toEventCard } from '../../domain/programme/eventCard.ts';
import { decodeCursor, encodeCursor, programmePageSchema } from '../../domain/programme/programmeFilters.ts';
import { translate } from '../../i18n/messages.ts';
import { systemClock } from '../../platform/clock.ts';
import { cacheableJson } from '../middleware/cacheableResponse.ts';
import { httpHandler } from '../middleware/httpHandler.ts';
import { ProblemError } from '../middleware/problem.ts';
import { registrationStore } from '../registrations/manageRegistration.ts';
import { programmeParams } from './programmeContext.ts';

/** `GET /events`: the programme, filtered, sorted by start, a page at a time. */
export const handler = httpHandler({ query: programmePageSchema }, async ({ query, event, language }) => {
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  if (query.cursor && !cursor) {
    throw new ProblemError({
      status: 400,
      title: 'problem.validation.title',
      detail: 'programme.cursor.invalid',
      errors: [{ pointer: '#/query/cursor', detail: translate(language, 'programme.cursor.invalid') }],
    });
  }
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
  const confirmed = await registrationStore.confirmedCounts(page.map((item) => item._id));
  const items = page.map((item) => toEventCard(item, references.regions, confirmed.get(item._id) ?? 0, now));
  const last = items.at(-1);
  const nextCursor =
    value.items.length > query.limit && last?.startsAt ? encodeCursor(last.startsAt, last.id) : null;
  return cacheableJson(event, { items, total: value.total, nextCursor });
});
