import type { FeatureManifest } from '../manifest.ts';

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
  ],
  // API Gateway sends it the `$default` route; the local server too.
  fallback: { name: 'answerUnmatchedRequest' },
} as const satisfies FeatureManifest;
