import { parisMidnight } from '../shared/french.ts';
import type { ProgrammeFilters } from './programmeFilters.ts';

/**
 * The filters of `GET /events` turned into what the snapshot compares (ids, ISO bounds): apart
 * from their request schemas, so that a function reading the snapshot by slug (registrations)
 * carries neither zod's schemas nor the vocabulary.
 */

/** A day (`2027-11-05`) rather than an instant. */
export const day = /^\d{4}-\d{2}-\d{2}$/;

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
