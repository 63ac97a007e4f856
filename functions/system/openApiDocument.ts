import {
  createDocument,
  type ZodOpenApiComponentsObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponseObject,
} from 'zod-openapi';
import { httpRoutes } from '../catalogue.ts';

/**
 * Where the API answers when the caller names no server: a deployed stack (the stack output
 * `ApiUrl` is API Gateway's default endpoint), then the local stack of `npm run dev`.
 */
export const defaultServers = [
  {
    url: 'https://{apiId}.execute-api.{region}.amazonaws.com',
    description:
      'A deployed stack: the stack output `ApiUrl` (API Gateway’s default endpoint). Each network runs its own deployment.',
    variables: {
      apiId: {
        default: 'api-id',
        description: 'The HTTP API’s id, the first label of the stack output `ApiUrl`.',
      },
      region: {
        default: 'eu-west-3',
        description: 'The AWS region of the stack (`CDK_DEFAULT_REGION`, Paris unless said otherwise).',
      },
    },
  },
  { url: 'http://127.0.0.1:3000', description: 'The local stack (`npm run dev`), on this machine only.' },
];

/**
 * Every tag an operation may carry, in display order. The linter test fails on an operation
 * whose tag is missing here.
 */
const tags = [
  {
    name: 'Contact',
    description: 'The contact form: the topics it offers, and messages mailed to the team in charge.',
  },
  {
    name: 'Programme',
    description:
      'The campaign programme (the Mois de l’ESS): events filtered and paged, the map of France by region, calendar files.',
  },
  {
    name: 'Registrations',
    description:
      'Registering to events and their waiting lists; the manage link mailed to each registrant; the attendee list mailed to organisers.',
  },
  {
    name: 'Subscriptions',
    description:
      'Newsletter subscriptions: double opt-in, preferences by list, region and theme, one-click unsubscribe (RFC 8058).',
  },
  {
    name: 'Submissions',
    description:
      'Events organisers submit to a campaign’s programme, checked against its criteria, moderated by the chamber of their region; the organiser’s link to edit them; the communes of a postcode.',
  },
  {
    name: 'Directory',
    description:
      'The member directory: members ask for an entry, confirm their address, and edit or delete it through their link; editors publish it; visitors search it and write to members, whose addresses stay hidden.',
  },
  {
    name: 'Business meetings',
    description:
      'Business-meeting events (rencontres d’affaires): participants register on one of two sides, rank whom they want to meet through their link until the deadline, when the grid is made and mailed; the organiser exports and adjusts it through a mailed link.',
  },
  { name: 'Articles', description: 'The network’s news, as JSON and as an Atom feed.' },
  {
    name: 'Newsletters',
    description:
      'The public archive of sent newsletters: pages, each newsletter’s body as HTML, an Atom feed.',
  },
  {
    name: 'Personal data',
    description:
      'A person’s own requests (RGPD): receive or erase what the network keeps about their address, after a mailed confirmation link.',
  },
  { name: 'Webhooks', description: 'Calls from Sanity, where editors write the content.' },
  { name: 'System', description: 'This description of the API.' },
];

/** Credentials some operations take; every other operation declares `security: []` (public). */
const securitySchemes = {
  attendeeListToken: {
    type: 'apiKey',
    in: 'query',
    name: 'token',
    description:
      'The token of the link `POST /events/{slug}/attendees/link` mails to the organiser and the regional ' +
      'chamber: valid 24 hours, for that event only. A missing token is a `400`; a tampered, expired or ' +
      'foreign one is answered `404`, like an unknown event, so that the answer reveals nothing.',
  },
  meetingGridToken: {
    type: 'apiKey',
    in: 'query',
    name: 'token',
    description:
      'The token of the link mailed to a business-meeting event’s organiser when the deadline made its grid: ' +
      'for that event only, until two weeks after the meeting day. A missing token is a `400`; a tampered, ' +
      'expired or foreign one is answered `404`, like an unknown event.',
  },
  sanityWebhookSignature: {
    type: 'apiKey',
    in: 'header',
    name: 'sanity-webhook-signature',
    description:
      'Sanity’s webhook signature, `t=<timestamp in ms>,v1=<signature>`: the HMAC-SHA256 of ' +
      '`<timestamp>.<raw body>` keyed with the webhook’s secret (the `SANITY_WEBHOOK_SECRET` ' +
      'secret), base64url. Sanity computes it; it is checked with `@sanity/webhook` against the raw body.',
  },
} as const satisfies ZodOpenApiComponentsObject['securitySchemes'];

