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
        tags: ['Programme'],
        requestParams: { query: programmeFiltersSchema },
        responses: {
          '200': {
            description: 'Times in Europe/Paris.',
            content: { 'text/calendar': { schema: z.string() } },
          },
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
        tags: ['Programme'],
        responses: {
          '200': {
            description: 'The event (JSON), or its calendar file when the slug ends in `.ics`.',
            content: {
              'application/json': { schema: eventDetailSchema },
              'text/calendar': { schema: z.string() },
            },
          },
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
        tags: ['Programme'],
        requestParams: { query: programmeFiltersSchema },
        responses: {
          '200': {
            description: 'Counts add up to the `total` of /events.',
            content: { 'application/json': { schema: z.array(regionCountSchema) } },
          },
          '400': problemResponse('Unknown filter value or bad date.'),
        },
      },
    },
  ],
} as const satisfies FeatureManifest;
