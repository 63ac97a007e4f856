import type { FeatureManifest } from '../manifest.ts';
import { problemResponse } from '../shared/http/problemResponses.ts';

/** Content changes: Sanity's signed webhook records what changed and moves the content revision. */
export const contentChanges = {
  folder: 'contentChanges',
  tables: {
    contentChanges: {
      description:
        'What changed in the content (one `CHANGE#…` item per signed Sanity webhook) and the current content revision (`REVISION`), which tells every warm function when its cache is stale.',
      partitionKey: 'pk',
      timeToLiveAttribute: 'expiresAt',
      stream: true,
    },
  },
  routes: [
    {
      name: 'receiveSanityWebhook',
      method: 'POST',
      path: '/webhooks/sanity',
      // It only writes: a change once (a conditional put) and the revision.
      access: { tables: { contentChanges: 'write' }, secrets: ['SANITY_WEBHOOK_SECRET'] },
      openapi: {
        summary: 'Content changed in Sanity (signed webhook)',
        description:
          'Called by Sanity when editors create, update or delete content; not for other callers. The `sanity-webhook-signature` header is checked against the raw body with the webhook’s secret (see the `sanityWebhookSignature` scheme); a valid call is recorded once, whatever Sanity’s retries, and every warm function’s content cache becomes stale. The body is the projection the README’s “Declaring the webhook” gives.',
        tags: ['Webhooks'],
        security: [{ sanityWebhookSignature: [] }],
        responses: {
          '202': { description: 'Change recorded (or already recorded).' },
          '400': problemResponse('Body is not the expected projection.'),
          '401': problemResponse('Unsigned or forged call.'),
          '413': problemResponse('Body over 64 KiB.'),
        },
      },
    },
  ],
} as const satisfies FeatureManifest;
