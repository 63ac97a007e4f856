import * as z from 'zod';
import { checksFormChallenge, type FeatureManifest } from '../manifest.ts';
import { problemResponse, tooManyRequestsResponse } from '../shared/http/problemResponses.ts';

/** What every API has: its own description, and an answer for what no route matches. */
export const system = {
  folder: 'system',
  tables: {
    idempotency: {
      description:
        'Powertools idempotency records: what a worker already did (for example the SES message id of a mail), so that nothing is sent twice.',
      partitionKey: 'id',
      timeToLiveAttribute: 'expiration',
      stream: false,
    },
    rateLimits: {
      description:
        'Rate-limit counters (`shared/rateLimits.ts`): one item per client network or mailbox, kind of request and fixed window (`<kind>#<keyed hash>#<window start>`), holding only `hits`; deleted after its window.',
      partitionKey: 'pk',
      timeToLiveAttribute: 'expiresAt',
      stream: false,
    },
  },
  routes: [
    {
      name: 'getOpenApiDocument',
      method: 'GET',
      path: '/openapi.json',
      openapi: {
        summary: 'This API, described in OpenAPI 3.1',
        description:
          'This document, generated from the zod schemas the handlers validate with (the repository commits it as `docs/openapi.json`).',
        tags: ['System'],
        security: [],
        responses: {
          '200': { description: 'The OpenAPI document.', content: { 'application/json': {} } },
          '304': { description: 'Not modified (`If-None-Match` matched the `ETag`).' },
        },
      },
    },
    {
      name: 'getFormChallenge',
      method: 'GET',
      path: '/forms/challenge',
      access: checksFormChallenge(),
      openapi: {
        summary: 'The proof of work a form asks for, if editors switched it on (ALTCHA)',
        description:
          'Editors switch the proof of work on per form in the Studio’s site settings (contact, registration, subscription, personal data). When it is on, the form’s component solves the challenge in the browser and sends the solution as the field `altcha` (base64 of `{ challenge, solution }`, as ALTCHA sends it) with the form: a solution that is not this API’s, expired (10 minutes) or already used is refused with `400`, a JSON request without one too; a plain HTML form post without one passes under a stricter limit (5 an hour per client). Self-hosted: no third party, no tracking.',
        tags: ['System'],
        security: [],
        requestParams: {
          query: z.object({
            form: z.enum(['contact', 'registration', 'subscription', 'personalData']),
          }),
        },
        responses: {
          '200': {
            description:
              '`{ "required": false }`, or `{ "required": true, "challenge": { "parameters": {…}, "signature": "…" } }` (ALTCHA v2).',
            content: {
              'application/json': {
                schema: z
                  .object({
                    required: z.boolean(),
                    challenge: z.optional(
                      z.object({
                        parameters: z.record(z.string(), z.unknown()),
                        signature: z.optional(z.string()),
                      }),
                    ),
                  })
                  .meta({ id: 'FormChallenge' }),
              },
            },
          },
          '400': problemResponse('Unknown form.'),
          '429': tooManyRequestsResponse,
        },
      },
    },
  ],
  // API Gateway sends it the `$default` route; the local server too.
  fallback: { name: 'answerUnmatchedRequest' },
} as const satisfies FeatureManifest;
