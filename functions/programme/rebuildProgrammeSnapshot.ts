import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { contentReadToken, queryContentLake } from '../shared/content/contentLakeQuery.ts';
import type { ProgrammeSnapshotContent } from './programmeSnapshot.ts';
import type { ProgrammeSnapshotStore, SnapshotPointer } from './programmeSnapshotStore.ts';
import { programmeSnapshotQuery } from './queries.ts';
import { snapshotDelta } from './snapshotDelta.ts';

const compress = promisify(gzip);
const decompress = promisify(gunzip);

/** The snapshot this container made last: the next rebuild's delta starts from it without reading it back. */
let lastMade: { readonly snapshotId: string; readonly content: ProgrammeSnapshotContent } | undefined;

export interface RebuildOutcome {
  /** `replaced`: a new snapshot is current; `unchanged`: the content was the same; `superseded`: a later one won. */
  readonly outcome: 'replaced' | 'unchanged' | 'superseded';
  readonly events: number;
  readonly bytes: number;
}

/**
 * Reads the whole published programme from the Content Lake (one query) and makes it the
 * current snapshot, unless it is the same as the current one. `queriedAt` is taken before the
 * query: every change recorded before that instant is in what it reads.
 */
export async function rebuildProgrammeSnapshot(
  store: ProgrammeSnapshotStore,
  queriedAt: number,
  now: Date,
): Promise<RebuildOutcome> {
  const content = await queryContentLake<ProgrammeSnapshotContent>(
    programmeSnapshotQuery,
    {},
    await contentReadToken(),
  );
  // The lake's order is not the programme's: sorted, the same content is the same bytes (and hash).
  const sorted: ProgrammeSnapshotContent = {
    regions: [...content.regions].sort((a, b) => (a._id < b._id ? -1 : 1)),
    campaigns: [...content.campaigns].sort((a, b) => (a._id < b._id ? -1 : 1)),
    events: [...content.events].sort((a, b) => (a._id < b._id ? -1 : 1)),
  };
  const json = JSON.stringify(sorted);
  const contentHash = createHash('sha256').update(json).digest('base64url');
  const events = sorted.events.length;
  const current = await store.current();
  if (current?.contentHash === contentHash) {
    await store.confirm(contentHash, queriedAt);
    return { outcome: 'unchanged', events, bytes: current.bytes };
  }
  const compressed = await compress(json);
  const snapshotId = `${queriedAt}-${contentHash.slice(0, 12)}`;
  const delta = current ? await deltaFrom(store, current, sorted) : undefined;
  const replaced = await store.replace(
    compressed,
    { snapshotId, queriedAt, contentHash, events },
    now,
    delta,
  );
  if (replaced) lastMade = { snapshotId, content: sorted };
  return { outcome: replaced ? 'replaced' : 'superseded', events, bytes: compressed.length };
}

/** The compressed delta from the current snapshot, which functions holding it apply instead of reloading. */
async function deltaFrom(
  store: ProgrammeSnapshotStore,
  current: SnapshotPointer,
  next: ProgrammeSnapshotContent,
): Promise<Buffer | undefined> {
  if (lastMade?.snapshotId === current.snapshotId)
    return compress(JSON.stringify(snapshotDelta(lastMade.content, next, current.snapshotId)));
  const previous = await store.read(current).then(
    async (compressed) =>
      JSON.parse((await decompress(compressed)).toString('utf8')) as ProgrammeSnapshotContent,
    // Parts already expired (a snapshot replaced long ago by a lost race): no delta, functions reload.
    () => null,
  );
  if (!previous) return undefined;
  return compress(JSON.stringify(snapshotDelta(previous, next, current.snapshotId)));
}
