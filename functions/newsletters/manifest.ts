import type { FeatureManifest } from '../manifest.ts';
import { archiveRoutes } from './archiveRoutes.ts';

/** Newsletters: editors send them from the Studio; a throttled, resumable fan-out; the public archive. */
export const newsletters = {
  folder: 'newsletters',
  tables: {
    newsletterSends: {
      description:
        'Newsletter sends. Per send (`SEND#<send id>`): `STATE` (state, audience, counters editors see) and `CONTENT` (the mail as frozen when sending started); `ARCHIVED` once a real send finished. Per chunk (`SEND#<send id>#CHUNK#<n>`, `CHUNK`): up to 50 recipients’ keyed hashes, pending → sending → settled with each outcome (90-day TTL). `REQUEST#<id>`: a Studio send request already acted on.',
      partitionKey: 'pk',
      sortKey: 'sk',
      timeToLiveAttribute: 'expiresAt',
      stream: true,
    },
  },
  // The public archive (`archiveRoutes.ts`).
  routes: archiveRoutes,
} as const satisfies FeatureManifest;
