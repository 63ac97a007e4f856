import type { ProgrammeSnapshotContent, SnapshotEvent } from './programmeSnapshot.ts';

/**
 * What changed between two snapshots: the events added or edited (whole), the ids of those
 * removed, and the regions and campaigns (a few dozen, always whole). A function holding the
 * snapshot `from` applies it instead of fetching the new one: one small read after an edit
 * rather than the whole programme.
 */
export interface SnapshotDelta {
  readonly from: string;
  readonly upserts: readonly SnapshotEvent[];
  readonly removals: readonly string[];
  readonly regions: ProgrammeSnapshotContent['regions'];
  readonly campaigns: ProgrammeSnapshotContent['campaigns'];
}

/** The delta that turns `previous` (snapshot `from`) into `next`; events compared by their JSON. */
export function snapshotDelta(
  previous: ProgrammeSnapshotContent,
  next: ProgrammeSnapshotContent,
  from: string,
): SnapshotDelta {
  const before = new Map(previous.events.map((event) => [event._id, JSON.stringify(event)]));
  const upserts = next.events.filter((event) => before.get(event._id) !== JSON.stringify(event));
  const kept = new Set(next.events.map((event) => event._id));
  const removals = previous.events.filter((event) => !kept.has(event._id)).map((event) => event._id);
  return { from, upserts, removals, regions: next.regions, campaigns: next.campaigns };
}
