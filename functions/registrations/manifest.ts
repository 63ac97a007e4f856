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
import { registrationRequestSchema } from './registrationRequest.ts';

/** What `GET`/`DELETE /registrations/{token}` answer (see `registrationView`). */
const registrationViewSchema = z
  .object({
    id: z.string(),
    status: z
      .enum(['pending', 'confirmed', 'waitlisted', 'cancelled'])
      .describe(
        '`pending`: the registrant has not clicked the confirmation link yet (events that ask for it); `POST /registrations/{token}/confirmation` confirms.',
      ),
    position: z
      .number()
      .int()
      .optional()
      .describe('Place on the waiting list, 1 first; only while waitlisted.'),
    heldUntil: z.iso
      .datetime()
      .optional()
      .describe('Pending only: the place held for the registrant until then, if one is.'),
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
        'Per event (`pk` = `EVENT#<id>`): a `COUNTER` (confirmed, held, taken = confirmed + held, waitlisted), one `REG#<keyed hash of the address>` per person, a `REGID#<registration id>` pointer to it for manage links, one `WAIT#<ticket>` per waiting-list place, and `EXPORT#<hour>` attendee-list requests. `HOLDS`: one item per place held for a pending registrant, sorted by the end of its hold (`<end>#<event id>#<keyed hash>`), which the sweeper reads. Index `byAddress` (`addressKey`): every item of one address, for the data controller (`npm run gdpr`).',
      partitionKey: 'pk',
      sortKey: 'sk',
      timeToLiveAttribute: 'expiresAt',
      stream: true,
      indexes: { byAddress: { partitionKey: 'addressKey' } },
    },
  },
  routes: [
    {
      name: 'registerForEvent',
      method: 'POST',
      path: '/events/{slug}/registrations',
      // The programme snapshot: the event as of its last edit without a Content Lake request.
      access: checksFormChallenge(
        readsContent(limitsRate({ tables: { registrations: 'readWrite', programme: 'read' } })),
      ),
      openapi: {
        summary: 'Register to an event (or join its waiting list)',
        description:
          'One registration per e-mail address per event. When the event asks for confirmation by e-mail (`registration.confirmationRequired`, by default when places are limited), the answer is always `202 pending` (« vérifiez votre messagerie »): the mail carries the link that confirms, and a free place is held meanwhile (`REGISTRATION_HOLD_MINUTES`, then given back). Otherwise `201` with the place or the waiting-list position. No answer tells whether the address was already registered: registering again answers what a new registration would be answered, and mails the address its link again (at most once a day). Client and mailbox limits: `429`.',
        tags: ['Registrations'],
        security: [],
        requestBody: formPostBody(registrationRequestSchema),
        responses: {
          ...formPostResponses,
          '201': {
            description:
              'Registered at once (events without confirmation): `confirmed`, or `waitlisted` with a `position`.',
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
          '202': {
            description:
              'Events that ask for confirmation: the same answer whatever the address (new, pending, registered), `status: pending` and a French message to check the mailbox.',
            content: {
              'application/json': {
                schema: z
                  .object({ status: z.literal('pending'), message: z.string() })
                  .meta({ id: 'RegistrationPending' }),
              },
            },
          },
          '400': problemResponse('Invalid field(s) or malformed JSON; one entry per invalid field.'),
          '404': problemResponse('No such event.'),
          '409': problemResponse('Registration closed (with the reason), or full without a waiting list.'),
          '413': problemResponse('Body too large.'),
          '415': problemResponse('Body is neither JSON nor a form.'),
          '429': tooManyRequestsResponse,
          '503': busyResponse,
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
          '503': busyResponse,
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
      name: 'confirmRegistration',
      method: 'POST',
      path: '/registrations/{token}/confirmation',
      access: readsContent(limitsRate({ tables: { registrations: 'readWrite' }, secrets: ['TOKEN_KEYS'] })),
      openapi: {
        summary: 'Confirm a pending registration (the registrant’s click on the mailed link)',
        description:
          'The manage page (`<PAGES_URL>/inscription.html?jeton=<token>`) posts it when the registrant clicks « Confirmer »; a `GET` never confirms (link scanners open links). A held place becomes confirmed; without one (the event was full, or the hold ended), a free place is taken, else the waiting list, else `409`. Harmless twice: a confirmed or waiting registration is answered as it is. The link works 24 hours (`410` after). As for `GET /registrations/{token}`, the `token` path segment is the credential (`security: []`); a tampered or unknown one is a `404`.',
        tags: ['Registrations'],
        security: [],
        responses: {
          '200': { description: 'The registration, confirmed or waiting.', content: registrationViewContent },
          '404': problemResponse('Tampered or unknown link.'),
          '409': problemResponse('Cancelled, registration closed, or full without a waiting list.'),
          '410': problemResponse('The confirmation link is more than 24 hours old.'),
          '429': tooManyRequestsResponse,
          '503': busyResponse,
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
          '503': busyResponse,
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
      // Places held for registrants who did not confirm in time go back within a minute.
      name: 'releaseEndedHolds',
      everyMinutes: 1,
      // A busy minute may end hundreds of holds (one transaction each).
      timeoutSeconds: 60,
      access: { tables: { registrations: 'readWrite' } },
    },
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
