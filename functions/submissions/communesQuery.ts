import * as z from 'zod/mini';
import './submissionMessages.ts';

/** The query of `GET /communes`: a five-digit postcode. */
export const communesQuerySchema = z.strictObject(
  {
    codePostal: z
      .string({ error: 'field.required' })
      .check(z.regex(/^\d{5}$/, { error: 'submission.postalCode.invalid' })),
  },
  { error: 'field.unknownField' },
);
