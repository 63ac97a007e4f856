import { readContent } from '../../content/contentReader.ts';
import { articlesQuery } from '../../content/queries.ts';
import { systemClock } from '../../platform/clock.ts';
import { cacheableJson } from '../middleware/cacheableResponse.ts';
import { httpHandler } from '../middleware/httpHandler.ts';
import { articlesQuerySchema } from './articlesQuerySchema.ts';

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
