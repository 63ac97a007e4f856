import * as z from 'zod/mini';
import { requestKinds } from './personalDataRequest.ts';

/**
 * Body of `POST /personal-data/requests` (JSON or the plain form): the address and what to do
 * with its data. `website` is a honeypot, as on every form. Apart from `personalDataRequest.ts`
 * so that the workers bundle no zod.
 */
export const personalDataRequestSchema = z
  .strictObject(
    {
      email: z.pipe(
        z
          .string({ error: 'field.required' })
          .check(z.trim(), z.maxLength(254, { error: 'field.text.tooLong' })),
        z.email({ error: 'field.email.invalid' }),
      ),
      request: z.enum(requestKinds, { error: 'personalData.request.unknown' }),
      website: z._default(z.optional(z.string().check(z.maxLength(500))), ''),
    },
    { error: 'field.unknownField' },
  )
  .check(z.meta({ id: 'PersonalDataRequest' }));

export type PersonalDataRequestInput = z.output<typeof personalDataRequestSchema>;
