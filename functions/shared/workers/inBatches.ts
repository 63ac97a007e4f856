/** What a run over many items gave: how many did their work, how many failed, the first failure. */
export interface BatchOutcome {
  readonly done: number;
  readonly failed: number;
  readonly firstError?: unknown;
}

/**
 * Runs `work` on every item of `items`, `concurrency` at a time (a busy day has thousands; one
 * failing item does not hold up the others). `work` answers whether it did something.
 */
export async function inBatches<T>(
  items: AsyncIterable<T> | Iterable<T>,
  concurrency: number,
  work: (item: T) => Promise<boolean>,
): Promise<BatchOutcome> {
  let batch: T[] = [];
  let done = 0;
  let failed = 0;
  let firstError: unknown;
  const flush = async () => {
    const outcomes = await Promise.allSettled(batch.map(work));
    batch = [];
    for (const outcome of outcomes) {
      if (outcome.status === 'fulfilled') done += outcome.value ? 1 : 0;
      else {
        failed++;
        firstError ??= outcome.reason;
      }
    }
  };
  for await (const item of items) {
    batch.push(item);
    if (batch.length === concurrency) await flush();
  }
  await flush();
  return { done, failed, ...(failed > 0 ? { firstError } : {}) };
}

/** The same, failing (after every item was tried) when any item failed: the run is retried. */
export async function allInBatches<T>(
  items: AsyncIterable<T> | Iterable<T>,
  concurrency: number,
  work: (item: T) => Promise<boolean>,
): Promise<number> {
  const outcome = await inBatches(items, concurrency, work);
  if (outcome.failed > 0) throw outcome.firstError;
  return outcome.done;
}
