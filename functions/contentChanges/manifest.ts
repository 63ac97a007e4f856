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
      access: { tables: { contentChanges: 'readWrite' }, secrets: ['SANITY_WEBHOOK_SECRET'] },
      openapi: {
        summary: 'Content changed in Sanity (signed webhook)',
        description:
          'Checked against the `sanity-webhook-signature` header; see the README for the webhook to declare.',
        tags: ['Webhooks'],
        responses: {
          '202': { description: 'Change recorded (or already recorded).' },
          '400': problemResponse('Body is not the expected projection.'),
          '401': problemResponse('Unsigned or forged call.'),
        },
      },
    },
  ],
} as const satisfies FeatureManifest;
