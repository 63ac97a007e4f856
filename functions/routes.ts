import * as z from 'zod';
import type { ZodOpenApiOperationObject } from 'zod-openapi';
import { contactMessageSchema } from './domain/contact/contactMessage.ts';
import { defaultContactTopics } from './domain/contact/topics.ts';
import type { TableName } from './tables.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type TableAccess = 'read' | 'write' | 'readWrite';

/** What a function may touch in AWS; the CDK stack grants exactly this and nothing more. */
export interface FunctionPermissions {
  readonly tables?: Partial<Record<TableName, TableAccess>>;
  readonly sendEmail?: boolean;
}

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
    permissions: { tables: { contactMessages: 'readWrite' } },
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
