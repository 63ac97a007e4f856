import * as z from 'zod/mini';
import { cacheableJson } from '../shared/http/cacheableResponse.ts';
import { httpHandler } from '../shared/http/httpHandler.ts';
import { communesOfPostcode } from './communes.ts';

export const communesQuerySchema = z.strictObject(
  {
    codePostal: z
      .string({ error: 'field.required' })
      .check(z.regex(/^\d{5}$/, { error: 'submission.postalCode.invalid' })),
  },
  { error: 'field.unknownField' },
);

/**
 * `GET /communes?codePostal=35000`: the current communes of a postcode (INSEE code, name,
 * department, region), for the submission form's commune list. The same answer for a day: the
 * index changes with the code only.
 */
export const handler = httpHandler({ query: communesQuerySchema }, async ({ query, event }) =>
  cacheableJson(event, await communesOfPostcode(query.codePostal), 86_400),
);
