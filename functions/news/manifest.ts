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
        tags: ['Articles'],
        requestParams: { query: articlesQuerySchema },
        responses: {
          '200': {
            description: 'Articles.',
            content: { 'application/json': { schema: z.array(articleSummarySchema) } },
          },
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
        tags: ['Articles'],
        responses: {
          '200': { description: 'The article.', content: { 'application/json': { schema: articleSchema } } },
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
        tags: ['Articles'],
        responses: {
          '200': { description: 'Atom 1.0.', content: { 'application/atom+xml': { schema: z.string() } } },
        },
      },
    },
  ],
} as const satisfies FeatureManifest;
