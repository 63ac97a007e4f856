export const digestChoices = ['weekly', 'monthly', 'none'] as const;
export type DigestChoice = (typeof digestChoices)[number];

/** How long a pending subscription waits for its owner's click (the confirmation link's life). */
export const pendingDays = 7;
/** Mails the subscription form may cause to one address in any 24 hours, whatever is asked. */
export const formMailsPerDay = 3;

export type SubscriptionStatus = 'pending' | 'confirmed';

export interface Preferences {
  readonly lists: readonly string[];
  readonly regions: readonly string[];
  readonly themes: readonly string[];
  readonly digest: DigestChoice;
}

/** A subscriber, as the `PROFILE` item keeps them (see `subscriptionStore.ts`). */
export interface Subscription extends Preferences {
  /** Random: what the links name (never the address). */
  readonly id: string;
  readonly addressKey: string;
  readonly email: string;
  readonly name?: string | undefined;
  readonly status: SubscriptionStatus;
  readonly consent: {
    readonly textVersion: string;
    readonly givenAt: string;
    /** Where the request came from: the form's origin (a site, the hosted pages), or the API. */
    readonly source: string;
    readonly confirmedAt?: string;
  };
  readonly createdAt: string;
  /** While pending: the confirmation link works until then (checked by the code; TTL only cleans up). */
  readonly pendingUntil?: string;
  readonly confirmedAt?: string;
  /** Epoch seconds: DynamoDB deletes a pending subscription a day after it lapsed. */
  readonly expiresAt?: number;
}

/** What a request to `POST /subscriptions` does, by the address's state (listmonk's double opt-in). */
export type SubscribeDecision =
  | { readonly kind: 'nothing'; readonly reason: 'suppressed' | 'honeypot' }
  /** New, unsubscribed, or pending (the latest choices win): a confirmation mail. */
  | { readonly kind: 'requestConfirmation' }
  /** Confirmed: nothing changes; at most one mail a day with the preference link. */
  | { readonly kind: 'remindPreferences' };

export function decideSubscribe(options: {
  readonly existing: Subscription | null;
  readonly suppressed: boolean;
  readonly honeypotFilled: boolean;
}): SubscribeDecision {
  if (options.honeypotFilled) return { kind: 'nothing', reason: 'honeypot' };
  if (options.suppressed) return { kind: 'nothing', reason: 'suppressed' };
  if (options.existing?.status === 'confirmed') return { kind: 'remindPreferences' };
  return { kind: 'requestConfirmation' };
}

export const addDays = (instant: Date, days: number): Date => new Date(instant.getTime() + days * 86_400_000);

/** Whether a pending subscription can still be confirmed at `now`. */
export const stillPending = (subscription: Subscription, now: Date): boolean =>
  subscription.status === 'pending' &&
  subscription.pendingUntil !== undefined &&
  Date.parse(subscription.pendingUntil) > now.getTime();

/** What a subscriber sees of their subscription (`GET /subscriptions/{token}`). */
export function subscriptionView(subscription: Subscription) {
  return {
    email: subscription.email,
    name: subscription.name ?? null,
    status: subscription.status,
    lists: subscription.lists,
    regions: subscription.regions,
    themes: subscription.themes,
    digest: subscription.digest,
    confirmedAt: subscription.confirmedAt ?? null,
  };
}

/**
 * Unsubscribing from one list keeps the others; from the last one (and no digest), or from
 * everything, ends the subscription: only a keyed hash remains.
 */
export function afterUnsubscribe(
  subscription: Preferences,
  scope: { readonly list: string } | 'all',
): Preferences | 'ended' {
  if (scope === 'all') return 'ended';
  // A digest's link (its scope is no list id: those are slugs without `_`) stops the digests.
  if (scope.list === '_digest') {
    if (subscription.lists.length === 0) return 'ended';
    return { ...subscription, digest: 'none' };
  }
  const lists = subscription.lists.filter((id) => id !== scope.list);
  if (lists.length === 0 && subscription.digest === 'none') return 'ended';
  return { ...subscription, lists };
}
