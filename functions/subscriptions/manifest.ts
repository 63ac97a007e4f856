import * as z from 'zod';
import { checksFormChallenge, checksSuppressions, type FeatureManifest, limitsRate } from '../manifest.ts';
import { readsContent } from '../shared/content/contentAccess.ts';
import { formPostBody, formPostResponses, problemResponse } from '../shared/http/problemResponses.ts';
import { digestChoices } from './subscription.ts';
import { preferencesUpdateSchema, subscriptionRequestSchema } from './subscriptionRequest.ts';

/** The demo's lists, for the OpenAPI document only (the API checks the Studio's lists). */
const exampleLists = ['actualites', 'mois-ess'];

const subscriptionViewSchema = z
  .object({
    email: z.string(),
    name: z.string().nullable(),
    status: z.enum(['pending', 'confirmed']),
    lists: z.array(z.string()),
    regions: z.array(z.string()),
    themes: z.array(z.string()),
    digest: z.enum(digestChoices),
    confirmedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Subscription' });

const tokenNote =
  'The `token` path segment is the credential (a signed link mailed to the subscriber), which OpenAPI security schemes cannot describe: the operation declares none (`security: []`) but needs the link. A tampered, unknown or foreign token is a `404` that reveals nothing.';

/** Newsletter subscribers: double opt-in, preferences, one-click unsubscribe. */
export const subscriptions = {
  folder: 'subscriptions',
  tables: {
    subscribers: {
      description:
        'Per address (`pk` = `SUB#<keyed hash of the address>`): the `PROFILE` (choices, consent, status), up to three `FORMMAIL#<n>` slots (the mails the form caused in 24 hours; each one is mailed by the stream worker), `UNSUBSCRIBED` (a date, never the address). `SUBID#<id>` points links to the address. Pending subscriptions carry a TTL. `COUNTS`/`SUBSCRIBERS`: the editors’ counters (numbers only, kept), with a `COUNTED#<stream event>` marker per counted change (two days).',
      partitionKey: 'pk',
      sortKey: 'sk',
      timeToLiveAttribute: 'expiresAt',
      stream: true,
    },
  },
  routes: [
    {
      name: 'listSubscriptionOptions',
      method: 'GET',
      path: '/subscription-options',
      access: readsContent({}),
      openapi: {
        summary: 'What the subscription form offers: lists, regions, themes, digest choices',
        description:
          'The public lists editors keep in the Studio (a subscriber’s own non-public lists come with `GET /subscriptions/{token}`).',
        tags: ['Subscriptions'],
        security: [],
        responses: { '200': { description: 'The choices, in French.' } },
      },
    },
    {
      name: 'subscribe',
      method: 'POST',
      path: '/subscriptions',
      // Reads the suppression set: a suppressed address gets nothing, not even a confirmation.
      access: checksFormChallenge(
        checksSuppressions(readsContent(limitsRate({ tables: { subscribers: 'readWrite' } }))),
      ),
      openapi: {
        summary: 'Subscribe to newsletters (double opt-in)',
        description:
          'Nothing but a confirmation mail is sent to an address before its owner clicks its link (valid 7 days). The answer is the same `202` whether the address is new, pending, confirmed, unsubscribed or suppressed; a confirmed subscriber receives the preference link instead (once a day at most); the form causes at most 3 mails per address per 24 hours.',
        tags: ['Subscriptions'],
        security: [],
        requestBody: formPostBody(subscriptionRequestSchema(exampleLists)),
        responses: {
          ...formPostResponses,
          '202': { description: 'Request recorded; the same answer for every address.' },
          '400': problemResponse('Invalid field(s); one entry per invalid field.'),
          '413': problemResponse('Body too large.'),
          '415': problemResponse('Body is neither JSON nor a form.'),
        },
      },
    },
    {
      name: 'confirmSubscription',
      method: 'POST',
      path: '/subscriptions/{token}/confirmation',
      access: { tables: { subscribers: 'readWrite' }, secrets: ['TOKEN_KEYS'] },
      openapi: {
        summary: 'Confirm a subscription with the mailed link (the confirmation page posts it)',
        description: `A GET never confirms (link scanners open links). Harmless twice. ${tokenNote}`,
        tags: ['Subscriptions'],
        security: [],
        responses: {
          '200': {
            description: 'Confirmed, with `preferencesToken` for the preference page.',
            content: {
              'application/json': {
                schema: subscriptionViewSchema.extend({ preferencesToken: z.string() }).meta({
                  id: 'ConfirmedSubscription',
                }),
              },
            },
          },
          '404': problemResponse('Tampered or unknown link.'),
          '410': problemResponse('The link is older than 7 days: nothing was kept.'),
        },
      },
    },
    {
      name: 'getSubscription',
      method: 'GET',
      path: '/subscriptions/{token}',
      access: readsContent({ tables: { subscribers: 'read' }, secrets: ['TOKEN_KEYS'] }),
      openapi: {
        summary: 'The subscription a preference link opens',
        description: tokenNote,
        tags: ['Subscriptions'],
        security: [],
        responses: {
          '200': {
            description: 'Its choices, and `availableLists`: the lists this subscriber may choose.',
            content: {
              'application/json': {
                schema: subscriptionViewSchema
                  .extend({
                    availableLists: z.array(
                      z.object({ id: z.string(), title: z.string(), description: z.string().nullable() }),
                    ),
                  })
                  .meta({ id: 'SubscriptionWithChoices' }),
              },
            },
          },
          '404': problemResponse('Tampered or unknown link.'),
        },
      },
    },
    {
      name: 'updateSubscription',
      method: 'PUT',
      path: '/subscriptions/{token}',
      access: readsContent({ tables: { subscribers: 'readWrite' }, secrets: ['TOKEN_KEYS'] }),
      openapi: {
        summary: 'Change the lists, regions, themes and digest of a subscription',
        description: tokenNote,
        tags: ['Subscriptions'],
        security: [],
        requestBody: { content: { 'application/json': { schema: preferencesUpdateSchema(exampleLists) } } },
        responses: {
          '200': {
            description: 'The new choices.',
            content: { 'application/json': { schema: subscriptionViewSchema } },
          },
          '400': problemResponse('Invalid field(s).'),
          '404': problemResponse('Tampered or unknown link.'),
          '413': problemResponse('Body too large.'),
          '415': problemResponse('Body is not JSON.'),
        },
      },
    },
    {
      name: 'deleteSubscription',
      method: 'DELETE',
      path: '/subscriptions/{token}',
      access: { tables: { subscribers: 'readWrite' }, secrets: ['TOKEN_KEYS'] },
      openapi: {
        summary: 'Unsubscribe from everything (the preference page)',
        description: `The subscription and its address are deleted; a keyed hash and a date remain. ${tokenNote}`,
        tags: ['Subscriptions'],
        security: [],
        responses: {
          '200': { description: 'Unsubscribed from everything.' },
          '404': problemResponse('Tampered or unknown link (or already unsubscribed).'),
        },
      },
    },
    {
      name: 'unsubscribe',
      method: 'POST',
      path: '/unsubscribe/{token}',
      access: { tables: { subscribers: 'readWrite' }, secrets: ['TOKEN_KEYS'] },
      openapi: {
        summary: 'One-click unsubscribe (RFC 8058), or everything from the unsubscribe page',
        description: `The body \`List-Unsubscribe=One-Click\` (\`multipart/form-data\` or \`application/x-www-form-urlencoded\`, as mail providers post it) leaves the list the link names; \`scope=all\` leaves everything. No cookie, no redirect, no confirmation; harmless twice. Only a keyed hash of the address remains once nothing is left. ${tokenNote}`,
        tags: ['Subscriptions'],
        security: [],
        responses: {
          '200': { description: 'Unsubscribed (`unsubscribed`: `list` or `all`).' },
          '400': problemResponse('Neither the one-click body nor a scope.'),
          '404': problemResponse('Tampered or unknown link.'),
          '413': problemResponse('Body larger than 4 KB (the one-click body is a few bytes).'),
        },
      },
    },
    {
      name: 'openUnsubscribePage',
      method: 'GET',
      path: '/unsubscribe/{token}',
      access: {},
      openapi: {
        summary: 'The unsubscribe link opened in a browser: a page leading to the unsubscribe page',
        description:
          'Changes nothing (link scanners follow links): an HTML page whose link opens the hosted unsubscribe page (`PAGES_URL/desabonnement.html?jeton=…`), which offers to leave this list or everything.',
        tags: ['Subscriptions'],
        security: [],
        responses: { '200': { description: 'A French HTML page (`text/html`).' } },
      },
    },
  ],
  streamWorkers: [
    {
      name: 'sendSubscriptionEmails',
      table: 'subscribers',
      filters: [
        { eventName: ['INSERT', 'MODIFY'], dynamodb: { Keys: { sk: { S: [{ prefix: 'FORMMAIL#' }] } } } },
      ],
      batchSize: 10,
      retryAttempts: 5,
      access: readsContent({
        tables: { subscribers: 'read', idempotency: 'readWrite' },
        sendEmail: true,
        secrets: ['TOKEN_KEYS'],
      }),
    },
    {
      // A complaint ends every subscription of the address (the suppression keeps it unmailed).
      name: 'endSubscriptionsOnComplaint',
      table: 'mailFeedback',
      filters: [
        {
          eventName: ['INSERT', 'MODIFY'],
          dynamodb: { Keys: { sk: { S: ['SUPPRESSED'] } }, NewImage: { reason: { S: ['complaint'] } } },
        },
      ],
      batchSize: 10,
      retryAttempts: 5,
      access: { tables: { subscribers: 'readWrite' } },
    },
    {
      // Editors' figures: confirmed subscribers per list, region, theme and digest choice.
      name: 'countSubscribers',
      table: 'subscribers',
      filters: [
        { eventName: ['INSERT', 'MODIFY', 'REMOVE'], dynamodb: { Keys: { sk: { S: ['PROFILE'] } } } },
      ],
      batchSize: 50,
      retryAttempts: 10,
      access: { tables: { subscribers: 'readWrite' } },
    },
  ],
  schedules: [
    {
      // Shows editors the counters in the Studio when they moved: one Content Lake write a minute at most.
      name: 'publishSubscriberCounts',
      everyMinutes: 1,
      access: { tables: { subscribers: 'readWrite' }, secrets: ['SANITY_WRITE_TOKEN'] },
    },
  ],
} as const satisfies FeatureManifest;
