import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

type Input = Record<string, unknown>;

/** The tables a DynamoDB command writes to (none for a read). */
export function tablesWrittenBy(commandName: string, input: Input): string[] {
  switch (commandName) {
    case 'PutItemCommand':
    case 'UpdateItemCommand':
    case 'DeleteItemCommand':
      return typeof input.TableName === 'string' ? [input.TableName] : [];
    case 'BatchWriteItemCommand':
      return Object.keys((input.RequestItems as Input | undefined) ?? {});
    case 'TransactWriteItemsCommand':
      return [
        ...new Set(
          ((input.TransactItems as Input[] | undefined) ?? []).flatMap((item) =>
            ['Put', 'Update', 'Delete'].flatMap((kind) => {
              const name = (item[kind] as Input | undefined)?.TableName;
              return typeof name === 'string' ? [name] : [];
            }),
          ),
        ),
      ];
    default:
      return [];
  }
}

/**
 * After each write the functions make, tells the stream poller which tables changed, so their
 * workers read the new records at once instead of at their next poll: quicker hand-overs and far
 * fewer idle reads of DynamoDB Local (whose single SQLite thread every `GetRecords` queues on).
 */
export function wakeStreamWorkersOnWrites(
  client: DynamoDBClient,
  wake: (tableName: string) => void,
): () => void {
  const name = 'essaimStreamWakeUps';
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const output = await next(args);
      for (const table of tablesWrittenBy(context.commandName ?? '', args.input as Input)) wake(table);
      return output;
    },
    { step: 'initialize', name },
  );
  return () => {
    client.middlewareStack.remove(name);
  };
}

/**
 * Per worker: wakes its idle loop when its table is written to, or notes the write if it is busy;
 * and, since a worker goes idle exactly when a round of reads found nothing, tells when every
 * worker has read its stream to the end (`quiet`).
 */
export class WakeUps {
  readonly #byWorker = new Map<string, { wake?: (() => void) | undefined; pending: boolean }>();
  /**
   * When each worker's round of reads began (its last `idle` ended; a round that found records
   * is followed at once by the next one, which keeps the older time: never later than the truth),
   * and when its last round that found nothing began.
   */
  readonly #rounds = new Map<string, { startedAt: number; lastEmptyStartedAt: number }>();

  wake(worker: string): void {
    // A worker in its first round has no entry yet: the write is noted for its first idle all the same.
    const wakeUp = this.#byWorker.get(worker) ?? { pending: false };
    this.#byWorker.set(worker, wakeUp);
    wakeUp.pending = true;
    wakeUp.wake?.();
  }

  /**
   * Waits `milliseconds`, or less if the worker's table is written to meanwhile (or was, while it
   * worked): `true` when a write woke it.
   */
  async idle(worker: string, milliseconds: number): Promise<boolean> {
    const wakeUp = this.#byWorker.get(worker) ?? { pending: false };
    this.#byWorker.set(worker, wakeUp);
    const round = this.#rounds.get(worker) ?? { startedAt: 0, lastEmptyStartedAt: -1 };
    this.#rounds.set(worker, round);
    // Called after a round that read nothing: as of when that round began, the stream was read.
    round.lastEmptyStartedAt = round.startedAt;
    try {
      if (wakeUp.pending) {
        wakeUp.pending = false;
        return true;
      }
      const woken = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), milliseconds);
        wakeUp.wake = () => {
          clearTimeout(timer);
          resolve(true);
        };
      });
      wakeUp.wake = undefined;
      wakeUp.pending = false;
      return woken;
    } finally {
      round.startedAt = performance.now();
    }
  }

  /**
   * Resolves `true` once every one of `workers` has read its stream to the end in a round begun
   * after this call (so every record written before it was handled, and nothing was in hand), or
   * `false` at `deadline` (a worker still failing, or not polling). Wakes them: it takes one poll.
   */
  async quiet(workers: readonly string[], deadline: number): Promise<boolean> {
    const since = performance.now();
    for (const worker of workers) this.wake(worker);
    const readToTheEnd = (worker: string) => (this.#rounds.get(worker)?.lastEmptyStartedAt ?? -1) > since;
    while (!workers.every(readToTheEnd)) {
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return true;
  }
}
