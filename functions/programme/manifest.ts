import * as z from 'zod';
import type { FeatureManifest } from '../manifest.ts';
import { readsContent } from '../shared/content/contentAccess.ts';
import { problemResponse } from '../shared/http/problemResponses.ts';

/** The answer of the programme's routes on a stack whose first snapshot is not made yet. */
const programmeNotReady = problemResponse(
  'The programme snapshot is not made yet (the first minutes after the first deployment): try again after `Retry-After` seconds.',
);

import { programmeFiltersSchema, programmePageSchema } from './programmeFilters.ts';
import {
  campaignSchema,
  eventDetailSchema,
  programmePageResponseSchema,
  regionCountSchema,
} from './programmeSchemas.ts';

/** Reads the programme snapshot. */
const readsProgrammeSnapshot = { tables: { programme: 'read' } } as const;
/** Reads the programme snapshot and the places left of its events (the Registrations counters). */
const readsProgrammeAndPlaces = { tables: { programme: 'read', registrations: 'read' } } as const;

/** The campaign programme: filters, pages, regions for the map, calendar files. */
export const programme = {
  folder: 'programme',
  tables: {
    programme: {
      description:
        'The programme snapshot: every published event with what the list, the map, the text search and the calendars show, as gzip-compressed JSON cut into `SNAPSHOT#<id>#<n>` parts, and `CURRENT`, which names the current snapshot (parts, events, bytes, content hash, when its Content Lake query started). Rebuilt from the Content Lake when the content changes, never per visitor request; a replaced snapshot expires an hour later. No personal data.',
      partitionKey: 'pk',
      timeToLiveAttribute: 'expiresAt',
      stream: false,
    },
  },
  streamWorkers: [
    {
      // An event, region, campaign or organisation changed: the snapshot is read again.
      name: 'refreshProgrammeSnapshot',
      table: 'contentChanges',
      filters: [
        {
          eventName: ['INSERT'],
          dynamodb: {
            Keys: { pk: { S: [{ prefix: 'CHANGE#' }] } },
            NewImage: { type: { S: ['event', 'region', 'campaign', 'organization'] } },
          },
        },
      ],
      // Every record of a batch shares one rebuild (one query of the whole programme).
      batchSize: 100,
      retryAttempts: 5,
      timeoutSeconds: 60,
      access: readsContent({ tables: { programme: 'readWrite' } }),
    },
  ],
  schedules: [
    {
      // What a lost webhook left behind (deletions too), and the first snapshot of a new stack.
      name: 'resyncProgrammeSnapshot',
      everyMinutes: 10,
      afterDeployment: true,
      timeoutSeconds: 60,
      access: readsContent({ tables: { programme: 'readWrite' } }),
    },
  ],
  routes: [
    {
      name: 'listEvents',
      method: 'GET',
      path: '/events',
      access: readsProgrammeAndPlaces,
      openapi: {
        summary: 'The campaign programme, filtered and paged',
        description: 'Sorted by start. Pass `nextCursor` back as `cursor` for the next page.',
        tags: ['Programme'],
        security: [],
        requestParams: { query: programmePageSchema },
        responses: {
          '200': {
            description: 'A page of events.',
            content: { 'application/json': { schema: programmePageResponseSchema } },
          },
          '304': { description: 'Not modified (`If-None-Match`).' },
          '400': problemResponse('Unknown filter value, bad date or cursor.'),
          '503': programmeNotReady,
        },
      },
    },
    {
      name: 'getEventsCalendar',
      method: 'GET',
      path: '/events.ics',
      access: readsProgrammeSnapshot,
      openapi: {
        summary: 'The programme as an iCalendar file (RFC 5545), same filters as /events',
        description:
          'Every event the filters select, for a calendar application to subscribe to: times in Europe/Paris with its VTIMEZONE, stable UIDs, cancelled events marked CANCELLED.',
        tags: ['Programme'],
        security: [],
        requestParams: { query: programmeFiltersSchema },
        responses: {
          '200': {
            description: 'Times in Europe/Paris.',
            content: { 'text/calendar': { schema: z.string() } },
          },
          '304': { description: 'Not modified (`If-None-Match` matched the `ETag`).' },
          '400': problemResponse('Unknown filter value or bad date.'),
          '503': programmeNotReady,
        },
      },
    },
    {
      name: 'getEvent',
      method: 'GET',
      path: '/events/{slug}',
      access: readsContent({ tables: { registrations: 'read' } }),
      openapi: {
        summary: 'One event; `/events/{slug}.ics` answers it as an iCalendar file',
        description:
          'The whole event, with the state of its registration (`open`, `closedReason`, `capacity`, `waitingList`, `closesAt`, `placesLeft`). A slug ending in `.ics` answers the same event as an iCalendar file.',
        tags: ['Programme'],
        security: [],
        responses: {
          '200': {
            description: 'The event (JSON), or its calendar file when the slug ends in `.ics`.',
            content: {
              'application/json': { schema: eventDetailSchema },
              'text/calendar': { schema: z.string() },
            },
          },
          '304': { description: 'Not modified (`If-None-Match` matched the `ETag`).' },
          '404': problemResponse('No such event.'),
        },
      },
    },
    {
      name: 'getCampaign',
      method: 'GET',
      path: '/campaigns/{campaign}',
      access: readsProgrammeSnapshot,
      openapi: {
        summary: 'A campaign: its days and the window in which organisers submit their events',
        description:
          'What `<essaim-submission>` shows before its form (and the bounds of its date fields). A deadline given as a date ends at midnight at the end of that day, Paris time; `submissions.state` is by the stack’s clock. `POST /campaigns/{campaign}/submissions` remains the judge.',
        tags: ['Programme'],
        security: [],
        requestParams: {
          path: z.object({
            campaign: z.string().meta({ description: 'The campaign’s slug (`mois-ess-2027`).' }),
          }),
        },
        responses: {
          '200': {
            description: 'The campaign.',
            content: { 'application/json': { schema: campaignSchema } },
          },
          '304': { description: 'Not modified (`If-None-Match` matched the `ETag`).' },
          '404': problemResponse('No such campaign.'),
          '503': programmeNotReady,
        },
      },
    },
    {
      name: 'listRegions',
      method: 'GET',
      path: '/regions',
      access: readsProgrammeSnapshot,
      openapi: {
        summary: 'The 18 regions and their number of events under the /events filters (the map of France)',
        description:
          'Every region, sorted by name, with its official code, its name and how many events the same filters as `GET /events` select there (with a `region` filter, the other regions count 0), for the map of France.',
        tags: ['Programme'],
        security: [],
        requestParams: { query: programmeFiltersSchema },
        responses: {
          '200': {
            description: 'Counts add up to the `total` of /events.',
            content: { 'application/json': { schema: z.array(regionCountSchema) } },
          },
          '304': { description: 'Not modified (`If-None-Match` matched the `ETag`).' },
          '400': problemResponse('Unknown filter value or bad date.'),
          '503': programmeNotReady,
        },
      },
    },
  ],
} as const satisfies FeatureManifest;
