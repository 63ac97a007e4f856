import * as z from 'zod';
import { checksFormChallenge, type FeatureManifest, limitsRate } from '../manifest.ts';
import { readsContent } from '../shared/content/contentAccess.ts';
import {
  busyResponse,
  formPostBody,
  formPostResponses,
  problemResponse,
  tooManyRequestsResponse,
} from '../shared/http/problemResponses.ts';
import { communesIndexFileName } from './communesIndexFile.ts';
import { communesQuerySchema } from './communesQuery.ts';
import { submissionRequestSchema } from './submissionRequest.ts';

const communeSchema = z
  .object({ code: z.string(), name: z.string(), departmentCode: z.string(), regionCode: z.string() })
  .meta({
    id: 'Commune',
    example: { code: '35238', name: 'Rennes', departmentCode: '35', regionCode: '53' },
  });

const submissionViewSchema = z
  .object({
    id: z.string(),
    campaign: z.object({ slug: z.string(), title: z.string() }),
    version: z.number().int(),
    submittedAt: z.string(),
    updatedAt: z.string(),
    editableUntil: z.string().nullable(),
    published: z.boolean(),
    fields: z.record(z.string(), z.unknown()).meta({
      description:
        'The fields of `EventSubmissionRequest` as recorded (dates as instants, identifiers compacted), to fill the form in; `consent` is given again with an edit.',
    }),
  })
  .meta({ id: 'EventSubmission' });

/** The communes index, read beside the bundle by the functions that check a place (`communes.ts`). */
const communesIndex = { [`functions/submissions/${communesIndexFileName}`]: communesIndexFileName };

const linkNote =
  'The `token` path segment is the credential (the signed link mailed to the organiser), which OpenAPI security schemes cannot describe: the operation declares none (`security: []`) but needs the link. A tampered or unknown token is a `404` that reveals nothing.';

