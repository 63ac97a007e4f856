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
 * Counts per region and state. An event with a draft counts by its draft (what waits for a
 * decision: a new submission, or an organiser's edit of a published event), otherwise by its
 * published version; each event once.
 */
export function countModeration(rows: readonly ModeratedEventRow[]): ModerationCounts {
  const byEvent = new Map<string, ModeratedEventRow>();
  for (const row of rows) {
    const id = row._id.replace(/^drafts\./, '');
    if (row._id.startsWith('drafts.') || !byEvent.has(id)) byEvent.set(id, row);
  }
  const counts: ModerationCounts = new Map();
  for (const { region, state } of byEvent.values()) {
    if (!region || !state) continue;
    const line = counts.get(region) ?? {};
    line[state] = (line[state] ?? 0) + 1;
    counts.set(region, line);
  }
  return counts;
}

/** « Île-de-France (3 à modérer) » */
export function regionTitle(name: string, line: Record<string, number> | undefined): string {
  const waiting = line?.toModerate ?? 0;
  return waiting > 0 ? `${name} (${waiting} à modérer)` : name;
}

const moderatedEventsQuery = `*[_type == "event" && defined(moderation.state)]{ _id, "region": region._ref, "state": moderation.state }`;
const regionsQuery = `*[_type == "region" && !(_id in path("drafts.**"))] | order(name asc) { _id, name }`;

/**
 * « Modération »: per region (its chamber moderates its events), the submitted events to
 * moderate, ready, published and refused, each with its count (counted when the list opens).
 */
export const moderationListItem = (S: StructureBuilder) =>
  S.listItem()
    .id('moderation')
    .title('Modération')
    .icon(CheckmarkCircleIcon)
    .child(async () => {
      const client = S.context.getClient({ apiVersion: '2025-02-19' });
      const [regions, rows] = await Promise.all([
        client.fetch<{ _id: string; name: string }[]>(regionsQuery),
        client.fetch<ModeratedEventRow[]>(moderatedEventsQuery, {}, { perspective: 'raw' }),
      ]);
      const counts = countModeration(rows);
      return S.list()
        .id('moderation-regions')
        .title('Modération par région')
        .items(
          regions.map((region) =>
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
        );
    });
