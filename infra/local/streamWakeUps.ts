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

/** Per worker: wakes its idle loop when its table is written to, or notes the write if it is busy. */
export class WakeUps {
  readonly #byWorker = new Map<string, { wake?: (() => void) | undefined; pending: boolean }>();

  wake(worker: string): void {
    const wakeUp = this.#byWorker.get(worker);
    if (!wakeUp) return;
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
  }
}
