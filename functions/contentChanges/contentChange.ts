import * as z from 'zod';

const watchedFields = z
  .object({
    title: z.string().nullish(),
    slug: z.string().nullish(),
    startsAt: z.string().nullish(),
    endsAt: z.string().nullish(),
    status: z.string().nullish(),
    venue: z.record(z.string(), z.unknown()).nullish(),
    onlineUrl: z.string().nullish(),
    registration: z.object({ capacity: z.number().nullish(), waitingList: z.boolean().nullish() }).nullish(),
  })
  .nullish();

/** The body of a Sanity webhook, as the projection in the README shapes it. */
export const contentChangeSchema = z.object({
  documentId: z.string().min(1).max(200),
  type: z.string().min(1).max(100),
  revision: z.string().min(1).max(100),
  operation: z.enum(['create', 'update', 'delete']),
  /** The document's `_updatedAt` after the edit: orders edits, whatever order webhooks arrive in. */
  updatedAt: z.iso.datetime({ offset: true }),
  before: watchedFields,
  after: watchedFields,
});

export type ContentChange = z.output<typeof contentChangeSchema>;
