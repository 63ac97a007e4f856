import { CheckmarkCircleIcon } from '@sanity/icons/CheckmarkCircle';
import type { StructureBuilder } from 'sanity/structure';
import { moderationStates } from '../../functions/submissions/submissionVocabulary.ts';

/** A submitted event as the moderation view counts it (`raw`: drafts and published versions). */
export interface ModeratedEventRow {
  readonly _id: string;
  readonly region: string | null;
  readonly state: string | null;
}

export type ModerationCounts = Map<string, Record<string, number>>;

/**
 * Each document once, as it waits for a decision: by its draft when it has one (a new submission
 * or entry, or an edit of a published one), otherwise by its published version.
 */
export function currentVersions<Row extends { readonly _id: string }>(rows: readonly Row[]): Row[] {
  const byDocument = new Map<string, Row>();
  for (const row of rows) {
    const id = row._id.replace(/^drafts\./, '');
    if (row._id.startsWith('drafts.') || !byDocument.has(id)) byDocument.set(id, row);
  }
  return [...byDocument.values()];
}

/** Counts per region and state, each event once (`currentVersions`). */
export function countModeration(rows: readonly ModeratedEventRow[]): ModerationCounts {
  const counts: ModerationCounts = new Map();
  for (const { region, state } of currentVersions(rows)) {
    if (!region || !state) continue;
    const line = counts.get(region) ?? {};
    line[state] = (line[state] ?? 0) + 1;
    counts.set(region, line);
  }
  return counts;
}

/** Counts per state of the members' directory entries, each entry once (`currentVersions`). */
export function countDirectoryModeration(
  rows: readonly { readonly _id: string; readonly state: string | null }[],
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { state } of currentVersions(rows)) if (state) counts[state] = (counts[state] ?? 0) + 1;
  return counts;
}

/** « Île-de-France (3 à modérer) », « Annuaire des membres (2 à modérer) » */
export function regionTitle(name: string, line: Record<string, number> | undefined): string {
  const waiting = line?.toModerate ?? 0;
  return waiting > 0 ? `${name} (${waiting} à modérer)` : name;
}

const moderatedEventsQuery = `*[_type == "event" && defined(moderation.state)]{ _id, "region": region._ref, "state": moderation.state }`;
const moderatedEntriesQuery = `*[_type == "directoryEntry" && defined(moderation.state)]{ _id, "state": moderation.state }`;
const regionsQuery = `*[_type == "region" && !(_id in path("drafts.**"))] | order(name asc) { _id, name }`;

/** The four states of the members' directory entries, each with its count and its live list. */
const directoryItem = (S: StructureBuilder, counts: Record<string, number>) =>
  S.listItem()
    .id('moderation-directory')
    .title(regionTitle('Annuaire des membres', counts))
    .child(
      S.list()
        .id('moderation-directory-states')
        .title('Annuaire des membres')
        .items(
          moderationStates.map(({ value, title }) =>
            S.listItem()
              .id(value)
              .title(`${title} (${counts[value] ?? 0})`)
              .child(
                S.documentList()
                  .id(`moderation-directory-${value}`)
                  .title(`${title} — Annuaire des membres`)
                  .schemaType('directoryEntry')
                  .apiVersion('2025-02-19')
                  .filter('_type == "directoryEntry" && moderation.state == $state')
                  .params({ state: value })
                  .defaultOrdering([{ field: 'moderation.submittedAt', direction: 'asc' }]),
              ),
          ),
        ),
    );

/**
 * « Modération »: per region (its chamber moderates its events), the submitted events to
 * moderate, ready, published and refused, each with its count; then the members' directory
 * entries in the same four states (counted when the list opens).
 */
export const moderationListItem = (S: StructureBuilder) =>
  S.listItem()
    .id('moderation')
    .title('Modération')
    .icon(CheckmarkCircleIcon)
    .child(async () => {
      const client = S.context.getClient({ apiVersion: '2025-02-19' });
      const [regions, rows, entries] = await Promise.all([
        client.fetch<{ _id: string; name: string }[]>(regionsQuery),
        client.fetch<ModeratedEventRow[]>(moderatedEventsQuery, {}, { perspective: 'raw' }),
        client.fetch<{ _id: string; state: string | null }[]>(
          moderatedEntriesQuery,
          {},
          { perspective: 'raw' },
        ),
      ]);
      const counts = countModeration(rows);
      return S.list()
        .id('moderation-regions')
        .title('Modération')
        .items([
          ...regions.map((region) =>
            S.listItem()
              .id(region._id)
              .title(regionTitle(region.name, counts.get(region._id)))
              .child(
                S.list()
                  .id(`moderation-${region._id}`)
                  .title(region.name)
                  .items(
                    moderationStates.map(({ value, title }) =>
                      S.listItem()
                        .id(value)
                        .title(`${title} (${counts.get(region._id)?.[value] ?? 0})`)
                        .child(
                          S.documentList()
                            .id(`moderation-${region._id}-${value}`)
                            .title(`${title} — ${region.name}`)
                            .schemaType('event')
                            .apiVersion('2025-02-19')
                            .filter(
                              '_type == "event" && region._ref == $region && moderation.state == $state',
                            )
                            .params({ region: region._id, state: value })
                            .defaultOrdering([{ field: 'startsAt', direction: 'asc' }]),
                        ),
                    ),
                  ),
              ),
          ),
          S.divider(),
          directoryItem(S, countDirectoryModeration(entries)),
        ]);
    });
