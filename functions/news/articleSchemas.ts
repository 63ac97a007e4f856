import * as z from 'zod/mini';
import { pageLimitSchema } from '../programme/programmeFilters.ts';

/** Query of `GET /articles`. */
export const articlesQuerySchema = z
  .strictObject({ limit: pageLimitSchema }, { error: 'field.unknownField' })
  .check(z.meta({ id: 'ArticlesQuery' }));

/** Response shapes of the news routes, for the OpenAPI document. */
const articleSummaryFields = {
  id: z.string(),
  title: z.string(),
  slug: z.string(),
  publishedAt: z.iso.datetime(),
  excerpt: z.string(),
  author: z.nullable(z.string()),
  themes: z.nullable(z.array(z.string())),
  updatedAt: z.iso.datetime(),
};

export const articleSummarySchema = z.object(articleSummaryFields).check(z.meta({ id: 'ArticleSummary' }));

export const articleSchema = z
  .object({
    ...articleSummaryFields,
    body: z.nullable(z.array(z.looseObject({}))).check(z.describe('Portable Text')),
  })
  .check(z.meta({ id: 'Article' }));
