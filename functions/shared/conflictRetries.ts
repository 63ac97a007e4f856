import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  TransactionConflictException,
} from '@aws-sdk/client-dynamodb';

/** Conflicting single-item writes are tried again this many times. */
export const maxAttempts = 25;
/**
 * Conflicting transactions (many people registering at once) are tried again for this long: a
 * time rather than a count, because a crowd on one event makes each try slower as well as rarer
 * to succeed. Under a 10-second function timeout, with room to answer.
 */
export const settleWithinMilliseconds = 7000;

/** Still conflicting when the time was up: nothing was written; the caller may try again soon. */
export class BusyError extends Error {
  constructor(what: string) {
    super(`${what} kept conflicting with concurrent changes`);
    this.name = 'BusyError';
  }
}

/** A random pause that grows with the attempt (full jitter, at most 200 ms). */
export const pause = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 10 * 2 ** attempt)));

/**
 * Which item of a cancelled transaction failed its condition, or `'conflict'` when it met
 * another transaction (or a throttle) and may simply be tried again. Anything else is rethrown.
 */
export function failedItem(error: unknown): number | 'conflict' {
  if (!(error instanceof TransactionCanceledException)) throw error;
  const reasons = error.CancellationReasons ?? [];
  const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
  if (failed >= 0) return failed;
  if (reasons.some((reason) => reason.Code === 'TransactionConflict' || reason.Code === 'ThrottlingError')) {
    return 'conflict';
  }
  throw error;
}

/**
 * Runs `attempt` until it answers, pausing between tries. An attempt answers a value to stop,
 * or `undefined` to be tried again (after a conflict it recognised). A `BusyError` once
 * `settleWithinMilliseconds` have passed (the HTTP layer answers it with 503 and `Retry-After`).
 */
export async function untilSettled<T>(
  what: string,
  attempt: (index: number) => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + settleWithinMilliseconds;
  for (let index = 0; ; index++) {
    const outcome = await attempt(index);
    if (outcome !== undefined) return outcome;
    if (Date.now() >= deadline) throw new BusyError(what);
    await pause(index);
  }
}

/**
 * Sends a single-item write that may meet a transaction in progress on the same item (a
 * counter…): tried again after a pause. Answers false when its condition failed (nothing to do).
 */
export async function writeUnlessConditionFails(send: () => Promise<unknown>): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    try {
      await send();
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      if (!(error instanceof TransactionConflictException) || attempt >= maxAttempts) throw error;
      await pause(attempt);
    }
  }
}
