import * as z from 'zod';

/** The shapes of the directory's answers, for the OpenAPI document (`manifest.ts`). */

export const listedEntrySchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    organization: z.string().nullable(),
    role: z.string().nullable(),
    region: z.object({ code: z.string(), name: z.string() }).nullable(),
    sectors: z.array(z.string()),
    families: z.array(z.string()),
    offers: z.array(z.string()),
    offerDetails: z.string().nullable(),
    needs: z.array(z.string()),
    needDetails: z.string().nullable(),
    links: z.array(z.string()),
    hasPublicEmail: z.boolean().meta({
      description: 'Whether the member made an address public: `GET /directory/{id}` shows it.',
    }),
  })
  .meta({ id: 'DirectoryListedEntry' });

export const memberEntrySchema = z
  .object({
    id: z.string(),
    status: z.enum(['pending', 'confirmed']),
    published: z.boolean(),
    version: z.number().int(),
    email: z.string(),
    requestedAt: z.string(),
    confirmedAt: z.string().nullable(),
    updatedAt: z.string(),
    keptUntil: z.string(),
    fields: z.record(z.string(), z.unknown()).meta({
      description:
        'The fields of `DirectoryEntryEdit` as recorded, with `publicFields`, to fill the form in.',
    }),
  })
  .meta({ id: 'DirectoryMemberEntry' });

export const statusMessage = (id: string) =>
  z.object({ status: z.string(), message: z.string() }).meta({ id });
