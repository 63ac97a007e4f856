import type { FeatureManifest } from '../manifest.ts';
import { readsContent } from '../shared/content/contentAccess.ts';
import { problemResponse } from '../shared/http/problemResponses.ts';

/** Content changes: Sanity's signed webhook records what changed and moves the content revision. */
export const contentChanges = {
  folder: 'contentChanges',
  tables: {
    contentChanges: {
      description:
        'What changed in the content (one `CHANGE#…` item per signed Sanity webhook, or per revision the resync found), the current content revision (`REVISION`), which tells every warm function when its cache is stale, the webhook deliveries processed (`DELIVERY#<idempotency key>`, two days) and the resync’s checkpoint (`RESYNC`).',
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
          'Called by Sanity when editors create, update or delete content; not for other callers. The `sanity-webhook-signature` header is checked against the raw body with the webhook’s secret (see the `sanityWebhookSignature` scheme); a signature older than `WEBHOOK_MAX_AGE_MINUTES` (15) or more than a minute ahead is refused (`401`), and a delivery already processed (same `idempotency-key`) is answered `202` without effect. A valid call is recorded once, whatever Sanity’s retries, and every warm function’s content cache becomes stale; what was refused is picked up by the scheduled resync. The body is the projection the README’s “Declaring the webhook” gives.',
        tags: ['Webhooks'],
        security: [{ sanityWebhookSignature: [] }],
        responses: {
          '202': { description: 'Change recorded (or already recorded).' },
          '400': problemResponse('Body is not the expected projection.'),
          '401': problemResponse('Unsigned, forged or stale call (signature outside the window).'),
          '413': problemResponse('Body over 64 KiB.'),
        },
      },
    },
  ],
  schedules: [
    {
      // What the webhook missed or refused, from the Content Lake: no genuine change is lost.
      name: 'resyncContent',
      everyMinutes: 10,
      // Up to 500 documents a run, one conditional write each.
      timeoutSeconds: 60,
      access: readsContent({ tables: { contentChanges: 'readWrite' } }),
    },
  ],
} as const satisfies FeatureManifest;
