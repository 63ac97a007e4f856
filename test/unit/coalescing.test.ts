import { describe, expect, it } from 'vitest';
import { coalesced, coalescedByKey } from '../../functions/shared/workers/coalescing.ts';
import { mapAtMost } from '../../functions/shared/workers/mapAtMost.ts';

describe('coalesced calls', () => {
  it('gathers the calls of one moment into one operation and answers each caller in order', async () => {
    const operations: number[][] = [];
    const double = coalesced<number, number>(async (inputs) => {
      operations.push([...inputs]);
      return inputs.map((input) => input * 2);
    });
    const answers = await Promise.all([double(1), double(2), double(3)]);
    expect(answers).toEqual([2, 4, 6]);
    expect(operations).toEqual([[1, 2, 3]]);
    // A later call is a new operation: it never gets an answer computed before it asked.
    expect(await double(5)).toBe(10);
    expect(operations).toHaveLength(2);
  });

  it('starts an operation once it holds the most inputs allowed', async () => {
    const sizes: number[] = [];
    const echo = coalesced<number, number>(
      async (inputs) => {
        sizes.push(inputs.length);
        return inputs;
      },
      { windowMilliseconds: 1000, maxInputs: 2 },
    );
    const started = Date.now();
    expect(await Promise.all([echo(1), echo(2)])).toEqual([1, 2]);
    expect(Date.now() - started).toBeLessThan(900);
    expect(sizes).toEqual([2]);
  });

  it('rejects every caller of a failed operation', async () => {
    const failing = coalesced<number, number>(async () => {
      throw new Error('refused');
    });
    const answers = await Promise.allSettled([failing(1), failing(2)]);
    expect(answers.map((answer) => answer.status)).toEqual(['rejected', 'rejected']);
  });

  it('runs once per distinct key, and a key’s failure is its own callers’ alone', async () => {
    const performed: string[] = [];
    const read = coalescedByKey(async (key) => {
      performed.push(key);
      if (key === 'b') throw new Error('missing');
      return key.toUpperCase();
    });
    const answers = await Promise.allSettled([read('a'), read('b'), read('a')]);
    expect(answers).toEqual([
      { status: 'fulfilled', value: 'A' },
      { status: 'rejected', reason: new Error('missing') },
      { status: 'fulfilled', value: 'A' },
    ]);
    expect(performed.sort()).toEqual(['a', 'b']);
  });
});

describe('work on many items, a few at a time', () => {
  it('answers in the items’ order and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const answers = await mapAtMost(3, [5, 1, 4, 2, 3, 0], async (delay) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, delay));
      running -= 1;
      return delay * 10;
    });
    expect(answers).toEqual([50, 10, 40, 20, 30, 0]);
    expect(most).toBe(3);
  });
});
