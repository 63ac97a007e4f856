import * as z from 'zod/mini';
import { eventThemes, frenchRegions } from '../programme/vocabulary.ts';
import { digestChoices } from './subscription.ts';

/**
 * What a subscriber sends: the subscription form and the preference page's update, validated with
 * zod. Kept apart from `subscription.ts`, whose rules and types the workers use too: they
 * validate no request, and so bundle no schema and no zod.
 */

const singleLine = /^[^\p{Cc}\p{Zl}\p{Zp}]*$/u;

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
