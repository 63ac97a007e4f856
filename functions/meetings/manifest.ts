import * as z from 'zod';
import { checksFormChallenge, type FeatureManifest, limitsRate } from '../manifest.ts';
import { typstAddon } from '../printedProgramme/manifest.ts';
import { readsContent } from '../shared/content/contentAccess.ts';
import { problemResponse, tooManyRequestsResponse } from '../shared/http/problemResponses.ts';
import { meetingGridViewSchema, meetingSpaceSchema } from './meetingApiSchemas.ts';
import { meetingChangeSchema } from './meetingGridRequest.ts';
import { meetingParticipantRequestSchema, meetingWishesSchema } from './meetingRequest.ts';

const linkNote =
  'The `token` path segment is the credential (the signed link mailed to the participant), which OpenAPI security schemes cannot describe: the operation declares none (`security: []`) but needs the link. A tampered or unknown token, or a registration gone, is a `404` that reveals nothing.';
const gridNote =
  'For whoever holds the link mailed to the organiser (`organiserEmail` of the event) when the deadline made the grid: its `token` query parameter (the `meetingGridToken` scheme), valid until two weeks after the meeting day.';

const meetingTable = { businessMeetings: 'readWrite' } as const;

const bySortKeyPrefix = (prefix: string) => ({ sk: { S: [{ prefix }] } });

