import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { ProblemError } from '../shared/http/problem.ts';
import { setting } from '../shared/settings.ts';
import { ProgrammeSnapshot, type ProgrammeSnapshotContent } from './programmeSnapshot.ts';
import { ProgrammeSnapshotStore, type SnapshotPointer } from './programmeSnapshotStore.ts';
import type { SnapshotDelta } from './snapshotDelta.ts';

const decompress = promisify(gunzip);

let store: ProgrammeSnapshotStore | undefined;
/** The snapshot this container holds, and when its pointer was last checked. */
let loaded: { readonly pointer: SnapshotPointer; readonly snapshot: ProgrammeSnapshot } | undefined;
let checkedAt = Number.NEGATIVE_INFINITY;
let checking: Promise<ProgrammeSnapshot> | undefined;

/** The `503` of a stack whose first snapshot is not made yet (minutes after its first deployment). */
const notReady = () =>
  new ProblemError({
    status: 503,
    title: 'problem.busy.title',
    detail: 'programme.notReady.detail',
    headers: { 'Retry-After': '30' },
  });

async function refresh(): Promise<ProgrammeSnapshot> {
  const startedAt = Date.now();
  store ??= new ProgrammeSnapshotStore(dynamoDbDocumentClient(), tableNameOf('programme'));
  const pointer = await store.current();
  if (!pointer) throw notReady();
  if (loaded?.pointer.snapshotId !== pointer.snapshotId) {
    const snapshot =
      (loaded && (await caughtUp(store, loaded, pointer))) ??
      new ProgrammeSnapshot(
        JSON.parse(
          (await decompress(await store.read(pointer))).toString('utf8'),
        ) as ProgrammeSnapshotContent,
      );
    loaded = { pointer, snapshot };
  } else if (loaded.pointer.queriedAt !== pointer.queriedAt) {
    // The same content, confirmed by a later rebuild (an edit of what the snapshot leaves out):
    // it now holds every change recorded before that rebuild's query.
    loaded = { pointer, snapshot: loaded.snapshot };
  }
  checkedAt = startedAt;
  return loaded.snapshot;
}

/** A function this many changes behind or more loads the whole snapshot again. */
const mostDeltas = 8;

/**
 * The snapshot `pointer` names, from the one held and the deltas between them (read newest
 * first, each naming the one before); null when they do not reach back to it.
 */
async function caughtUp(
  store: ProgrammeSnapshotStore,
  held: { readonly pointer: SnapshotPointer; readonly snapshot: ProgrammeSnapshot },
  pointer: SnapshotPointer,
): Promise<ProgrammeSnapshot | null> {
  const deltas: SnapshotDelta[] = [];
  let reached = pointer.snapshotId;
  while (reached !== held.pointer.snapshotId) {
    if (deltas.length === mostDeltas) return null;
    const compressed = await store.delta(reached);
    if (!compressed) return null;
    const delta = JSON.parse((await decompress(compressed)).toString('utf8')) as SnapshotDelta;
    deltas.unshift(delta);
    reached = delta.from;
  }
  return deltas.reduce((snapshot, delta) => snapshot.withChanges(delta), held.snapshot);
}

/**
 * The snapshot if it holds every change recorded up to `changedAt` (epoch ms: its Content Lake
 * query began after it), checking the pointer again when the one held does not; null while no
 * rebuild has caught up (or none exists yet). For decisions that must rest on the last edit.
 */
export async function programmeHolding(changedAt: number): Promise<ProgrammeSnapshot | null> {
  const holds = () => (loaded && loaded.pointer.queriedAt > changedAt ? loaded.snapshot : null);
  if (holds()) return holds();
  await sharedRefresh().catch(() => undefined);
  // A check begun before `changedAt` may still have found an older pointer: then the caller
  // falls back to the Content Lake.
  return holds();
}

/**
 * The current programme snapshot. A warm function checks its pointer (one read) at most every
 * `CONTENT_REVISION_CHECK_MS`, as the content cache does, and fetches the snapshot only when it
 * changed; concurrent requests share one check.
 */
export async function currentProgramme(): Promise<ProgrammeSnapshot> {
  if (loaded && Date.now() - checkedAt < setting('contentRevisionCheckMs')) return loaded.snapshot;
  return sharedRefresh();
}

/** One pointer check at a time: the requests that ask meanwhile share it. */
function sharedRefresh(): Promise<ProgrammeSnapshot> {
  checking ??= refresh().finally(() => {
    checking = undefined;
  });
  return checking;
}
