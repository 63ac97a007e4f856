import { cacheableJson } from '../shared/http/cacheableResponse.ts';
import { httpHandler } from '../shared/http/httpHandler.ts';
import { communesOfPostcode } from './communes.ts';
import { communesQuerySchema } from './communesQuery.ts';

/**
 * `GET /communes?codePostal=35000`: the current communes of a postcode (INSEE code, name,
 * department, region), for the submission form's commune list. The same answer for a day: the
 * index changes with the code only.
 */
export const handler = httpHandler({ query: communesQuerySchema }, async ({ query, event }) =>
  cacheableJson(event, await communesOfPostcode(query.codePostal), 86_400),
);
