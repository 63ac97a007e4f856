import { readContent } from '../shared/content/contentReader.ts';
import { cacheableJson } from '../shared/http/cacheableResponse.ts';
import { httpHandler } from '../shared/http/httpHandler.ts';
import { ProblemError } from '../shared/http/problem.ts';
import { publishedBefore } from './listArticles.ts';
import { articleBySlugQuery } from './queries.ts';

/** `GET /articles/{slug}`: one published article, whole (where feed entries link). */
export const handler = httpHandler({}, async ({ event }) => {
  const slug = event.pathParameters?.slug ?? '';
  const { value: article } = await readContent(articleBySlugQuery, { slug, now: publishedBefore() });
  if (!article) {
    throw new ProblemError({
      status: 404,
      title: 'problem.notFound.title',
      detail: 'problem.articleNotFound.detail',
      params: { slug },
    });
  }
  const { _id, _updatedAt, ...rest } = article;
  return cacheableJson(event, { id: _id, ...rest, updatedAt: _updatedAt });
});
