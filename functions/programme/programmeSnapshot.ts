import type { ProgrammeSnapshotQueryResult } from '../shared/content/sanity.types.ts';
import type { ProgrammeFilters } from './programmeFilters.ts';
import { programmeQueryParams } from './programmeParams.ts';
import type { SnapshotDelta } from './snapshotDelta.ts';
import { matchesEveryWord, queryWords, searchableWords } from './textSearch.ts';

/** What the snapshot holds: every published event, the regions and the campaigns (`programmeSnapshotQuery`). */
export type ProgrammeSnapshotContent = ProgrammeSnapshotQueryResult;
export type SnapshotEvent = ProgrammeSnapshotContent['events'][number];
export type SnapshotRegion = ProgrammeSnapshotContent['regions'][number];

/** Sorted by start then id, the programme's order; an event without a start comes first. */
const byStartThenId = (a: SnapshotEvent, b: SnapshotEvent): number => {
  const left = a.startsAt ?? '';
  const right = b.startsAt ?? '';
  if (left !== right) return left < right ? -1 : 1;
  return a._id < b._id ? -1 : a._id > b._id ? 1 : 0;
};

/**
 * The published programme in memory, filtered here rather than by a query per request: the
 * filters of `GET /events`, `GET /regions` and `GET /events.ics`, with exact totals and counts
 * (18,000 events are scanned in a few milliseconds). Built once per content change.
 */
export class ProgrammeSnapshot {
  readonly events: readonly SnapshotEvent[];
  readonly regions: readonly SnapshotRegion[];
  readonly campaigns: ProgrammeSnapshotContent['campaigns'];
  #words: (readonly string[])[] | undefined;
  #bySlug: Map<string, SnapshotEvent> | undefined;

  constructor(content: ProgrammeSnapshotContent) {
    this.events = [...content.events].sort(byStartThenId);
    this.regions = content.regions;
    this.campaigns = content.campaigns;
  }

  /** The events the filters select, in the programme's order; `exceptRegion` for the map's counts. */
  select(filters: ProgrammeFilters, options: { exceptRegion?: boolean } = {}): SnapshotEvent[] {
    const params = programmeQueryParams(filters, this);
    const wanted = queryWords(filters.q);
    const words = wanted.length > 0 ? this.searchWords() : undefined;
    const regionId = options.exceptRegion ? null : params.regionId;
    return this.events.filter(
      (event, index) =>
        (params.campaignId === null || event.campaignId === params.campaignId) &&
        (regionId === null || event.regionId === regionId) &&
        (params.format === null || event.format === params.format) &&
        (params.theme === null || (event.themes ?? []).includes(params.theme)) &&
        (params.from === null || (event.startsAt !== null && event.startsAt >= params.from)) &&
        (params.to === null || (event.startsAt !== null && event.startsAt < params.to)) &&
        (params.openToAll === null || event.openToAll === params.openToAll) &&
        (words === undefined || matchesEveryWord(words[index] as readonly string[], wanted)),
    );
  }

  /**
   * The snapshot after a delta (`snapshotDelta.ts`): the events it removes or replaces left out,
   * its events added, the words of unchanged events kept.
   */
  withChanges(delta: SnapshotDelta): ProgrammeSnapshot {
    const changed = new Set([...delta.removals, ...delta.upserts.map((event) => event._id)]);
    const kept = this.events.filter((event) => !changed.has(event._id));
    const next = new ProgrammeSnapshot({
      regions: delta.regions,
      campaigns: delta.campaigns,
      events: [...kept, ...delta.upserts],
    });
    if (this.#words) {
      const wordsOf = new Map(this.events.map((event, index) => [event._id, this.#words?.[index]]));
      next.#words = next.events.map((event) =>
        changed.has(event._id) ? searchableWords(event) : (wordsOf.get(event._id) ?? searchableWords(event)),
      );
    }
    return next;
  }

  /** The published event with this slug (indexed on the first call: only registrations ask). */
  eventBySlug(slug: string): SnapshotEvent | undefined {
    this.#bySlug ??= new Map(
      this.events.filter((event) => event.slug).map((event) => [event.slug as string, event]),
    );
    return this.#bySlug.get(slug);
  }

  /** The words of every event, folded on the first search and kept: only searches pay for them. */
  private searchWords(): (readonly string[])[] {
    this.#words ??= this.events.map(searchableWords);
    return this.#words;
  }

  /**
   * One page of selected events after the cursor (the last item's start and id), and whether
   * more follow.
   */
  static page(
    selected: readonly SnapshotEvent[],
    cursor: { afterStartsAt: string; afterId: string } | null,
    limit: number,
  ): { items: SnapshotEvent[]; more: boolean } {
    let start = 0;
    if (cursor) {
      // Binary search of the first event after the cursor: pages deep in the programme cost the same.
      let high = selected.length;
      while (start < high) {
        const middle = (start + high) >>> 1;
        const event = selected[middle] as SnapshotEvent;
        const after =
          event.startsAt !== null &&
          (event.startsAt > cursor.afterStartsAt ||
            (event.startsAt === cursor.afterStartsAt && event._id > cursor.afterId));
        if (after) high = middle;
        else start = middle + 1;
      }
    }
    return { items: selected.slice(start, start + limit), more: selected.length > start + limit };
  }
}
