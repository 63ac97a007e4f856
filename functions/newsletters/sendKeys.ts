/**
 * The keys of the `NewsletterSends` table. Per send (`SEND#<send id>`): `STATE` (state, audience,
 * counters: what editors see) and `CONTENT` (the mail as it was when sending started). Per chunk
 * (`SEND#<send id>#CHUNK#<index>`, its own partition so chunks spread over stream shards): at most
 * 500 recipients' keyed hashes, pending → sending → settled with each recipient's outcome.
 * `REQUEST#<id>`: a send request already acted on. `SCHEDULED`/`<time>#<send id>`: sends to start.
 */
export const stateKey = (sendId: string) => ({ pk: `SEND#${sendId}`, sk: 'STATE' });
/**
 * A send's counters are spread over this many items beside `STATE` (`STATE#COUNTS#<n>`), read
 * with it by one query: chunks settling at once would otherwise all write the one `STATE` item,
 * and each of those transactions would conflict with the others (measured: 139 mails/s).
 */
export const counterShards = 10;
export const counterShardKey = (sendId: string, shard: number) => ({
  pk: `SEND#${sendId}`,
  sk: `STATE#COUNTS#${shard}`,
});
/**
 * A chunk's counter shard, by its planned number: a chunk tried again or resent
 * (`000012-r1`, `000012-u0`) counts in the shard of the one it comes from, so the shard that
 * counts its creation also counts its settlement (a send cannot look complete too early).
 */
export const counterShardOf = (index: string): number => Number.parseInt(index, 10) % counterShards;
/** The counters a shard adds to `STATE`'s (`ADD` creates a shard on its first count). */
const shardedCounters = [
  'chunks',
  'settledChunks',
  'sent',
  'failed',
  'suppressed',
  'unsubscribed',
  'uncertain',
  'resent',
  'delivered',
  'bounced',
  'complained',
] as const;

/** `STATE` with its shards' counts added; `plannedChunks` keeps `STATE`'s own chunk count. */
export function withShardCounts<State extends { chunks: number }>(
  state: State,
  shards: readonly Record<string, unknown>[],
): State & { plannedChunks: number } {
  const summed: Record<string, unknown> = { ...state, plannedChunks: state.chunks };
  for (const counter of shardedCounters) {
    const total = [state, ...shards].reduce<number>(
      (sum, item) => sum + Number((item as Record<string, unknown>)[counter] ?? 0),
      0,
    );
    if (total !== 0 || counter in state) summed[counter] = total;
  }
  return summed as State & { plannedChunks: number };
}

export const contentKey = (sendId: string) => ({ pk: `SEND#${sendId}`, sk: 'CONTENT' });
export const chunkKey = (sendId: string, index: string) => ({
  pk: `SEND#${sendId}#CHUNK#${index}`,
  sk: 'CHUNK',
});
export const scheduledKey = (sendAt: string, sendId: string) => ({
  pk: 'SCHEDULED',
  sk: `${sendAt}#${sendId}`,
});
/** Planned chunks are numbered; a chunk of recipients to try again is named after the one it comes from. */
export const plannedChunkIndex = (number: number): string => String(number).padStart(6, '0');
/** Waits before trying SES again after a passing refusal: 1, 2, 4, 8, 16 s (attempts 1 to 5). */
export const backoffMilliseconds = (attempts: number): number => 1000 * 2 ** Math.max(0, attempts - 1);
/** Recipients' keyed hashes stay 90 days after a chunk is planned (bounces arrive for days). */
export const chunkLifeSeconds = 90 * 86_400;

/** The index of sends the 24-hour quota paused: they resume by themselves once there is room. */
export const quotaPausedKey = (sendId: string) => ({ pk: 'QUOTAPAUSED', sk: sendId });
