import * as z from 'zod';
import type { FeatureManifest } from '../manifest.ts';
import { readsContent } from '../shared/content/contentAccess.ts';
import { problemResponse } from '../shared/http/problemResponses.ts';
import { programmeFiltersSchema, programmePageSchema } from './programmeFilters.ts';
import { eventDetailSchema, programmePageResponseSchema, regionCountSchema } from './programmeSchemas.ts';

/** Reads the programme and the places left of its events (the Registrations counters). */
const readsProgramme = readsContent({ tables: { registrations: 'read' } });

/** The campaign programme: filters, pages, regions for the map, calendar files. */
export const programme = {
  folder: 'programme',
  routes: [
    {
      name: 'listEvents',
      method: 'GET',
      path: '/events',
      access: readsProgramme,
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
        },
      },
    },
    {
      name: 'getEventsCalendar',
      method: 'GET',
      path: '/events.ics',
      access: readsContent(),
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
        },
      },
    },
    {
      name: 'getEvent',
      method: 'GET',
      path: '/events/{slug}',
      access: readsProgramme,
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
      name: 'listRegions',
      method: 'GET',
      path: '/regions',
      access: readsContent(),
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
        },
      },
    },
  ],
} as const satisfies FeatureManifest;
