import * as z from 'zod';
import { type FeatureManifest, limitsRate } from '../manifest.ts';
import { readsContent } from '../shared/content/contentAccess.ts';
import {
  formPostBody,
  formPostResponses,
  problemResponse,
  tooManyRequestsResponse,
} from '../shared/http/problemResponses.ts';
import { registrationRequestSchema } from './registration.ts';

/** What `GET`/`DELETE /registrations/{token}` answer (see `registrationView`). */
const registrationViewSchema = z
  .object({
    id: z.string(),
    status: z.enum(['confirmed', 'waitlisted', 'cancelled']),
    position: z
      .number()
      .int()
      .optional()
      .describe('Place on the waiting list, 1 first; only while waitlisted.'),
    name: z.string(),
    email: z.string(),
    registeredAt: z.iso.datetime(),
    event: z.object({
      slug: z.string(),
      title: z.string(),
      startsAt: z.iso.datetime(),
      endsAt: z.iso.datetime(),
    }),
  })
  .meta({ id: 'Registration' });
const registrationViewContent = { 'application/json': { schema: registrationViewSchema } };

const registrationChanges = (eventName: readonly ('INSERT' | 'MODIFY')[]) => ({
  eventName,
  dynamodb: { Keys: { sk: { S: [{ prefix: 'REG#' }] } } },
});

