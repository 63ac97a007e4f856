import type { FeatureManifest, NativeAddon } from '../manifest.ts';
import { readsContent } from '../shared/content/contentAccess.ts';

/**
 * Typst's compiler is a native addon: kept out of the bundle and copied beside it with its
 * binding and the fonts. npm has its binding for linux-x64-gnu only here (linux-arm64 stops at
 * 0.6.0), so these functions run on x86_64. The business meetings' grid PDF uses it too.
 */
export const typstAddon: NativeAddon = {
  packages: ['@myriaddreamin/typst-ts-node-compiler', '@myriaddreamin/typst-ts-node-compiler-linux-x64-gnu'],
  files: { 'node_modules/source-sans/TTF': 'fonts' },
  architecture: 'x86_64',
};

/** What making a printed programme takes: the content, the robot token (upload, record), the table. */
const printAccess = readsContent({
  tables: { printedProgrammes: 'readWrite' },
  secrets: ['SANITY_WRITE_TOKEN'],
});

/** The printed programme: a print-ready PDF of a campaign's programme as it stood at its deadline. */
export const printedProgramme = {
  folder: 'printedProgramme',
  tables: {
    printedProgrammes: {
      description:
        'Printed programmes made. Per campaign and deadline (`CAMPAIGN#<campaign id>` / `DEADLINE#<instant>`): the edition the schedule made when the deadline passed, claimed (`generating`, until `claimedUntil`) then `generated` with its file, pages and events: made once. `REQUEST#<id>` / `REQUEST`: a Studio request already acted on (90 days).',
      partitionKey: 'pk',
      sortKey: 'sk',
      timeToLiveAttribute: 'expiresAt',
      stream: false,
    },
  },
  streamWorkers: [
    {
      // « Générer le programme papier », published from the campaign in the Studio.
      name: 'acceptPrintRequests',
      table: 'contentChanges',
      filters: [
        {
          eventName: ['INSERT'],
          dynamodb: {
            Keys: { pk: { S: [{ prefix: 'CHANGE#' }] } },
            NewImage: { type: { S: ['printedProgrammeRequest'] }, operation: { S: ['create'] } },
          },
        },
      ],
      // One booklet at a time: each takes seconds and a few hundred MB.
      batchSize: 1,
      retryAttempts: 3,
      timeoutSeconds: 120,
      nativeAddon: typstAddon,
      access: printAccess,
    },
  ],
  schedules: [
    {
      // Each campaign's programme, once, as soon as its deadline has passed.
      name: 'printAtDeadlines',
      everyMinutes: 15,
      timeoutSeconds: 120,
      nativeAddon: typstAddon,
      access: printAccess,
    },
  ],
} as const satisfies FeatureManifest;
