import { frFRLocale } from '@sanity/locale-fr-fr';
import { visionTool } from '@sanity/vision';
import { defineConfig } from 'sanity';
import { structureTool } from 'sanity/structure';
import { newsletterActions } from './actions/newsletterActions.tsx';
import { withLocalContentLake } from './localContentLake.ts';
import { directoryEntryActions, eventActions } from './moderation/moderationActions.tsx';
import {
  generatePrintedProgrammeAction,
  generateRegionalProgrammeAction,
} from './printedProgramme/printedProgrammeAction.tsx';
import { schemaTypes, singletonTypes } from './schemaTypes/index.ts';
import { defaultDocumentNode, structure } from './structure/index.ts';

const projectId = process.env.SANITY_STUDIO_PROJECT_ID || 'essaimdemo';
const dataset = process.env.SANITY_STUDIO_DATASET || 'production';

/** The editors' workspace on the Sanity project above: production. */
const production = defineConfig({
  name: 'essaim',
  title: 'Essaim',
  projectId,
  dataset,
  plugins: [
    structureTool({ structure, defaultDocumentNode }),
    visionTool({ defaultApiVersion: '2025-02-19' }),
    frFRLocale(),
  ],
  schema: {
    types: schemaTypes,
    // The settings are one document: no "new settings" in the create menu.
    templates: (templates) => templates.filter(({ schemaType }) => !singletonTypes.has(schemaType)),
  },
  document: {
    actions: (actions, { schemaType }) =>
      singletonTypes.has(schemaType)
        ? actions.filter(({ action }) => action && ['publish', 'discardChanges', 'restore'].includes(action))
        : schemaType === 'newsletter'
          ? [...actions, ...newsletterActions]
          : schemaType === 'campaign'
            ? [...actions, generatePrintedProgrammeAction, generateRegionalProgrammeAction]
            : schemaType === 'event'
              ? eventActions(actions)
              : schemaType === 'directoryEntry'
                ? directoryEntryActions(actions)
                : actions,
  },
});

// `npm run dev` sets SANITY_STUDIO_LOCAL_API_HOST to its local Content Lake stand-in: the same
// workspace then reads and writes there (see the README's local Studio). Unset: production.
export default defineConfig(withLocalContentLake(production, process.env.SANITY_STUDIO_LOCAL_API_HOST));
