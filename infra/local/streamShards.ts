/** How the local stream poller orders its reads of a stream's shards, and compares positions in them. */
import type { ShardCheckpoint } from './streamCheckpoints.ts';

/** A shard as one worker reads it. */
export interface ShardReader {
  readonly parentId: string | undefined;
  readonly checkpoint: ShardCheckpoint;
  iterator?: string | undefined;
  /** Read from the oldest record kept after its checkpoint's successors were trimmed. */
  restartedFromTrimHorizon?: boolean;
}

/** A shard is read once its parent (if the stream still has it) has been read to its end. */
export function isReadable(reader: ShardReader, readers: ReadonlyMap<string, ShardReader>): boolean {
  if (reader.checkpoint.finished) return false;
  const parent = reader.parentId ? readers.get(reader.parentId) : undefined;
  return !parent || parent.checkpoint.finished === true;
}

/** Sequence numbers are decimal strings of any length: compared as numbers. */
export const isAfter = (sequenceNumber: string | undefined, checkpoint: string | undefined): boolean =>
  checkpoint === undefined || (sequenceNumber !== undefined && BigInt(sequenceNumber) > BigInt(checkpoint));
