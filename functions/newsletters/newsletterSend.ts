import type { Subscription } from '../subscriptions/subscription.ts';
import type { DigestFrequency } from './digestSchedule.ts';

/**
 * A send of one newsletter (or one test send of it), as the `NewsletterSends` table keeps it:
 * a `STATE` item (what editors see as progress), the frozen `CONTENT`, and `CHUNK#<n>` items of
 * at most 500 recipients (`chunkSize`), each inserted pending and settled once.
 */
export type SendState = 'scheduled' | 'planning' | 'sending' | 'paused' | 'finished';

/** How one recipient of a chunk ended. */
export type RecipientOutcome = 'sent' | 'failed' | 'suppressed' | 'unsubscribed' | 'uncertain';
export const outcomeCounters = ['sent', 'failed', 'suppressed', 'unsubscribed', 'uncertain'] as const;

/** SendBulkEmail takes at most 50 destinations a call. */
export const recipientsPerCall = 50;
/**
 * A chunk is claimed and settled once for up to 10 calls (500 recipients) made at once: ten
 * times fewer DynamoDB writes, reads and stream hand-overs per recipient than a chunk per call
 * (`bench/fanout.ts`), for a crash during the calls that leaves one chunk's recipients uncertain.
 */
export const callsPerChunk = 10;
export const chunkSize = recipientsPerCall * callsPerChunk;

/**
 * Who a newsletter goes to: subscribers of any of these lists, narrowed by regions and themes.
 * A digest's audience is everyone who chose its frequency (`digest`; no list).
 */
export interface Audience {
  readonly lists: readonly string[];
  readonly regions: readonly string[];
  readonly themes: readonly string[];
  readonly digest?: DigestFrequency;
}

/** The scope a digest's unsubscribe links name: leaving it stops the digests, never a list. */
export const digestScope = '_digest';

/**
 * Whether a confirmed subscriber is in the audience: one of the lists, and, where the newsletter
 * names regions (themes), one of them — unless the subscriber chose none, meaning "all of them".
 */
export function isInAudience(
  subscriber: Pick<Subscription, 'status' | 'lists' | 'regions' | 'themes'> & {
    readonly digest?: Subscription['digest'];
  },
  audience: Audience,
): boolean {
  if (subscriber.status !== 'confirmed') return false;
  if (audience.digest) return subscriber.digest === audience.digest;
  const overlaps = (chosen: readonly string[], wanted: readonly string[]) =>
    wanted.length === 0 || chosen.length === 0 || chosen.some((value) => wanted.includes(value));
  return (
    subscriber.lists.some((list) => audience.lists.includes(list)) &&
    overlaps(subscriber.regions, audience.regions) &&
    overlaps(subscriber.themes, audience.themes)
  );
}

/** The list a recipient gets the newsletter through (its `List-Id` and one-click unsubscribe). */
export const listThrough = (subscriber: Pick<Subscription, 'lists'>, audience: Audience): string =>
  audience.digest
    ? digestScope
    : (subscriber.lists.find((list) => audience.lists.includes(list)) ?? (audience.lists[0] as string));

/** The send's id: the newsletter's for the real send (one per newsletter), a request's for a test. */
export const realSendId = (newsletterId: string): string => newsletterId;
export const testSendId = (newsletterId: string, requestId: string): string =>
  `${newsletterId}#test#${requestId}`;

export interface SendCounts {
  readonly audienceSize: number;
  readonly sent: number;
  readonly failed: number;
  readonly suppressed: number;
  readonly unsubscribed: number;
  readonly uncertain: number;
}

/** A send's figures before its audience is planned. */
export const noCountsYet = {
  audienceSize: 0,
  chunks: 0,
  settledChunks: 0,
  sent: 0,
  failed: 0,
  suppressed: 0,
  unsubscribed: 0,
  uncertain: 0,
} as const;

/** Recipients not yet settled: what is left to send (or to decide, while paused). */
export const remainingOf = (counts: SendCounts): number =>
  Math.max(
    0,
    counts.audienceSize -
      counts.sent -
      counts.failed -
      counts.suppressed -
      counts.unsubscribed -
      counts.uncertain,
  );
