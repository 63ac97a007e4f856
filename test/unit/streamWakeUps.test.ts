import { describe, expect, it } from 'vitest';
import { StackActivity, settleStack } from '../../infra/local/stackActivity.ts';
import { tablesWrittenBy, WakeUps } from '../../infra/local/streamWakeUps.ts';

describe('the tables a DynamoDB command writes to (the local poller wakes their workers)', () => {
  it('names the table of a single-item write', () => {
    for (const command of ['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand'])
      expect(tablesWrittenBy(command, { TableName: 'essaim-Subscribers' })).toEqual(['essaim-Subscribers']);
  });

  it('names every table of a batch and of a transaction, once each, and not a condition check’s', () => {
    expect(tablesWrittenBy('BatchWriteItemCommand', { RequestItems: { a: [], b: [] } }).sort()).toEqual([
      'a',
      'b',
    ]);
    expect(
      tablesWrittenBy('TransactWriteItemsCommand', {
        TransactItems: [
          { Put: { TableName: 'a' } },
          { Update: { TableName: 'a' } },
          { ConditionCheck: { TableName: 'c' } },
          { Delete: { TableName: 'b' } },
        ],
      }),
    ).toEqual(['a', 'b']);
  });

  it('names none for a read', () => {
    expect(tablesWrittenBy('GetItemCommand', { TableName: 'a' })).toEqual([]);
    expect(tablesWrittenBy('QueryCommand', { TableName: 'a' })).toEqual([]);
  });
});

describe('an idle stream worker', () => {
  it('waits its interval, wakes at once on a write, and does not wait after a write made while it worked', async () => {
    const wakeUps = new WakeUps();
    let started = Date.now();
    await wakeUps.idle('worker', 50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    started = Date.now();
    setTimeout(() => wakeUps.wake('worker'), 10);
    await wakeUps.idle('worker', 5000);
    expect(Date.now() - started).toBeLessThan(1000);
    wakeUps.wake('worker');
    started = Date.now();
    await wakeUps.idle('worker', 5000);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('a quiet stack (GET /health/settled)', () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  /** A worker's loop as the poller runs it: rounds that find records follow each other, an empty one idles. */
  function runWorker(wakeUps: WakeUps, name: string, stream: { records: number }) {
    let running = true;
    const loop = (async () => {
      while (running) {
        if (stream.records > 0) {
          stream.records--;
          await sleep(2);
        } else await wakeUps.idle(name, 1000);
      }
    })();
    return async () => {
      running = false;
      wakeUps.wake(name);
      await loop;
    };
  }

  it('is quiet once every worker read nothing in a round begun after the question, at once when woken', async () => {
    const wakeUps = new WakeUps();
    const first = { records: 0 };
    const second = { records: 40 };
    const stops = [runWorker(wakeUps, 'first', first), runWorker(wakeUps, 'second', second)];
    await sleep(20);
    // The second worker has records in hand: not quiet yet; the first idles for a second, woken.
    const started = Date.now();
    expect(await wakeUps.quiet(['first', 'second'], Date.now() + 5000)).toBe(true);
    expect(second.records).toBe(0);
    expect(Date.now() - started).toBeLessThan(900);
    // A record written after a quiet answer is read before the next one.
    second.records = 1;
    expect(await wakeUps.quiet(['first', 'second'], Date.now() + 5000)).toBe(true);
    expect(second.records).toBe(0);
    await Promise.all(stops.map((stop) => stop()));
  });

  it('answers false at the deadline while a worker never finds its stream empty', async () => {
    const wakeUps = new WakeUps();
    const busy = { records: Number.POSITIVE_INFINITY };
    const stop = runWorker(wakeUps, 'busy', busy);
    expect(await wakeUps.quiet(['busy'], Date.now() + 100)).toBe(false);
    busy.records = 0;
    await stop();
  });

  it('waits for the work under way and for what it led to, then for the streams once more', async () => {
    const activity = new StackActivity();
    let delivered = 0;
    let quietAsked = 0;
    const streams = {
      get delivered() {
        return delivered;
      },
      async quiet() {
        quietAsked++;
        // The first pass hands a record to a worker: the stack is not settled after it.
        if (quietAsked === 1) delivered++;
        return true;
      },
    };
    let finished = false;
    activity.track(sleep(50).then(() => (finished = true)));
    expect(await settleStack(activity, streams, Date.now() + 5000)).toBe(true);
    expect(finished).toBe(true);
    expect(quietAsked).toBe(2);
    // Work that never ends: not settled by the deadline.
    activity.begin();
    expect(await settleStack(activity, streams, Date.now() + 50)).toBe(false);
  });
});
