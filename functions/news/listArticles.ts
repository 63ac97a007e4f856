import { systemClock } from '../shared/clock.ts';
import { readContent } from '../shared/content/contentReader.ts';
import { cacheableJson } from '../shared/http/cacheableResponse.ts';
import { httpHandler } from '../shared/http/httpHandler.ts';
import { articlesQuerySchema } from './articleSchemas.ts';
import { articlesQuery } from './queries.ts';

/** The minute: published-before comparisons stay cacheable for a minute at a time. */
export const publishedBefore = (): string => `${systemClock.now().toISOString().slice(0, 16)}:59.999Z`;

/** `GET /articles`: published news, newest first. */
export const handler = httpHandler({ query: articlesQuerySchema }, async ({ query, event }) => {
  const { value } = await readContent(articlesQuery, { now: publishedBefore(), limit: query.limit });
  return cacheableJson(
    event,
    value.map(({ _id, _updatedAt, ...article }) => ({ id: _id, ...article, updatedAt: _updatedAt })),
  );
});
