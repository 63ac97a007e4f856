import * as z from 'zod/mini';
import { parisMidnight } from '../shared/french.ts';
import { eventFormats, eventThemes, frenchRegions, valuesOf } from './vocabulary.ts';

const regionCodes = frenchRegions.map((region) => region.code) as [string, ...string[]];
const day = /^\d{4}-\d{2}-\d{2}$/;

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

/** `from` is inclusive; `to` given as a day includes that whole day. */
export function dateBounds(filters: Pick<ProgrammeFilters, 'from' | 'to'>): {
  from: string | null;
  to: string | null;
} {
  const from = filters.from
    ? day.test(filters.from)
      ? parisMidnight(filters.from)
      : new Date(filters.from)
    : null;
  const to = filters.to
    ? day.test(filters.to)
      ? parisMidnight(new Date(Date.parse(`${filters.to}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10))
      : new Date(filters.to)
    : null;
  return { from: from?.toISOString() ?? null, to: to?.toISOString() ?? null };
}

export interface ProgrammeReferences {
  readonly regions: readonly { _id: string; code: string | null }[];
  readonly campaigns: readonly { _id: string; slug: string | null }[];
}

/**
 * The GROQ parameters of the shared filters; an unknown code or slug matches nothing.
 * `matchingIds` is the result of the text search, when there is one.
 */
export function programmeQueryParams(
  filters: ProgrammeFilters,
  references: ProgrammeReferences,
  matchingIds: readonly string[] | null = null,
) {
  const idOf = <T extends { _id: string }>(
    list: readonly T[],
    found: (item: T) => boolean,
    wanted: unknown,
  ) => (wanted === undefined ? null : (list.find(found)?._id ?? 'none'));
  return {
    regionId: idOf(references.regions, (region) => region.code === filters.region, filters.region),
    campaignId: idOf(
      references.campaigns,
      (campaign) => campaign.slug === filters.campaign,
      filters.campaign,
    ),
    format: filters.format ?? null,
    theme: filters.theme ?? null,
    openToAll: filters.openToAll === undefined ? null : filters.openToAll === 'true',
    ids: matchingIds,
    ...dateBounds(filters),
  };
}

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
