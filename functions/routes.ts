import * as z from 'zod';
import type { ZodOpenApiOperationObject } from 'zod-openapi';
import { contactMessageSchema } from './domain/contact/contactMessage.ts';
import { defaultContactTopics } from './domain/contact/topics.ts';
import { programmeFiltersSchema, programmePageSchema } from './domain/programme/programmeFilters.ts';
import {
  articleSummarySchema,
  eventDetailSchema,
  programmePageResponseSchema,
  regionCountSchema,
} from './domain/programme/programmeSchemas.ts';
import { registrationRequestSchema } from './domain/registration/registration.ts';
import { articlesQuerySchema } from './http/articles/articlesQuerySchema.ts';
import { attendeeListQuerySchema } from './http/attendees/attendeeListQuery.ts';
import type { TableName } from './tables.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type TableAccess = 'read' | 'write' | 'readWrite';

/** What a function may touch in AWS; the CDK stack grants exactly this and nothing more. */
export interface FunctionPermissions {
  readonly tables?: Partial<Record<TableName, TableAccess>>;
  readonly sendEmail?: boolean;
  /** Reads Sanity content: gets the Content Lake settings and, if one is configured, the read token. */
  readonly readsContent?: boolean;
  /** Secrets read from SSM Parameter Store (`<NAME>_PARAMETER`). */
  readonly secrets?: readonly SecretName[];
}

export type SecretName = 'SANITY_WEBHOOK_SECRET' | 'SANITY_READ_TOKEN' | 'REGISTRATION_TOKEN_KEYS';

/** What every content reader needs: the content revision that tells when its cache is stale. */
const readsContent: FunctionPermissions = { readsContent: true, tables: { contentChanges: 'read' } };

export interface Route {
  readonly method: HttpMethod;
  /** API Gateway path syntax: `/events/{slug}`. */
  readonly path: string;
  /** Stable name: the Lambda function's construct id and the OpenAPI operationId. */
  readonly name: string;
  /** Module under `functions/` exporting `handler`. */
  readonly handler: string;
  readonly permissions?: FunctionPermissions;
  readonly openapi: Omit<ZodOpenApiOperationObject, 'operationId'>;
}

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ pointer: z.string(), detail: z.string() })).optional(),
  })
  .meta({
    id: 'Problem',
    description: 'RFC 9457 problem details; messages in French unless `Accept-Language: en`.',
  });

const contactTopicSchema = z
  .object({ id: z.string(), label: z.string() })
  .meta({ id: 'ContactTopic', example: defaultContactTopics[0] });

/**
 * Every HTTP route of Essaim. The CDK stack makes one Lambda function and one API route per
 * entry; the local server mounts the same entries. Adding a route is one entry here plus its
 * handler module.
 */