/** Business meetings: participants register on two sides, wish, and get a grid made at the deadline. */
export const meetings = {
  folder: 'meetings',
  tables: {
    businessMeetings: {
      description:
        'Business meetings, per event (`pk` = `MEETING#<event id>`): `PART#<participant id>` (the id derives from the address’s keyed hash and the event: one registration per address), the participant’s side, profile, available slots, ranked wishes, address and `addressKey` (index `byAddress`, for the finders of personal data); `MEET#<meeting id>` one meeting of the grid (the two participants, slot, table, kind of wish, `status`, `version`: each change notifies the two); `PLACE#<slot>#T<table>` and `PLACE#<slot>#P<participant id>` the places a scheduled meeting holds (`holder`), created and given back in the same transaction as the meeting’s change, so that two changes cannot take one table or one participant at once; `RUN` the deadline’s run (claimed, grid stored, mailed); `LINK#<hour>` the organiser’s request for the grid’s link (a day). TTL three months after the meeting day. The stream drives `sendMeetingEmails`.',
      partitionKey: 'pk',
      sortKey: 'sk',
      timeToLiveAttribute: 'expiresAt',
      stream: true,
      indexes: { byAddress: { partitionKey: 'addressKey' } },
    },
  },
  routes: [
    {
      name: 'registerForMeetings',
      method: 'POST',
      path: '/meetings/{slug}/participants',
      access: checksFormChallenge(readsContent(limitsRate({ tables: meetingTable }))),
      openapi: {
        summary: 'Register to a business-meeting event, on one side',
        description:
          'Until the deadline for wishes. One registration per address and event; the answer is the same whether the address was registered already (it is then mailed its link again, at most once a day). The link to the participant’s space is mailed (within the mailbox’s allowance of form mails). A client is allowed 10 registrations an hour.',
        tags: ['Business meetings'],
        security: [],
        requestBody: { content: { 'application/json': { schema: meetingParticipantRequestSchema() } } },
        responses: {
          '202': {
            description: 'Recorded (or already was): the link is on its way.',
            content: {
              'application/json': {
                schema: z
                  .object({ status: z.literal('registered'), message: z.string() })
                  .meta({ id: 'MeetingParticipantRegistered' }),
              },
            },
          },
          '400': problemResponse('Invalid field(s), or a slot that is not the grid’s; one entry per field.'),
          '404': problemResponse('No such business-meeting event.'),
          '409': problemResponse('The deadline for wishes has passed: registration is closed.'),
          '413': problemResponse('Body too large.'),
          '415': problemResponse('Body is not JSON.'),
          '429': tooManyRequestsResponse,
        },
      },
    },
    {
      name: 'getMeetingSpace',
      method: 'GET',
      path: '/meeting-participants/{token}',
      access: readsContent({ tables: { businessMeetings: 'read' }, secrets: ['TOKEN_KEYS'] }),
      openapi: {
        summary: 'A participant’s space: their registration, the other side, their wishes, their schedule',
        description: `The other side’s public profiles (name, organisation, what they offer or seek), the participant’s ranked wishes, and once the deadline made the grid, their meetings (\`schedule\`, null before). Never cached. ${linkNote}`,
        tags: ['Business meetings'],
        security: [],
        responses: {
          '200': {
            description: 'The space.',
            content: { 'application/json': { schema: meetingSpaceSchema } },
          },
          '404': problemResponse('Tampered or unknown link.'),
        },
      },
    },
    {
      name: 'confirmMeetingAddress',
      method: 'POST',
      path: '/meeting-participants/{token}/confirmation',
      access: readsContent(limitsRate({ tables: meetingTable, secrets: ['TOKEN_KEYS'] })),
      openapi: {
        summary: 'Confirm the address: the profile is then shown to the other side',
        description: `The participant’s click in their space (opening the link does not confirm: mail scanners open links); saving wishes confirms too. Until then their profile is not among the other side’s \`others\`. Harmless twice. ${linkNote}`,
        tags: ['Business meetings'],
        security: [],
        responses: {
          '200': {
            description: 'Confirmed (or already was): the space, as `GET` answers it.',
            content: { 'application/json': { schema: meetingSpaceSchema } },
          },
          '404': problemResponse('Tampered or unknown link.'),
          '429': tooManyRequestsResponse,
        },
      },
    },
    {
      name: 'updateMeetingWishes',
      method: 'PUT',
      path: '/meeting-participants/{token}/wishes',
      access: readsContent(limitsRate({ tables: meetingTable, secrets: ['TOKEN_KEYS'] })),
      openapi: {
        summary: 'Rank the participants of the other side one wants to meet',
        description: `Replaces the wishes, until the deadline; after it, a \`409\` that says so. ${linkNote}`,
        tags: ['Business meetings'],
        security: [],
        requestBody: { content: { 'application/json': { schema: meetingWishesSchema() } } },
        responses: {
          '200': {
            description: 'The wishes recorded.',
            content: { 'application/json': { schema: meetingWishesSchema() } },
          },
          '400': problemResponse('An id that is not a participant of the other side, a repeat, too many.'),
          '404': problemResponse('Tampered or unknown link.'),
          '409': problemResponse('The deadline for wishes has passed.'),
          '415': problemResponse('Body is not JSON.'),
          '429': tooManyRequestsResponse,
        },
      },
    },
    {
      name: 'withdrawFromMeetings',
      method: 'DELETE',
      path: '/meeting-participants/{token}',
      access: readsContent(limitsRate({ tables: meetingTable, secrets: ['TOKEN_KEYS'] })),
      openapi: {
        summary: 'Withdraw from the event: the registration goes, the scheduled meetings are cancelled',
        description: `The registration is deleted (the link then answers \`404\`); once the grid is made, the participant’s scheduled meetings are cancelled in the same transaction and each other participant is mailed the cancellation, once. ${linkNote}`,
        tags: ['Business meetings'],
        security: [],
        responses: {
          '200': {
            description: 'Withdrawn.',
            content: {
              'application/json': {
                schema: z
                  .object({
                    status: z.literal('withdrawn'),
                    cancelled: z.number().int(),
                    message: z.string(),
                  })
                  .meta({ id: 'MeetingParticipantWithdrawn' }),
              },
            },
          },
          '404': problemResponse('Tampered or unknown link, or already withdrawn.'),
          '409': problemResponse(
            'The deadline’s run is making the grid right now: try again in a few minutes.',
          ),
          '429': tooManyRequestsResponse,
        },
      },
    },
    {
      name: 'requestMeetingGridLink',
      method: 'POST',
      path: '/meetings/{slug}/grid/link',
      access: readsContent(limitsRate({ tables: meetingTable })),
      openapi: {
        summary: 'Mail the grid’s link again to the organising team',
        description:
          'Once the deadline made the grid, mails the grid’s links (its page `rencontre-grille.html`, which reads `GET /meetings/{slug}/grid`, the CSV and the PDF) to the event’s `organiserEmail` (set by editors in the Studio) and to nobody else, at most once an hour and within that address’s allowance of form mails. The answer is the same whoever asks and whatever the grid’s state.',
        tags: ['Business meetings'],
        security: [],
        responses: {
          '202': {
            description: 'Recorded, or not (the same answer either way).',
            content: {
              'application/json': {
                schema: z.object({ message: z.string() }).meta({ id: 'MeetingGridLinkRequested' }),
              },
            },
          },
          '404': problemResponse('No such business-meeting event.'),
          '429': tooManyRequestsResponse,
        },
      },
    },
    {
      name: 'getMeetingGridView',
      method: 'GET',
      path: '/meetings/{slug}/grid',
      access: readsContent({ tables: { businessMeetings: 'read' }, secrets: ['TOKEN_KEYS'] }),
      openapi: {
        summary: 'The grid of meetings to see and adjust (JSON: the event, the meetings, who can come when)',
        description: `${gridNote} What the organiser’s page \`rencontre-grille.html\` shows: the event (slots, tables), every meeting (time, table, the two participants, kind of wish, status, \`version\`) and every participant with the slots they can attend, so that it offers only the moves the grid’s rules allow. Never cached.`,
        tags: ['Business meetings'],
        security: [{ meetingGridToken: [] }],
        responses: {
          '200': {
            description: 'The grid.',
            content: { 'application/json': { schema: meetingGridViewSchema } },
          },
          '400': problemResponse('No `token`, or another query parameter.'),
          '404': problemResponse('Tampered, expired or foreign token, or no such event.'),
          '409': problemResponse('The grid is not made yet (before the deadline).'),
        },
      },
    },
    {
      name: 'getMeetingGrid',
      method: 'GET',
      path: '/meetings/{slug}/grid.csv',
      access: readsContent({ tables: { businessMeetings: 'read' }, secrets: ['TOKEN_KEYS'] }),
      openapi: {
        summary: 'The grid of meetings (CSV: meeting, time, table, the two participants, wish, status)',
        description: `${gridNote} Never cached.`,
        tags: ['Business meetings'],
        security: [{ meetingGridToken: [] }],
        responses: {
          '200': {
            description: 'UTF-8 with BOM, semicolons; by time then table, cancelled meetings last.',
            content: { 'text/csv': { schema: z.string() } },
          },
          '400': problemResponse('No `token`, or another query parameter.'),
          '404': problemResponse('Tampered, expired or foreign token, or no such event.'),
          '409': problemResponse('The grid is not made yet (before the deadline).'),
        },
      },
    },
    {
      name: 'getMeetingGridPdf',
      method: 'GET',
      path: '/meetings/{slug}/grid.pdf',
      access: readsContent({ tables: { businessMeetings: 'read' }, secrets: ['TOKEN_KEYS'] }),
      // Typst's first compile loads the addon and the fonts: a few seconds on a cold start.
      timeoutSeconds: 29,
      nativeAddon: typstAddon,
      openapi: {
        summary: 'The grid of meetings to print (PDF, A4: a table per slot)',
        description: `${gridNote} The scheduled meetings slot by slot (time, table, each side’s name and organisation), the event’s title and day. Never cached.`,
        tags: ['Business meetings'],
        security: [{ meetingGridToken: [] }],
        responses: {
          '200': {
            description: 'A4 PDF, a slot never split across two pages.',
            content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } },
          },
          '400': problemResponse('No `token`, or another query parameter.'),
          '404': problemResponse('Tampered, expired or foreign token, or no such event.'),
          '409': problemResponse('The grid is not made yet (before the deadline).'),
        },
      },
    },
    {
      name: 'changeMeeting',
      method: 'PATCH',
      path: '/meetings/{slug}/grid/{meetingId}',
      access: readsContent(limitsRate({ tables: meetingTable, secrets: ['TOKEN_KEYS'] })),
      openapi: {
        summary: 'Move one meeting of the grid to another time and table, or cancel it',
        description: `${gridNote} The grid’s rules hold: the table is free then, both participants can attend and have no other meeting then. The two participants are mailed the change (with the new \`.ics\`), once.`,
        tags: ['Business meetings'],
        security: [{ meetingGridToken: [] }],
        requestParams: {
          path: z.object({
            slug: z.string().meta({ description: 'The slug of the business-meeting event.' }),
            meetingId: z
              .string()
              .meta({ description: 'The meeting’s id in the grid (`M0001`…), as the CSV gives it.' }),
          }),
        },
        requestBody: { content: { 'application/json': { schema: meetingChangeSchema() } } },
        responses: {
          '200': {
            description: 'The meeting as it is now.',
            content: {
              'application/json': {
                schema: z
                  .object({
                    id: z.string(),
                    status: z.enum(['scheduled', 'cancelled']),
                    time: z.string().nullable(),
                    table: z.number().int(),
                    version: z.number().int(),
                    a: z
                      .object({ id: z.string(), name: z.string(), organisation: z.string() })
                      .passthrough()
                      .nullable(),
                    b: z
                      .object({ id: z.string(), name: z.string(), organisation: z.string() })
                      .passthrough()
                      .nullable(),
                  })
                  .meta({ id: 'MeetingChanged' }),
              },
            },
          },
          '400': problemResponse(
            'Neither a time and table nor a cancellation; a time or table not the grid’s.',
          ),
          '404': problemResponse('Tampered, expired or foreign token, no such event or meeting.'),
          '409': problemResponse(
            'The grid is not made yet, the meeting is cancelled, it is no longer at the `version` sent, a participant is unavailable or busy then, the table is taken, or the meeting, its table or a participant was just taken by a concurrent change.',
          ),
          '415': problemResponse('Body is not JSON.'),
          '429': tooManyRequestsResponse,
        },
      },
    },
  ],
  streamWorkers: [
    {
      name: 'sendMeetingEmails',
      table: 'businessMeetings',
      filters: [
        { eventName: ['INSERT', 'MODIFY'], dynamodb: { Keys: bySortKeyPrefix('PART#') } },
        { eventName: ['MODIFY'], dynamodb: { Keys: bySortKeyPrefix('MEET#') } },
        { eventName: ['INSERT'], dynamodb: { Keys: bySortKeyPrefix('LINK#') } },
      ],
      batchSize: 10,
      retryAttempts: 5,
      access: readsContent({
        tables: { businessMeetings: 'read', idempotency: 'readWrite' },
        sendEmail: true,
        secrets: ['TOKEN_KEYS'],
      }),
    },
  ],
  schedules: [
    {
      // Each event's grid, once, as soon as its deadline for wishes has passed.
      name: 'scheduleMeetingsAtDeadlines',
      everyMinutes: 15,
      // 300 participants: the grid in a second or two, then a mail each.
      timeoutSeconds: 300,
      access: readsContent({
        tables: { businessMeetings: 'readWrite', idempotency: 'readWrite' },
        sendEmail: true,
        secrets: ['TOKEN_KEYS'],
      }),
    },
  ],
} as const satisfies FeatureManifest;
