import { queryContentLake } from '../shared/content/contentLakeQuery.ts';
import { createPrivateDocumentOnce, uploadFile, writeToken } from './programmeFiles.ts';
import {
  compactInstant,
  decodeSnapshot,
  encodeSnapshot,
  type ProgrammeSnapshot,
  type SnapshotRecord,
  snapshotRecord,
  snapshotRecordId,
} from './programmeSnapshot.ts';

/** The record of a campaign's snapshot for one deadline (a private document: read with a token). */
const snapshotRecordQuery = `*[_type == "printedProgrammeSnapshot" && _id == $id][0] {
  _id, _type, campaignId, deadline, takenAt, events, assetId, fileUrl
}`;

const readRecord = (campaignId: string, deadline: Date, token: string | null) =>
  queryContentLake<SnapshotRecord | null>(
    snapshotRecordQuery,
    { id: snapshotRecordId(campaignId, deadline) },
    token,
  );

async function downloadSnapshot(url: string): Promise<ProgrammeSnapshot> {
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`The printed programme's snapshot could not be read: HTTP ${response.status}`);
  }
  return decodeSnapshot(new Uint8Array(await response.arrayBuffer()));
}

/**
 * The snapshot recorded for this campaign and deadline, or null when none was taken (or when the
 * token cannot read private documents: without one, a public dataset hides them).
 */
export async function recordedSnapshot(
  campaignId: string,
  deadline: Date,
  token: string | null,
): Promise<ProgrammeSnapshot | null> {
  const record = await readRecord(campaignId, deadline, token);
  return record ? downloadSnapshot(record.fileUrl) : null;
}

/**
 * The programme as it stood at the deadline, for the functions: the snapshot recorded, or, the
 * first time, the one `take` makes, uploaded (a gzipped JSON file asset) and recorded with a
 * create-if-absent. Two runs at once may both take one; the first record wins, and both print
 * the winner's: there is never more than one snapshot of a deadline. A crash before the record
 * leaves at most an unused asset, and the next run takes it; after the record, nothing to redo.
 */
export async function deadlineSnapshot(
  campaignId: string,
  deadline: Date,
  take: () => Promise<ProgrammeSnapshot>,
): Promise<ProgrammeSnapshot> {
  const token = await writeToken();
  const recorded = await recordedSnapshot(campaignId, deadline, token);
  if (recorded) return recorded;
  const snapshot = await take();
  const file = await uploadFile(
    encodeSnapshot(snapshot),
    `instantane-programme-${snapshot.campaignId}-${compactInstant(deadline)}.json.gz`,
    'application/gzip',
  );
  await createPrivateDocumentOnce(snapshotRecord(snapshot, file));
  const kept = await readRecord(campaignId, deadline, token);
  if (!kept) throw new Error(`The snapshot of ${campaignId} was not recorded`);
  return kept.assetId === file.assetId ? snapshot : downloadSnapshot(kept.fileUrl);
}