export const routes: readonly Route[] = [
  {
    method: 'GET',
    path: '/contact/topics',
    name: 'listContactTopics',
    handler: 'http/contact/listContactTopics.ts',
    permissions: readsContent,
    openapi: {
      summary: 'Topics offered by the contact form',
      tags: ['Contact'],
      responses: {
        '200': {
          description: 'The topics, in display order, with French labels.',
          content: { 'application/json': { schema: z.array(contactTopicSchema) } },
        },
      },
    },
  },
  {
    method: 'POST',
    path: '/contact',
    name: 'submitContactMessage',
    handler: 'http/contact/submitContactMessage.ts',
    permissions: { readsContent: true, tables: { contactMessages: 'readWrite', contentChanges: 'read' } },
    openapi: {
      summary: 'Send a message through the contact form',
      description:
        'Records the message; the team of the chosen topic and the visitor then receive an e-mail. ' +
        'The same message sent again within 10 minutes answers the same id and sends nothing new.',
      tags: ['Contact'],
      requestBody: {
        content: {
          'application/json': { schema: contactMessageSchema(defaultContactTopics.map((topic) => topic.id)) },
        },
      },
      responses: {
        '202': {
          description: 'Message accepted.',
          content: {
            'application/json': {
              schema: z.object({ id: z.string() }).meta({ id: 'ContactMessageAccepted' }),
            },
          },
        },
        '400': problemResponse('Invalid field(s) or malformed JSON; one entry per invalid field.'),
        '413': problemResponse('Body too large.'),
        '415': problemResponse('Body is not JSON.'),
      },
    },
  },
  {
    method: 'GET',
    path: '/events',
    name: 'listEvents',
    handler: 'http/programme/listEvents.ts',
    permissions: { ...readsContent, tables: { contentChanges: 'read', registrations: 'read' } },
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
    method: 'GET',
    path: '/events.ics',
    name: 'getEventsCalendar',
    handler: 'http/programme/getEventsCalendar.ts',
    permissions: readsContent,
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
    method: 'GET',
    path: '/events/{slug}',
    name: 'getEvent',
    handler: 'http/programme/getEvent.ts',
    permissions: { ...readsContent, tables: { contentChanges: 'read', registrations: 'read' } },
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
    method: 'POST',
    path: '/events/{slug}/registrations',
    name: 'registerForEvent',
    handler: 'http/registrations/registerForEvent.ts',
    permissions: { readsContent: true, tables: { contentChanges: 'read', registrations: 'readWrite' } },
    openapi: {
      summary: 'Register to an event (or join its waiting list)',
      description:
        'One registration per e-mail address per event. Registering again answers 200 with `alreadyRegistered` and sends the manage link to the address again (at most once a day).',
      tags: ['Registrations'],
      requestBody: { content: { 'application/json': { schema: registrationRequestSchema } } },
      responses: {
        '201': {
          description: 'Registered: `confirmed`, or `waitlisted` with a `position`.',
          content: {
            'application/json': {
              schema: z
                .object({
                  id: z.string(),
                  status: z.enum(['confirmed', 'waitlisted']),
                  position: z.number().int().optional(),
                })
                .meta({ id: 'RegistrationAccepted' }),
            },
          },
        },
        '200': {
          description:
            'Already registered; the manage link goes to the address again. Nothing else about the registration is told.',
          content: {
            'application/json': {
              schema: z
                .object({ alreadyRegistered: z.literal(true), message: z.string() })
                .meta({ id: 'AlreadyRegistered' }),
            },
          },
        },
        '400': problemResponse('Invalid field(s).'),
        '404': problemResponse('No such event.'),
        '409': problemResponse('Registration closed (with the reason), or full without a waiting list.'),
      },
    },
  },
  {
    method: 'POST',
    path: '/events/{slug}/attendees/link',
    name: 'requestAttendeeList',
    handler: 'http/attendees/requestAttendeeList.ts',
    permissions: { readsContent: true, tables: { contentChanges: 'read', registrations: 'write' } },
    openapi: {
      summary: 'Mail a 24-hour link to the attendee list to the organiser and the regional chamber',
      description:
        'The link goes only to the addresses editors set in Sanity (the organisation’s e-mail and its region’s CRESS), at most once an hour per event; the answer is the same whoever asks.',
      tags: ['Registrations'],
      responses: { '202': { description: 'Request recorded.' }, '404': problemResponse('No such event.') },
    },
  },
  {
    method: 'GET',
    path: '/events/{slug}/attendees.csv',
    name: 'getAttendeeList',
    handler: 'http/attendees/getAttendeeList.ts',
    permissions: {
      readsContent: true,
      tables: { contentChanges: 'read', registrations: 'read' },
      secrets: ['REGISTRATION_TOKEN_KEYS'],
    },
    openapi: {
      summary: 'The attendee list (CSV: name, e-mail, status, registered at), with the mailed link’s token',
      tags: ['Registrations'],
      requestParams: { query: attendeeListQuerySchema },
      responses: {
        '200': {
          description: 'UTF-8 with BOM, semicolons.',
          content: { 'text/csv': { schema: z.string() } },
        },
        '404': problemResponse('Missing, tampered, expired or foreign token.'),
      },
    },
  },
  {
    method: 'GET',
    path: '/registrations/{token}',
    name: 'getRegistration',
    handler: 'http/registrations/getRegistration.ts',
    permissions: { tables: { registrations: 'read' }, secrets: ['REGISTRATION_TOKEN_KEYS'] },
    openapi: {
      summary: 'The registration a manage link designates',
      tags: ['Registrations'],
      responses: {
        '200': { description: 'The registration.' },
        '404': problemResponse('Tampered or unknown link.'),
      },
    },
  },
  {
    method: 'DELETE',
    path: '/registrations/{token}',
    name: 'cancelRegistration',
    handler: 'http/registrations/cancelRegistration.ts',
    permissions: { tables: { registrations: 'readWrite' }, secrets: ['REGISTRATION_TOKEN_KEYS'] },
    openapi: {
      summary: 'Cancel a registration (harmless when already cancelled)',
      tags: ['Registrations'],
      responses: {
        '200': { description: 'The cancelled registration.' },
        '404': problemResponse('Tampered or unknown link.'),
      },
    },
  },
  {
    method: 'GET',
    path: '/regions',
    name: 'listRegions',
    handler: 'http/programme/listRegions.ts',
    permissions: readsContent,
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
  {
    method: 'GET',
    path: '/articles',
    name: 'listArticles',
    handler: 'http/articles/listArticles.ts',
    permissions: readsContent,
    openapi: {
      summary: 'Published news, newest first',
      tags: ['Articles'],
      requestParams: { query: articlesQuerySchema },
      responses: {
        '200': {
          description: 'Articles.',
          content: { 'application/json': { schema: z.array(articleSummarySchema) } },
        },
        '400': problemResponse('Bad limit.'),
      },
    },
  },
  {
    method: 'GET',
    path: '/feed.xml',
    name: 'getArticlesFeed',
    handler: 'http/articles/getArticlesFeed.ts',
    permissions: readsContent,
    openapi: {
      summary: 'The news as an Atom feed',
      tags: ['Articles'],
      responses: {
        '200': { description: 'Atom 1.0.', content: { 'application/atom+xml': { schema: z.string() } } },
      },
    },
  },
  {
    method: 'POST',
    path: '/webhooks/sanity',
    name: 'receiveSanityWebhook',
    handler: 'http/webhooks/receiveSanityWebhook.ts',
    permissions: { tables: { contentChanges: 'readWrite' }, secrets: ['SANITY_WEBHOOK_SECRET'] },
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
  {
    method: 'GET',
    path: '/openapi.json',
    name: 'getOpenApiDocument',
    handler: 'http/system/getOpenApiDocument.ts',
    openapi: {
      summary: 'This API, described in OpenAPI 3.1',
      tags: ['System'],
      responses: { '200': { description: 'The OpenAPI document.', content: { 'application/json': {} } } },
    },
  },
];

/**
 * Answers every request no route matches: 404, or 405 with `Allow` when the path exists
 * under another method. API Gateway sends it the `$default` route; the local server too.
 */
export const fallbackRoute = {
  name: 'answerUnmatchedRequest',
  handler: 'http/system/answerUnmatchedRequest.ts',
} as const;

/** Matches a concrete path against an API Gateway route path; answers path parameters or null. */
export function matchPath(routePath: string, actualPath: string): Record<string, string> | null {
  const pattern = routePath.split('/');
  const actual = actualPath.split('/');
  const greedy = pattern.at(-1)?.match(/^\{(\w+)\+\}$/);
  if (greedy ? actual.length < pattern.length : actual.length !== pattern.length) return null;
  const params: Record<string, string> = {};
  for (const [index, segment] of pattern.entries()) {
    const value = actual[index] ?? '';
    if (greedy && index === pattern.length - 1) {
      params[greedy[1] as string] = actual.slice(index).map(decodeURIComponent).join('/');
      return params;
    }
    const param = segment.match(/^\{(\w+)\}$/);
    if (param) {
      if (value === '') return null;
      params[param[1] as string] = decodeURIComponent(value);
    } else if (segment !== value) {
      return null;
    }
  }
  return params;
}

/** The routes whose path matches, whatever their method (for 404 versus 405). */
export function routesForPath(path: string): { route: Route; pathParameters: Record<string, string> }[] {
  return routes.flatMap((route) => {
    const pathParameters = matchPath(route.path, path);
    return pathParameters ? [{ route, pathParameters }] : [];
  });
}
