import * as z from 'zod/mini';
import { eventThemes, frenchRegions } from '../programme/vocabulary.ts';

const singleLine = /^[^\p{Cc}\p{Zl}\p{Zp}]*$/u;

export const digestChoices = ['weekly', 'monthly', 'none'] as const;
export type DigestChoice = (typeof digestChoices)[number];

/** How long a pending subscription waits for its owner's click (the confirmation link's life). */
export const pendingDays = 7;
/** Mails the subscription form may cause to one address in any 24 hours, whatever is asked. */
export const formMailsPerDay = 3;

const regionCodes = frenchRegions.map((region) => region.code) as [string, ...string[]];
const themeValues = eventThemes.map((theme) => theme.value) as [string, ...string[]];

/** Lists, regions, themes and digest: what a subscriber chooses, on the form and the preference page. */
export function preferencesShape(listIds: readonly string[]) {
  return {
    lists: z.pipe(
      z
        .array(
          z.string().check(z.refine((id) => listIds.includes(id), { error: 'subscription.list.unknown' })),
          {
            error: 'subscription.lists.required',
          },
        )
        .check(z.maxLength(50)),
      z.transform((ids: string[]) => [...new Set(ids)]),
    ),
    regions: z.pipe(
      z._default(
        z.optional(
          z.array(z.enum(regionCodes, { error: 'programme.region.unknown' })).check(z.maxLength(18)),
        ),
        [],
      ),
      z.transform((codes: string[]) => [...new Set(codes)]),
    ),
    themes: z.pipe(
      z._default(
        z.optional(
          z
            .array(z.enum(themeValues, { error: 'subscription.theme.unknown' }))
            .check(z.maxLength(themeValues.length)),
        ),
        [],
      ),
      z.transform((values: string[]) => [...new Set(values)]),
    ),
    digest: z._default(z.optional(z.enum(digestChoices, { error: 'subscription.digest.unknown' })), 'none'),
  };
}

/** The name a subscriber may give: one line. */
const subscriberName = z
  .string()
  .check(
    z.trim(),
    z.maxLength(120, { error: 'field.text.tooLong' }),
    z.regex(singleLine, { error: 'field.text.controlCharacters' }),
  );

/** Body of `POST /subscriptions`; `website` is a honeypot, as on every form. */
export function subscriptionRequestSchema(listIds: readonly string[]) {
  const shape = preferencesShape(listIds);
  return z
    .strictObject(
      {
        email: z.pipe(
          z
            .string({ error: 'field.required' })
            .check(z.trim(), z.maxLength(254, { error: 'field.text.tooLong' })),
          z.email({ error: 'field.email.invalid' }),
        ),
        name: z.pipe(
          z.optional(subscriberName),
          z.transform((name: string | undefined) => name || undefined),
        ),
        ...shape,
        lists: shape.lists.check(z.refine((ids) => ids.length > 0, { error: 'subscription.lists.required' })),
        consent: z.literal(true, { error: 'subscription.consent.required' }),
        website: z._default(z.optional(z.string().check(z.maxLength(500))), ''),
      },
      { error: 'field.unknownField' },
    )
    .check(z.meta({ id: 'SubscriptionRequest' }));
}

export type SubscriptionRequest = z.output<ReturnType<typeof subscriptionRequestSchema>>;

/** Body of `PUT /subscriptions/{token}`: the choices only (the address never changes). */
export function preferencesUpdateSchema(listIds: readonly string[]) {
  return z
    .strictObject(
      {
        name: z.optional(subscriberName),
        ...preferencesShape(listIds),
      },
      { error: 'field.unknownField' },
    )
    .check(z.meta({ id: 'SubscriptionPreferencesUpdate' }));
}

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
  const lists = subscription.lists.filter((id) => id !== scope.list);
  if (lists.length === 0 && subscription.digest === 'none') return 'ended';
  return { ...subscription, lists };
}
