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

/**
 * The `429` of a route with rate limits (`shared/rateLimits.ts`): the function's own, or API
 * Gateway's stage throttling, which every route may answer.
 */
export const tooManyRequestsResponse = {
  description:
    'Too many requests. From the function (`application/problem+json`, in French, with `Retry-After`): this client, or the mailbox the request would mail, has used its allowance for the current window (settings `RATE_LIMIT_*` and `FORM_MAILS_PER_MAILBOX`); nothing was recorded. From API Gateway’s stage throttling (`application/json`, `{"message":"Too Many Requests"}`), before any function ran.',
  headers: z.object({
    'Retry-After': z
      .number()
      .int()
      .min(1)
      .meta({ description: 'Seconds until the window ends (the function’s answers only).' }),
  }),
  content: {
    'application/problem+json': { schema: problemSchema },
    'application/json': { schema: z.object({ message: z.string() }) },
  },
};

/** The `503` of a route whose writes may meet a crowd on one item (`shared/conflictRetries.ts`). */
export const busyResponse = {
  description:
    'Busy: too many people changed the same thing at once (a crowd registering to one event) and this request’s write still conflicted after 7 seconds of retries (nothing was recorded), or the function ran out of time (it may have been recorded; the same request again records nothing twice). Try again after `Retry-After` seconds.',
  headers: z.object({
    'Retry-After': z.number().int().min(1).meta({ description: 'Seconds to wait before trying again.' }),
  }),
  content: { 'application/problem+json': { schema: problemSchema } },
};
