import * as z from 'zod/mini';
import { pageLimitSchema } from '../programme/programmeFilters.ts';

/** Query of `GET /newsletters`. */
export const newsletterArchiveQuerySchema = z
  .strictObject(
    { cursor: z.optional(z.string().check(z.maxLength(200))), limit: pageLimitSchema },
    { error: 'field.unknownField' },
  )
  .check(z.meta({ id: 'NewsletterArchiveQuery' }));

/** Response shapes of the archive's routes, for the OpenAPI document. */
const archivedNewsletterFields = {
  id: z.string(),
  slug: z.string(),
  subject: z.string(),
  preheader: z.nullable(z.string()),
  sentAt: z.iso.datetime().check(z.describe('When its send finished.')),
  url: z.url().check(z.describe('Its page among the hosted pages (`lettre.html?lettre=<slug>`).')),
};

export const archivedNewsletterSchema = z
  .object(archivedNewsletterFields)
  .check(z.meta({ id: 'ArchivedNewsletter' }));

export const newsletterArchivePageSchema = z
  .object({
    items: z.array(archivedNewsletterSchema),
    nextCursor: z
      .nullable(z.string())
      .check(z.describe('Pass it back as `cursor` for the next page; null on the last.')),
  })
  .check(z.meta({ id: 'NewsletterArchivePage' }));

export const archivedNewsletterWithBodySchema = z
  .object({
    ...archivedNewsletterFields,
    html: z
      .string()
      .check(
        z.describe(
          'The newsletter’s body as HTML for a page (headings from level 2, the cards of its articles and events), with the generic greeting and no personal link.',
        ),
      ),
  })
  .check(z.meta({ id: 'ArchivedNewsletterWithBody' }));
