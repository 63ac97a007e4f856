import type { Subscription } from './subscription.ts';

/**
 * The figures editors see, without anyone's address: confirmed subscribers in all, per list,
 * region, theme and digest choice, and per list how many ever joined and left (kept after the
 * subscriptions themselves are gone, as the retention rules ask).
 */
export type CounterName =
  | 'confirmed'
  | `list:${string}`
  | `region:${string}`
  | `theme:${string}`
  | `digest:${string}`
  | `joined:${string}`
  | `left:${string}`;

/** How the counters move when one subscription changes: counter → +n / −n (zeros left out). */
export type CountDelta = Partial<Record<CounterName, number>>;

type CountedProfile = Pick<Subscription, 'status' | 'lists' | 'regions' | 'themes' | 'digest'>;

/** The counters a profile adds to: only a confirmed subscription counts. */
function countersOf(profile: CountedProfile | undefined): CounterName[] {
  if (profile?.status !== 'confirmed') return [];
  return [
    'confirmed',
    ...profile.lists.map((id) => `list:${id}` as const),
    ...profile.regions.map((code) => `region:${code}` as const),
    ...profile.themes.map((value) => `theme:${value}` as const),
    `digest:${profile.digest}`,
  ];
}

const confirmedLists = (profile: CountedProfile | undefined): Set<string> =>
  new Set(profile?.status === 'confirmed' ? profile.lists : []);

/** What one change of a subscription's profile (stream images before and after) does to the counters. */
export function countDelta(
  before: CountedProfile | undefined,
  after: CountedProfile | undefined,
): CountDelta {
  const delta: Record<string, number> = {};
  const add = (name: string, by: number) => {
    delta[name] = (delta[name] ?? 0) + by;
  };
  for (const name of countersOf(before)) add(name, -1);
  for (const name of countersOf(after)) add(name, 1);
  const [was, is] = [confirmedLists(before), confirmedLists(after)];
  for (const id of is) if (!was.has(id)) add(`joined:${id}`, 1);
  for (const id of was) if (!is.has(id)) add(`left:${id}`, 1);
  return Object.fromEntries(Object.entries(delta).filter(([, by]) => by !== 0)) as CountDelta;
}

/** The counters as stored (one item), with the version each change increments. */
export interface StoredCounts {
  readonly version: number;
  readonly publishedVersion?: number;
  readonly updatedAt: string;
  readonly counters: Readonly<Record<string, number>>;
}

export interface CountLine {
  readonly _key: string;
  readonly confirmed: number;
}

/** The private document editors read in the Studio (`essaim-private.subscriberCounts`). */
export interface SubscriberCountsDocument {
  readonly _id: typeof subscriberCountsDocumentId;
  readonly _type: 'essaimSubscriberCounts';
  readonly updatedAt: string;
  readonly confirmed: number;
  readonly lists: readonly (CountLine & { list: string; joined: number; left: number })[];
  readonly regions: readonly (CountLine & { region: string })[];
  readonly themes: readonly (CountLine & { theme: string })[];
  readonly digests: readonly (CountLine & { digest: string })[];
}

export const subscriberCountsDocumentId = 'essaim-private.subscriberCounts' as const;

/** The stored counters as the document editors read: one line per list, region, theme, digest. */
export function subscriberCountsDocument(stored: StoredCounts): SubscriberCountsDocument {
  const { counters } = stored;
  const keysOf = (prefix: string) =>
    Object.keys(counters)
      .filter((name) => name.startsWith(prefix))
      .map((name) => name.slice(prefix.length))
      .sort();
  const value = (name: string) => Math.max(0, counters[name] ?? 0);
  const listIds = [...new Set([...keysOf('list:'), ...keysOf('joined:'), ...keysOf('left:')])].sort();
  return {
    _id: subscriberCountsDocumentId,
    _type: 'essaimSubscriberCounts',
    updatedAt: stored.updatedAt,
    confirmed: value('confirmed'),
    lists: listIds.map((id) => ({
      _key: id,
      list: id,
      confirmed: value(`list:${id}`),
      joined: value(`joined:${id}`),
      left: value(`left:${id}`),
    })),
    regions: keysOf('region:').map((code) => ({
      _key: code,
      region: code,
      confirmed: value(`region:${code}`),
    })),
    themes: keysOf('theme:').map((theme) => ({ _key: theme, theme, confirmed: value(`theme:${theme}`) })),
    digests: keysOf('digest:').map((digest) => ({
      _key: digest,
      digest,
      confirmed: value(`digest:${digest}`),
    })),
  };
}