/** Events organisers submit to a campaign; the chambers moderate them in the Studio. */
export const submissions = {
  folder: 'submissions',
  tables: {
    eventSubmissions: {
      description:
        'Events submitted to a campaign (`SUBMISSION#<id>`: the organisation, the contact, the event, its version, the consent), with the keyed hash of the contact’s address (`addressKey`); kept a year after the campaign’s last day. Each new version drives the workers. `DECISION#<event>#<decision>`: a moderator’s decision already told to the organiser (the request that told it), kept as long as the submission. Index `byAddress` (`addressKey`), for the finders of personal data.',
      partitionKey: 'pk',
      timeToLiveAttribute: 'expiresAt',
      stream: true,
      indexes: { byAddress: { partitionKey: 'addressKey' } },
    },
  },
  routes: [
    {
      name: 'listCommunes',
      method: 'GET',
      path: '/communes',
      dataFiles: communesIndex,
      openapi: {
        summary: 'The communes of a postcode (the submission form’s commune list)',
        description:
          'Current communes (INSEE code, name, department, region) from the state’s data (`@etalab/decoupage-administratif`); an unknown postcode has none. The department and region of an event’s place derive from the commune chosen. Cached a day.',
        tags: ['Submissions'],
        security: [],
        requestParams: { query: communesQuerySchema },
        responses: {
          '200': {
            description: 'The communes, by name.',
            content: { 'application/json': { schema: z.array(communeSchema) } },
          },
          '304': { description: 'Not modified (`If-None-Match` matched the `ETag`).' },
          '400': problemResponse('Missing or malformed postcode.'),
        },
      },
    },
    {
      name: 'submitEvent',
      method: 'POST',
      path: '/campaigns/{campaign}/submissions',
      dataFiles: communesIndex,
      access: checksFormChallenge(readsContent(limitsRate({ tables: { eventSubmissions: 'readWrite' } }))),
      openapi: {
        summary: 'Submit an event to a campaign’s programme',
        description:
          'Checks the campaign’s criteria (an ESS status, a local authority or a teaching institution; a stated link to the ESS; dates within the campaign’s days; submitted while submissions are open) and records the submission. It is then written as a draft « À modérer » for the chamber of its region, who is mailed; the organiser receives an acknowledgement with a link to see and edit it (within the mailbox’s allowance of form mails, `FORM_MAILS_PER_MAILBOX`). The same submission posted again answers the same id and records nothing. A client is allowed 20 submissions an hour.',
        tags: ['Submissions'],
        security: [],
        requestParams: {
          path: z.object({
            campaign: z.string().meta({
              description:
                'The campaign’s slug (`slug.current` of its document in Sanity), e.g. `mois-ess-2027`.',
            }),
          }),
        },
        requestBody: formPostBody(submissionRequestSchema()),
        responses: {
          ...formPostResponses,
          '202': {
            description: 'Submission recorded (or recorded before: the same id).',
            content: {
              'application/json': {
                schema: z.object({ id: z.string() }).meta({ id: 'EventSubmissionAccepted' }),
              },
            },
          },
          '400': problemResponse('Invalid field(s) or a criterion not met; one entry per field.'),
          '403': problemResponse('The campaign does not take submissions now (not yet open, or closed).'),
          '404': problemResponse('No such campaign.'),
          '413': problemResponse('Body too large.'),
          '415': problemResponse('Body is neither JSON nor a form.'),
          '429': tooManyRequestsResponse,
          '503': busyResponse,
        },
      },
    },
    {
      name: 'getSubmission',
      method: 'GET',
      path: '/submissions/{token}',
      access: { readsContent: true, tables: { eventSubmissions: 'read' }, secrets: ['TOKEN_KEYS'] },
      openapi: {
        summary: 'The submission an organiser’s link designates',
        description: `For the page the organiser opens from the acknowledgement (\`<PAGES_URL>/proposition.html?jeton=<token>\`). ${linkNote} Never cached.`,
        tags: ['Submissions'],
        security: [],
        responses: {
          '200': {
            description: 'The submission.',
            content: { 'application/json': { schema: submissionViewSchema } },
          },
          '404': problemResponse('Tampered or unknown link.'),
        },
      },
    },
    {
      name: 'updateSubmission',
      method: 'PUT',
      path: '/submissions/{token}',
      dataFiles: communesIndex,
      access: {
        readsContent: true,
        tables: { eventSubmissions: 'readWrite' },
        secrets: ['TOKEN_KEYS', 'ADDRESS_HASH_KEY'],
      },
      openapi: {
        summary: 'Edit a submission through the organiser’s link, until submissions close',
        description: `The whole submission again, checked as when submitted; it becomes the next version, written as a draft « À modérer »: a published version stays online until a moderator publishes the edit. The same content again changes nothing. ${linkNote}`,
        tags: ['Submissions'],
        security: [],
        requestBody: { content: { 'application/json': { schema: submissionRequestSchema() } } },
        responses: {
          '200': {
            description: 'Recorded (or unchanged).',
            content: {
              'application/json': {
                schema: z
                  .object({ id: z.string(), version: z.number().int() })
                  .meta({ id: 'EventSubmissionEdited' }),
              },
            },
          },
          '400': problemResponse('Invalid field(s) or a criterion not met; one entry per field.'),
          '403': problemResponse('Submissions are closed: the submission can no longer be edited.'),
          '404': problemResponse('Tampered or unknown link.'),
          '409': problemResponse(
            'Another edit came first (reload and edit again), or the submission had its 50 versions.',
          ),
          '413': problemResponse('Body too large.'),
          '415': problemResponse('Body is not JSON.'),
        },
      },
    },
  ],
  streamWorkers: [
    {
      name: 'writeSubmissionDrafts',
      table: 'eventSubmissions',
      filters: [
        { eventName: ['INSERT', 'MODIFY'], dynamodb: { Keys: { pk: { S: [{ prefix: 'SUBMISSION#' }] } } } },
      ],
      batchSize: 10,
      retryAttempts: 5,
      // The published perspective through fetch (no cache, so no content revision), and the robot token.
      access: { readsContent: true, secrets: ['SANITY_WRITE_TOKEN'] },
    },
    {
      name: 'mailSubmissionReceipts',
      table: 'eventSubmissions',
      filters: [{ eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: [{ prefix: 'SUBMISSION#' }] } } } }],
      batchSize: 10,
      retryAttempts: 5,
      access: readsContent({
        tables: { idempotency: 'readWrite' },
        sendEmail: true,
        secrets: ['TOKEN_KEYS'],
      }),
    },
    {
      // « Publier » and « Refuser » in the Studio: the organiser is told once per decision.
      name: 'mailModerationDecisions',
      table: 'contentChanges',
      filters: [
        {
          eventName: ['INSERT'],
          dynamodb: {
            Keys: { pk: { S: [{ prefix: 'CHANGE#' }] } },
            // `update`: a request the webhook missed, recorded by the scheduled resync.
            NewImage: { type: { S: ['moderationDecision'] }, operation: { S: ['create', 'update'] } },
          },
        },
      ],
      batchSize: 10,
      retryAttempts: 5,
      // The request (published perspective), the event's draft (robot token), the organiser's address.
      access: readsContent({
        tables: { eventSubmissions: 'readWrite', idempotency: 'readWrite' },
        sendEmail: true,
        secrets: ['SANITY_WRITE_TOKEN'],
      }),
    },
  ],
  schedules: [
    {
      // The chambers that chose it (`cress.submissionNotices`): yesterday's submissions, once a day.
      name: 'mailDailySubmissionSummaries',
      everyMinutes: 60,
      access: readsContent({
        tables: { idempotency: 'readWrite' },
        sendEmail: true,
        secrets: ['SANITY_WRITE_TOKEN'],
      }),
    },
  ],
} as const satisfies FeatureManifest;
