import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';

/** How far a worker got in one shard. */
export interface ShardCheckpoint {
  /** The last record fully processed (delivered, or filtered out). */
  sequenceNumber?: string;
  /** The shard is closed and was read to its end: nothing more will come from it. */
  finished?: boolean;
}

interface WorkerCheckpoints {
  /** Checkpoints hold for this stream only: a table created anew has a new stream, read from its start. */
  streamArn: string;
  shards: Record<string, ShardCheckpoint>;
}

interface CheckpointFile {
  version: 1;
  workers: Record<string, WorkerCheckpoints>;
}

/**
 * The poller's position in each stream, per worker and shard, as a Lambda event source mapping
 * keeps it in AWS: kept in a JSON file of the data directory (or in memory only), so that a
 * restart resumes after the last record processed instead of replaying the streams. Each save
 * writes a temporary file and renames it over the old one (atomic), one save at a time.
 */
export class StreamCheckpoints {
  readonly #file: string | undefined;
  readonly #state: CheckpointFile;
  #saving: Promise<void> = Promise.resolve();

  constructor(file?: string) {
    this.#file = file;
    this.#state = file && existsSync(file) ? readCheckpoints(file) : { version: 1, workers: {} };
  }

  /** The worker's checkpoints in this stream (emptied if they were kept for another stream). */
  shardsOf(worker: string, streamArn: string): Record<string, ShardCheckpoint> {
    const kept = Object.hasOwn(this.#state.workers, worker) ? this.#state.workers[worker] : undefined;
    if (kept?.streamArn === streamArn) return kept.shards;
    const fresh: WorkerCheckpoints = { streamArn, shards: {} };
    this.#state.workers[worker] = fresh;
    return fresh.shards;
  }

  /** Writes every checkpoint as it is now; resolves once they are on disk. */
  save(): Promise<void> {
    const file = this.#file;
    if (!file) return Promise.resolve();
    this.#saving = this.#saving
      .catch(() => undefined)
      .then(async () => {
        const temporary = `${file}.${process.pid}.tmp`;
        await writeFile(temporary, `${JSON.stringify(this.#state, null, 2)}\n`);
        await rename(temporary, file);
      });
    return this.#saving;
  }
}

function readCheckpoints(file: string): CheckpointFile {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<CheckpointFile>;
    if (parsed.version === 1 && parsed.workers && typeof parsed.workers === 'object')
      return { version: 1, workers: parsed.workers };
  } catch {
    // Unreadable (edited by hand?): said below, and the streams are read from their start.
  }
  console.error(`Stream checkpoints in ${file} are unreadable: every stream is read from its oldest record.`);
  return { version: 1, workers: {} };
}
