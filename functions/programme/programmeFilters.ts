import * as z from 'zod/mini';
import { day } from './programmeParams.ts';
import { eventFormats, eventThemes, frenchRegions, valuesOf } from './vocabulary.ts';

const regionCodes = frenchRegions.map((region) => region.code) as [string, ...string[]];

/** A day (`2027-11-14`, a whole Paris day) or an instant (`2027-11-14T18:00:00Z`). */
const dayOrInstant = z.string().check(
  z.refine(
    (value) =>
      day.test(value)
        ? !Number.isNaN(Date.parse(`${value}T00:00:00Z`))
        : !Number.isNaN(Date.parse(value)) && value.includes('T'),
    {
      error: 'programme.date.invalid',
    },
  ),
);

/** How many results a page holds: 1 to 100, 20 by default. */
export const pageLimitSchema = z._default(
  z.coerce
    .number({ error: 'programme.limit.invalid' })
    .check(
      z.int({ error: 'programme.limit.invalid' }),
      z.minimum(1, { error: 'programme.limit.invalid' }),
      z.maximum(100, { error: 'programme.limit.invalid' }),
    ),
  20,
);

/** The filters `GET /events`, `GET /regions` and `GET /events.ics` share. */
export const programmeFilterFields = {
  region: z.optional(z.enum(regionCodes, { error: 'programme.region.unknown' })),
  format: z.optional(
    z.enum(valuesOf(eventFormats) as [string, ...string[]], { error: 'programme.format.unknown' }),
  ),
  theme: z.optional(
    z.enum(valuesOf(eventThemes) as [string, ...string[]], { error: 'programme.theme.unknown' }),
  ),
  from: z.optional(dayOrInstant),
  to: z.optional(dayOrInstant),
  openToAll: z.optional(z.enum(['true', 'false'], { error: 'programme.boolean.invalid' })),
  campaign: z.optional(
    z.string().check(z.regex(/^[a-z0-9-]{1,96}$/, { error: 'programme.campaign.invalid' })),
  ),
  q: z.optional(z.string().check(z.trim(), z.maxLength(100, { error: 'field.text.tooLong' }))),
};

export const programmeFiltersSchema = z
  .strictObject(programmeFilterFields, { error: 'field.unknownField' })
  .check(z.meta({ id: 'ProgrammeFilters' }));

export const programmePageSchema = z
  .strictObject(
    {
      ...programmeFilterFields,
      cursor: z.optional(z.string().check(z.maxLength(200))),
      limit: pageLimitSchema,
    },
    { error: 'field.unknownField' },
  )
  .check(z.meta({ id: 'ProgrammePageQuery' }));

export type ProgrammeFilters = z.output<typeof programmeFiltersSchema>;

export { dateBounds, type ProgrammeReferences, programmeQueryParams } from './programmeParams.ts';

/** An opaque position in the programme: the last item's start and id. */
export function encodeCursor(startsAt: string, id: string): string {
  return Buffer.from(JSON.stringify([startsAt, id])).toString('base64url');
}

export function decodeCursor(cursor: string): { afterStartsAt: string; afterId: string } | null {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2) {
      const [afterStartsAt, afterId] = value as unknown[];
      if (typeof afterStartsAt === 'string' && typeof afterId === 'string') return { afterStartsAt, afterId };
    }
  } catch {
    // Falls through: not a cursor we made.
  }
  return null;
}