/** Answers any operation may give besides its own. */
const sharedResponses = {
  TooManyRequests: {
    description:
      'Too many requests: API Gateway’s stage throttling (the `throttleRateLimit` and `throttleBurstLimit` ' +
      'context values) refused the call before any function ran; retry later. Its body is API Gateway’s ' +
      '`{"message":"Too Many Requests"}`, not problem details. The local stack does not throttle.',
    content: {
      'application/json': {
        schema: { type: 'object', properties: { message: { type: 'string' } } },
      },
    },
  },
} satisfies Record<string, ZodOpenApiResponseObject>;

/** What path parameters are, by name (a route may describe its own in `requestParams.path`). */
const pathParameterDescriptions: Readonly<Record<string, string>> = {
  slug: 'The slug of the document the path names (event or article), as in the public website’s URLs (`slug.current` in Sanity).',
  token:
    'The token of a link Essaim mailed (what follows the last `/` of the link): `<key id>.<payload>.<HMAC-SHA256>`, ' +
    'base64url. Holding the link is the authorisation: see the operation’s description.',
};

/**
 * The OpenAPI 3.1 document of every route, generated from the same zod schemas the handlers
 * validate with. `serverUrl`, when given, is the one server described (the API's own address);
 * otherwise the templated deployed endpoint and the local stack are.
 */
export function openApiDocument(serverUrl?: string) {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of httpRoutes) {
    paths[route.path] ??= {};
    const pathItem = paths[route.path] as NonNullable<ZodOpenApiPathsObject[string]>;
    const declared = route.openapi.requestParams?.path;
    const declaredNames = declared && 'shape' in declared ? Object.keys(declared.shape as object) : [];
    const parameters = [...route.path.matchAll(/\{(\w+)\+?\}/g)]
      .map(([, name]) => name as string)
      .filter((name) => !declaredNames.includes(name))
      .map((name) => ({
        name,
        in: 'path' as const,
        required: true,
        ...(pathParameterDescriptions[name] ? { description: pathParameterDescriptions[name] } : {}),
        schema: { type: 'string' as const },
      }));
    pathItem[route.method.toLowerCase() as Lowercase<typeof route.method>] = {
      operationId: route.name,
      ...(parameters.length > 0 ? { parameters } : {}),
      ...route.openapi,
      // Stage throttling applies to every route in AWS; a route with rate limits describes both.
      responses: { '429': { $ref: '#/components/responses/TooManyRequests' }, ...route.openapi.responses },
    };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Essaim API',
      version: '0.1.0',
      description:
        'Public API of Essaim, the open backend of French social and solidarity economy (ESS) networks: ' +
        'contact form, campaign programme, registrations, news. Each network runs its own deployment.\n\n' +
        'Most operations are public. Two take a credential, described by a security scheme: the attendee ' +
        'list (the token of a mailed link) and Sanity’s webhook (its signature). The manage links of ' +
        'registrations carry their token in the path, which OpenAPI security schemes cannot describe: those ' +
        'operations say so in their description.\n\n' +
        'Errors are RFC 9457 problem details (`application/problem+json`) in French, in English with ' +
        '`Accept-Language: en`. Reads carry a strong `ETag`; `If-None-Match` gets `304`.',
      contact: {
        name: 'The network running this deployment (its website, or its contact form: `POST /contact`)',
      },
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: serverUrl ? [{ url: serverUrl.replace(/\/+$/, ''), description: 'This API.' }] : defaultServers,
    tags,
    paths,
    components: { securitySchemes, responses: sharedResponses },
  });
}
