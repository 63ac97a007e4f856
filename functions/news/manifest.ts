import * as z from 'zod';
import type { FeatureManifest } from '../manifest.ts';
import { readsContent } from '../shared/content/contentAccess.ts';
import { problemResponse } from '../shared/http/problemResponses.ts';
import { articleSchema, articleSummarySchema, articlesQuerySchema } from './articleSchemas.ts';

/** The network's news: a list, one article, an Atom feed. */
export const news = {
  folder: 'news',
  routes: [
    {
      name: 'listArticles',
      method: 'GET',
      path: '/articles',
      access: readsContent(),
      openapi: {
        summary: 'Published news, newest first',
        description:
          'Articles whose publication date has passed, newest first, without their body (`GET /articles/{slug}` gives it).',
        tags: ['Articles'],
        security: [],
        requestParams: { query: articlesQuerySchema },
        responses: {
          '200': {
            description: 'Articles.',
            content: { 'application/json': { schema: z.array(articleSummarySchema) } },
          },
          '304': { description: 'Not modified (`If-None-Match` matched the `ETag`).' },
          '400': problemResponse('Bad limit.'),
        },
      },
    },
    {
      name: 'getArticle',
      method: 'GET',
      path: '/articles/{slug}',
      access: readsContent(),
      openapi: {
        summary: 'One published article, whole (feed entries link here)',
        description:
          'The article with its body (Portable Text). An article not yet published (its publication date still ahead) is unknown here.',
        tags: ['Articles'],
        security: [],
        responses: {
          '200': { description: 'The article.', content: { 'application/json': { schema: articleSchema } } },
          '304': { description: 'Not modified (`If-None-Match` matched the `ETag`).' },
          '404': problemResponse('No published article with this slug.'),
        },
      },
    },
    {
      name: 'getArticlesFeed',
      method: 'GET',
      path: '/feed.xml',
      access: readsContent(),
      openapi: {
        summary: 'The news as an Atom feed',
        description:
          'The 30 latest published articles as an Atom 1.0 feed, for feed readers; each entry links to `GET /articles/{slug}`.',
        tags: ['Articles'],
        security: [],
        responses: {
          '200': { description: 'Atom 1.0.', content: { 'application/atom+xml': { schema: z.string() } } },
          '304': { description: 'Not modified (`If-None-Match` matched the `ETag`).' },
        },
      },
    },
  ],
} as const satisfies FeatureManifest;
