import * as z from 'zod/mini';

/**
 * What a registrant sends, validated with zod. Kept apart from `registration.ts`, whose rules and
 * types the workers use too: they validate no request, and so bundle no schema and no zod.
 */

const singleLine = /^[^\p{Cc}\p{Zl}\p{Zp}]*$/u;

/** Body of `POST /events/{slug}/registrations`. `website` is a honeypot, as in the contact form. */
export const registrationRequestSchema = z
  .strictObject(
    {
      name: z
        .string({ error: 'field.required' })
        .check(
          z.trim(),
          z.minLength(1, { error: 'field.text.empty' }),
          z.maxLength(120, { error: 'field.text.tooLong' }),
          z.regex(singleLine, { error: 'field.text.controlCharacters' }),
        ),
      email: z.pipe(
        z
          .string({ error: 'field.required' })
          .check(z.trim(), z.maxLength(254, { error: 'field.text.tooLong' })),
        z.email({ error: 'field.email.invalid' }),
      ),
      consent: z.literal(true, { error: 'registration.consent.required' }),
      website: z._default(z.optional(z.string().check(z.maxLength(500))), ''),
    },
    { error: 'field.unknownField' },
  )
  .check(z.meta({ id: 'RegistrationRequest' }));

export type RegistrationRequest = z.output<typeof registrationRequestSchema>;
