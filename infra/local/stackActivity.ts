/**
 * Work under way in the local stack's parts that runs apart from any stream: API requests, the
 * Content Lake's webhook deliveries, the mailbox simulator's SES events and the topic
 * subscribers they invoke. With the stream poller's `quiet`, it tells when the whole stack has
 * nothing left to do (`GET /health/settled`): a test asserting that a mail was sent once asks
 * that, rather than waiting a fixed time that is too long on a quiet machine and may be too
 * short on a busy one.
 */
export class StackActivity {
  #inFlight = 0;
  #begun = 0;

  /** Counts `work` as under way until it settles. */
  track<T>(work: Promise<T>): Promise<T> {
    const done = this.begin();
    return work.finally(done);
  }

  /** Counts one piece of work as under way; call the answer once it is over. */
  begin(): () => void {
    this.#inFlight++;
    this.#begun++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.#inFlight--;
    };
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  /** Pieces of work begun since start: unchanged over a wait means nothing new began. */
  get begun(): number {
    return this.#begun;
  }
}

/**
 * Waits until the stack is settled: no work under way, every stream worker having read its
 * stream to the end after that, and nothing new begun or handed to a worker meanwhile (one piece
 * of work leads to the next: a webhook's request writes an item whose record a worker mails).
 * `false` at `deadline`.
 */
export async function settleStack(
  activity: StackActivity,
  streams: { quiet(deadline: number): Promise<boolean>; readonly delivered: number },
  deadline: number,
): Promise<boolean> {
  for (;;) {
    const before = activity.begun + streams.delivered;
    while (activity.inFlight > 0) {
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    if (!(await streams.quiet(deadline))) return false;
    if (activity.inFlight === 0 && activity.begun + streams.delivered === before) return true;
  }
}