/** Registrations to events: places, waiting list, manage links, e-mails, reminders, attendee lists. */
export const registrations = {
  folder: 'registrations',
  tables: {
    registrations: {
      description:
        'Per event (`pk` = `EVENT#<id>`): a `COUNTER` (confirmed, waitlisted), one `REG#<keyed hash of the address>` per person, a `REGID#<registration id>` pointer to it for manage links, one `WAIT#<ticket>` per waiting-list place, and `EXPORT#<hour>` attendee-list requests.',
      partitionKey: 'pk',
      sortKey: 'sk',
      timeToLiveAttribute: 'expiresAt',
      stream: true,
    },
  },
  routes: [
    {
      name: 'registerForEvent',
      method: 'POST',
      path: '/events/{slug}/registrations',
      access: readsContent(limitsRate({ tables: { registrations: 'readWrite' } })),
      openapi: {
        summary: 'Register to an event (or join its waiting list)',
        description:
          'One registration per e-mail address per event. Registering again answers 200 with `alreadyRegistered` and sends the manage link to the address again (at most once a day).',
        tags: ['Registrations'],
        security: [],
        requestBody: formPostBody(registrationRequestSchema),
        responses: {
          ...formPostResponses,
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
          '400': problemResponse('Invalid field(s) or malformed JSON; one entry per invalid field.'),
          '404': problemResponse('No such event.'),
          '409': problemResponse('Registration closed (with the reason), or full without a waiting list.'),
          '413': problemResponse('Body too large.'),
          '415': problemResponse('Body is neither JSON nor a form.'),
          '429': tooManyRequestsResponse,
        },
      },
    },
    {
      name: 'requestAttendeeList',
      method: 'POST',
      path: '/events/{slug}/attendees/link',
      access: readsContent(limitsRate({ tables: { registrations: 'write' } })),
      openapi: {
        summary: 'Mail a 24-hour link to the attendee list to the organiser and the regional chamber',
        description:
          'The link goes only to the addresses editors set in Sanity (the organisation’s e-mail and its region’s CRESS), at most once an hour per event and within each address’s allowance of form mails; the answer is the same whoever asks.',
        tags: ['Registrations'],
        security: [],
        responses: {
          '202': { description: 'Request recorded.' },
          '404': problemResponse('No such event.'),
          '429': tooManyRequestsResponse,
        },
      },
    },
    {
      name: 'getAttendeeList',
      method: 'GET',
      path: '/events/{slug}/attendees.csv',
      access: readsContent({ tables: { registrations: 'read' }, secrets: ['TOKEN_KEYS'] }),
      openapi: {
        summary: 'The attendee list (CSV: name, e-mail, status, registered at), with the mailed link’s token',
        description:
          'The confirmed and waiting registrants of the event, for whoever holds the link `POST /events/{slug}/attendees/link` mailed (its `token` query parameter, the `attendeeListToken` scheme). Never cached.',
        tags: ['Registrations'],
        // The `token` query parameter is the security scheme's key, not declared again as a parameter.
        security: [{ attendeeListToken: [] }],
        responses: {
          '200': {
            description: 'UTF-8 with BOM, semicolons.',
            content: { 'text/csv': { schema: z.string() } },
          },
          '400': problemResponse('No `token`, or another query parameter.'),
          '404': problemResponse('Tampered, expired or foreign token, or no such event.'),
        },
      },
    },
    {
      name: 'getRegistration',
      method: 'GET',
      path: '/registrations/{token}',
      access: { tables: { registrations: 'read' }, secrets: ['TOKEN_KEYS'] },
      openapi: {
        summary: 'The registration a manage link designates',
        description:
          'For the page a registrant opens from the manage link mailed to them (`<PAGES_URL>/inscription.html?jeton=<token>`). The `token` path segment is the credential: a signed, unguessable token naming one registration, and whoever holds the link may see and cancel it. OpenAPI security schemes cannot describe a credential carried in the path, so this operation declares none (`security: []`); it is not public for all that. A tampered or unknown token is a `404` that reveals nothing. Never cached.',
        tags: ['Registrations'],
        security: [],
        responses: {
          '200': { description: 'The registration.', content: registrationViewContent },
          '404': problemResponse('Tampered or unknown link.'),
        },
      },
    },
    {
      name: 'cancelRegistration',
      method: 'DELETE',
      path: '/registrations/{token}',
      access: limitsRate({ tables: { registrations: 'readWrite' }, secrets: ['TOKEN_KEYS'] }),
      openapi: {
        summary: 'Cancel a registration (harmless when already cancelled)',
        description:
          'Cancels the registration the manage link designates; a freed place goes to the first person waiting, and the registrant receives a cancellation notice. As for `GET /registrations/{token}`, the `token` path segment is the credential, which OpenAPI security schemes cannot describe: this operation declares none (`security: []`) but needs the mailed link. A tampered or unknown token is a `404` that reveals nothing.',
        tags: ['Registrations'],
        security: [],
        responses: {
          '200': { description: 'The cancelled registration.', content: registrationViewContent },
          '404': problemResponse('Tampered or unknown link.'),
          '429': tooManyRequestsResponse,
        },
      },
    },
  ],
  streamWorkers: [
    {
      name: 'sendRegistrationEmails',
      table: 'registrations',
      filters: [registrationChanges(['INSERT', 'MODIFY'])],
      batchSize: 10,
      retryAttempts: 5,
      access: readsContent({
        tables: { registrations: 'read', idempotency: 'readWrite' },
        sendEmail: true,
        secrets: ['TOKEN_KEYS'],
      }),
    },
    {
      name: 'promoteFromWaitingList',
      table: 'registrations',
      filters: [registrationChanges(['MODIFY'])],
      batchSize: 10,
      retryAttempts: 5,
      access: readsContent({ tables: { registrations: 'readWrite' } }),
    },
    {
      name: 'followEventChanges',
      table: 'contentChanges',
      // An edit reaches every registration of the event: hundreds for a conference.
      timeoutSeconds: 60,
      // Edits to events, as the signed Sanity webhook recorded them.
      filters: [
        {
          eventName: ['INSERT'],
          dynamodb: { Keys: { pk: { S: [{ prefix: 'CHANGE#' }] } }, NewImage: { type: { S: ['event'] } } },
        },
      ],
      batchSize: 5,
      retryAttempts: 5,
      access: readsContent({ tables: { registrations: 'readWrite' } }),
    },
    {
      name: 'sendAttendeeListLinks',
      table: 'registrations',
      filters: [{ eventName: ['INSERT'], dynamodb: { Keys: { sk: { S: [{ prefix: 'EXPORT#' }] } } } }],
      batchSize: 5,
      retryAttempts: 5,
      access: readsContent({
        tables: { idempotency: 'readWrite' },
        sendEmail: true,
        secrets: ['TOKEN_KEYS'],
      }),
    },
  ],
  schedules: [
    {
      // Hourly, so a missed run is caught up by the next; each reminder still goes out once.
      name: 'sendEventReminders',
      everyMinutes: 60,
      // A run may have much to do (every registrant of a busy day).
      timeoutSeconds: 300,
      access: readsContent({
        tables: { registrations: 'read', idempotency: 'readWrite' },
        sendEmail: true,
        secrets: ['TOKEN_KEYS'],
      }),
    },
  ],
} as const satisfies FeatureManifest;
