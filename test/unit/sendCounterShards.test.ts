import { describe, expect, it } from 'vitest';
import { counterShardOf, counterShards, withShardCounts } from '../../functions/newsletters/sendKeys.ts';

describe('newsletter send counters, spread over shards', () => {
  it('adds the shards to STATE, and keeps STATE’s own chunk count as the planned chunks', () => {
    const state = { state: 'sending', chunks: 4, settledChunks: 0, sent: 0, uncertain: 2, audienceSize: 200 };
    const summed = withShardCounts(state, [
      { settledChunks: 2, sent: 90, failed: 1, chunks: 1 },
      { settledChunks: 3, sent: 100, uncertain: -2, resent: 2, delivered: 7 },
    ]);
    expect(summed).toMatchObject({
      chunks: 5,
      plannedChunks: 4,
      settledChunks: 5,
      sent: 190,
      failed: 1,
      uncertain: 0,
      resent: 2,
      delivered: 7,
      audienceSize: 200,
    });
    // A counter nobody counted stays absent rather than appearing as 0.
    expect(withShardCounts({ chunks: 1 }, [])).not.toHaveProperty('bounced');
  });

  it('counts a chunk tried again or resent in the shard of the chunk it comes from', () => {
    expect(counterShardOf('000012-r1')).toBe(counterShardOf('000012'));
    expect(counterShardOf('000012-u0')).toBe(counterShardOf('000012'));
    const shards = new Set(
      Array.from({ length: 100 }, (_, n) => counterShardOf(String(n + 1).padStart(6, '0'))),
    );
    expect(shards.size).toBe(counterShards);
  });
});
