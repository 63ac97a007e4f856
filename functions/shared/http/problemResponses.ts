import * as z from 'zod';

/** RFC 9457 problem details, as every route answers its errors (for the OpenAPI document). */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ pointer: z.string(), detail: z.string() })).optional(),
  })
  .meta({
    id: 'Problem',
    description: 'RFC 9457 problem details; messages in French unless `Accept-Language: en`.',
  });

/** An error answer of a route, in OpenAPI terms. */
export const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});

/**
 * A route that also takes plain HTML forms (`formPost`, see `formPosts.ts`): the same fields
 * form-encoded, `_next` optional; a `303` to the thank-you page, or the form again as HTML.
 */
export const formPostBody = <S extends z.core.$ZodType>(schema: S) => ({
  description:
    'JSON, or the same fields from a plain HTML form (`application/x-www-form-urlencoded`; a ticked `consent` box is true; `_next`, optional, is the thank-you page to go to, on an origin of `CORS_ORIGINS` or the hosted pages).',
  content: { 'application/json': { schema }, 'application/x-www-form-urlencoded': { schema } },
});

export const formPostResponses = {
  '303': {
    description:
      'A form post was accepted: `Location` is the hosted thank-you page of the outcome (or `_next`, with the same query). A refused form post answers its 4xx as an HTML page: the form again, filled in, with its errors.',
  },
} as const;
