import * as z from 'zod';
import { pageLimitSchema } from '../programme/programmeFilters.ts';

/** Query of `GET /articles`. */
export const articlesQuerySchema = z
  .strictObject({ limit: pageLimitSchema }, { error: 'field.unknownField' })
  .meta({ id: 'ArticlesQuery' });

/** Response shapes of the news routes, for the OpenAPI document. */
export const articleSummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    slug: z.string(),
    publishedAt: z.iso.datetime(),
    excerpt: z.string(),
    author: z.string().nullable(),
    themes: z.array(z.string()).nullable(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'ArticleSummary' });

export const articleSchema = articleSummarySchema
  .extend({ body: z.array(z.looseObject({})).nullable().describe('Portable Text') })
  .meta({ id: 'Article' });
