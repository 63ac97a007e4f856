import * as z from 'zod/mini';

const watchedFields = z.nullish(
  z.object({
    title: z.nullish(z.string()),
    slug: z.nullish(z.string()),
    startsAt: z.nullish(z.string()),
    endsAt: z.nullish(z.string()),
    status: z.nullish(z.string()),
    venue: z.nullish(z.record(z.string(), z.unknown())),
    onlineUrl: z.nullish(z.string()),
    registration: z.nullish(
      z.object({ capacity: z.nullish(z.number()), waitingList: z.nullish(z.boolean()) }),
    ),
  }),
);

/** The body of a Sanity webhook, as the projection in the README shapes it. */
export const contentChangeSchema = z.object({
  documentId: z.string().check(z.minLength(1), z.maxLength(200)),
  type: z.string().check(z.minLength(1), z.maxLength(100)),
  revision: z.string().check(z.minLength(1), z.maxLength(100)),
  operation: z.enum(['create', 'update', 'delete']),
  /** The document's `_updatedAt` after the edit: orders edits, whatever order webhooks arrive in. */
  updatedAt: z.iso.datetime({ offset: true }),
  before: watchedFields,
  after: watchedFields,
});

export type ContentChange = z.output<typeof contentChangeSchema>;

/** Change records feed the registrants' notices; they need not outlive the campaign. */
export const changeRetentionDays = 90;
