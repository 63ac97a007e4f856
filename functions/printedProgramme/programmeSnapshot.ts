import { gunzipSync, gzipSync } from 'node:zlib';
import type { ProgrammeEvent } from './programmeContent.ts';

/** The campaign as the booklet prints it (cover, running heads, file name). */
export interface SnapshotCampaign {
  readonly title: string | null;
  readonly slug: string | null;
  readonly startsOn: string | null;
  readonly endsOn: string | null;
}

/**
 * The programme as it stood at a campaign's printed-programme deadline: the campaign and the
 * texts of its events published and open to everyone then, everything the booklet prints. Taken
 * once, when the deadline passes; every later edition of that deadline prints it, whatever was
 * edited, unpublished or published since.
 */
export interface ProgrammeSnapshot {
  readonly format: 1;
  readonly campaignId: string;
  /** The deadline it was taken for (ISO instant). */
  readonly deadline: string;
  /** When it was taken (ISO instant): at the deadline's first firing, minutes after it. */
  readonly takenAt: string;
  readonly campaign: SnapshotCampaign;
  /** Sorted by id: the same programme is the same bytes. */
  readonly events: readonly ProgrammeEvent[];
}

/** What the Content Lake keeps of a snapshot: a small private record, the events in a file asset. */
export interface SnapshotRecord {
  readonly _id: `essaim-private.${string}`;
  readonly _type: 'printedProgrammeSnapshot';
  readonly campaignId: string;
  readonly deadline: string;
  readonly takenAt: string;
  readonly events: number;
  readonly assetId: string;
  readonly fileUrl: string;
}

/** `2031-03-10T23:00:00.000Z` → `20310310T230000Z`: an instant as a document id may hold it. */
export const compactInstant = (instant: Date): string =>
  instant
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');

const publishedId = (campaignId: string) => campaignId.replace(/^drafts\./, '');

/** `essaim-private.printedProgrammeSnapshot.<campaign>.<deadline>`: one per campaign and deadline. */
export const snapshotRecordId = (campaignId: string, deadline: Date) =>
  `essaim-private.printedProgrammeSnapshot.${publishedId(campaignId)}.${compactInstant(deadline)}` as const;

/** The snapshot of these events and this campaign, events in a fixed order. */
export function programmeSnapshot(
  campaignId: string,
  campaign: SnapshotCampaign,
  events: readonly ProgrammeEvent[],
  times: { readonly deadline: Date; readonly takenAt: Date },
): ProgrammeSnapshot {
  return {
    format: 1,
    campaignId: publishedId(campaignId),
    deadline: times.deadline.toISOString(),
    takenAt: times.takenAt.toISOString(),
    campaign: {
      title: campaign.title ?? null,
      slug: campaign.slug ?? null,
      startsOn: campaign.startsOn ?? null,
      endsOn: campaign.endsOn ?? null,
    },
    events: [...events].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0)),
  };
}

/** The snapshot as the file kept: gzipped JSON (a tenth of its size; gzip's header carries no date). */
export const encodeSnapshot = (snapshot: ProgrammeSnapshot): Buffer =>
  gzipSync(Buffer.from(JSON.stringify(snapshot), 'utf8'), { level: 9 });

/** A kept file read back; throws on anything that is not a snapshot of this format. */
export function decodeSnapshot(bytes: Uint8Array): ProgrammeSnapshot {
  // Already inflated when a CDN served it with `content-encoding: gzip` (fetch undoes that).
  const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
  const json = gzipped ? gunzipSync(bytes) : Buffer.from(bytes);
  const snapshot = JSON.parse(json.toString('utf8')) as Partial<ProgrammeSnapshot>;
  if (snapshot?.format !== 1 || !Array.isArray(snapshot.events) || typeof snapshot.deadline !== 'string')
    throw new Error('Not a printed-programme snapshot of a known format');
  return snapshot as ProgrammeSnapshot;
}

/** The snapshot's private record, pointing at its file. */
export const snapshotRecord = (
  snapshot: ProgrammeSnapshot,
  file: { readonly assetId: string; readonly url: string },
): SnapshotRecord => ({
  _id: snapshotRecordId(snapshot.campaignId, new Date(snapshot.deadline)),
  _type: 'printedProgrammeSnapshot',
  campaignId: snapshot.campaignId,
  deadline: snapshot.deadline,
  takenAt: snapshot.takenAt,
  events: snapshot.events.length,
  assetId: file.assetId,
  fileUrl: file.url,
});
