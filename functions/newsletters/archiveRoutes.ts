import * as z from 'zod';
import type { RouteDeclaration } from '../manifest.ts';
import { readsContent } from '../shared/content/contentAccess.ts';
import { problemResponse } from '../shared/http/problemResponses.ts';
import {
  archivedNewsletterWithBodySchema,
  newsletterArchivePageSchema,
  newsletterArchiveQuerySchema,
} from './archiveSchemas.ts';

/** Reads the newsletters, and which of them were sent (NewsletterSends' `ARCHIVED` items). */
const readsArchive = readsContent({ tables: { newsletterSends: 'read' } });

/**
 * The public archive of sent newsletters (the newsletters manifest lists these routes):
 * a page of them, one of them, and an Atom feed.
 */
export const archiveRoutes = [
  {
    name: 'listNewsletters',
    method: 'GET',
    path: '/newsletters',
    access: readsArchive,
    openapi: {
      summary: 'The archive of sent newsletters, newest first',
      description:
        'Published newsletters whose send finished, newest send first, without their body (`GET /newsletters/{slug}` gives it). Pass `nextCursor` back as `cursor` for the next page.',
      tags: ['Newsletters'],
      security: [],
      requestParams: { query: newsletterArchiveQuerySchema },
      responses: {
        '200': {
          description: 'A page of the archive.',
          content: { 'application/json': { schema: newsletterArchivePageSchema } },
        },
        '304': { description: 'Not modified (`If-None-Match` matched the `ETag`).' },
        '400': problemResponse('Bad limit or cursor.'),
      },
    },
  },
  {
    name: 'getNewslettersFeed',
    method: 'GET',
    path: '/newsletters/feed.atom',
    access: readsArchive,
    openapi: {
      summary: 'The archive as an Atom feed',
      description:
        'The 30 latest sent newsletters as an Atom 1.0 feed, each entry with its text and a link to its page.',
      tags: ['Newsletters'],
      security: [],
      responses: {
        '200': { description: 'Atom 1.0.', content: { 'application/atom+xml': { schema: z.string() } } },
        '304': { description: 'Not modified (`If-None-Match` matched the `ETag`).' },
      },
    },
  },
  {
    name: 'getNewsletter',
    method: 'GET',
    path: '/newsletters/{slug}',
    access: readsArchive,
    openapi: {
      summary: 'One sent newsletter, with its body as HTML (its archive page)',
      description:
        'What the « Voir dans le navigateur » link of the mail opens, through the hosted page `lettre.html`: the newsletter as sent, with the generic greeting « Bonjour, » and no preference or unsubscribe link. A newsletter not sent yet is unknown here.',
      tags: ['Newsletters'],
      security: [],
      responses: {
        '200': {
          description: 'The newsletter.',
          content: { 'application/json': { schema: archivedNewsletterWithBodySchema } },
        },
        '304': { description: 'Not modified (`If-None-Match` matched the `ETag`).' },
        '404': problemResponse('No sent newsletter with this slug.'),
      },
    },
  },
] as const satisfies readonly RouteDeclaration[];
