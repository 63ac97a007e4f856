import { defineCliConfig } from 'sanity/cli';

export default defineCliConfig({
  api: {
    projectId: process.env.SANITY_STUDIO_PROJECT_ID || 'essaimdemo',
    dataset: process.env.SANITY_STUDIO_DATASET || 'production',
  },
  studioHost: process.env.SANITY_STUDIO_HOST,
  autoUpdates: false,
  // Result types of the functions' GROQ queries, generated from this schema.
  typegen: {
    path: ['../functions/*/queries.ts', '../functions/*/*Queries.ts', '../functions/shared/content/*.ts'],
    schema: 'schema.json',
    generates: '../functions/shared/content/sanity.types.ts',
  },
});
