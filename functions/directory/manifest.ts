import * as z from 'zod';
import { checksFormChallenge, type FeatureManifest, limitsRate } from '../manifest.ts';
import { readsContent } from '../shared/content/contentAccess.ts';
import { problemResponse, tooManyRequestsResponse } from '../shared/http/problemResponses.ts';
import { listedEntrySchema, memberEntrySchema, statusMessage } from './directoryApiSchemas.ts';
import { directoryContactSchema } from './directoryContact.ts';
import { directoryEntryEditSchema, directoryEntryRequestSchema } from './directoryRequest.ts';
import { directoryQuerySchema } from './directorySearch.ts';

const linkNote =
  'The `token` path segment is the credential (the signed link mailed to the member), which OpenAPI security schemes cannot describe: the operation declares none (`security: []`) but needs the link. A tampered, voided or unknown token is a `404` that reveals nothing.';

const entryTable = { directoryEntries: 'readWrite' } as const;
const byEntryPrefix = { pk: { S: [{ prefix: 'ENTRY#' }] } };

/** The member directory: members ask for entries, confirm them, editors publish or refuse them, visitors search and write. */
export const directory = {
  folder: 'directory',
  tables: {
    directoryEntries: {
      description:
        'The member directory. `ENTRY#<id>` (the id derives from the address’s keyed hash: one entry per address): the member’s address (never public), the profile, the consent field by field, `status` pending (TTL 48 hours) then confirmed (TTL three years after the last confirmation or edit), `version`, `linkNonce` (voids older links). `CONTACT#<id>`: a visitor’s message to a member until it is mailed (TTL 48 hours). Both carry `addressKey` (index `byAddress`, for the finders of personal data). The stream drives the workers.',
      partitionKey: 'pk',
      timeToLiveAttribute: 'expiresAt',
      stream: true,
      indexes: { byAddress: { partitionKey: 'addressKey' } },
    },
  },
  routes: [
    {
      name: 'requestDirectoryEntry',
      method: 'POST',
      path: '/directory/entries',
      access: checksFormChallenge(limitsRate({ tables: entryTable })),
      openapi: {
        summary: 'Ask for an entry in the member directory',
        description:
          'Records the entry pending and mails a link to the address to confirm it; once confirmed, the editors review it in the Studio and publish or refuse it, and the member is told by e-mail. One entry per address: asking again replaces a pending entry (a new link); for a confirmed entry (a member who lost their link) it changes nothing of the entry but mails a fresh link to its page, which voids the older links. Every request is a mail to the address, within the mailbox’s allowance of form mails (`FORM_MAILS_PER_MAILBOX`). The answer is the same for every address. A client is allowed 10 requests an hour.',
        tags: ['Directory'],
        security: [],
        requestBody: { content: { 'application/json': { schema: directoryEntryRequestSchema } } },
        responses: {
          '202': {
            description: 'Recorded, or not (the same answer either way).',
            content: { 'application/json': { schema: statusMessage('DirectoryEntryRequested') } },
          },
          '400': problemResponse(
            'Invalid field(s), or a public field without its consent; one entry per field.',
          ),
          '413': problemResponse('Body too large.'),
          '415': problemResponse('Body is not JSON.'),
          '429': tooManyRequestsResponse,
        },
      },
    },
    {
      name: 'confirmDirectoryEntry',
      method: 'POST',
      path: '/directory/entries/{token}/confirmation',
      access: { tables: entryTable, secrets: ['TOKEN_KEYS'] },
      openapi: {
        summary: 'Confirm the address of a directory entry',
        description: `The member’s click on « Confirmer » on the entry’s page (opening the link changes nothing). The entry goes to the editors; harmless twice. ${linkNote}`,
        tags: ['Directory'],
        security: [],
        responses: {
          '200': {
            description: 'Confirmed (or confirmed before).',
            content: { 'application/json': { schema: statusMessage('DirectoryEntryConfirmed') } },
          },
          '404': problemResponse(
            'Tampered, voided or unknown link, or an entry not confirmed within 48 hours.',
          ),
        },
      },
    },
    {
      name: 'getDirectoryEntry',
      method: 'GET',
      path: '/directory/entries/{token}',
      access: readsContent({ tables: { directoryEntries: 'read' }, secrets: ['TOKEN_KEYS'] }),
      openapi: {
        summary: 'The directory entry a member’s link designates',
        description: `For the member’s page: the entry as recorded, whether it is confirmed and published, until when it is kept. ${linkNote} Never cached.`,
        tags: ['Directory'],
        security: [],
        responses: {
          '200': {
            description: 'The entry.',
            content: { 'application/json': { schema: memberEntrySchema } },
          },
          '404': problemResponse('Tampered, voided or unknown link.'),
        },
      },
    },
    {
      name: 'updateDirectoryEntry',
      method: 'PUT',
      path: '/directory/entries/{token}',
      access: { tables: entryTable, secrets: ['TOKEN_KEYS'] },
      openapi: {
        summary: 'Edit a directory entry through the member’s link',
        description: `The whole entry again with the consents of its public fields; it becomes the next version, which the editors review: a published version stays online until they publish the edit. The same content again changes nothing. ${linkNote}`,
        tags: ['Directory'],
        security: [],
        requestBody: { content: { 'application/json': { schema: directoryEntryEditSchema } } },
        responses: {
          '200': {
            description: 'Recorded (or unchanged).',
            content: {
              'application/json': {
                schema: z
                  .object({ status: z.string(), version: z.number().int() })
                  .meta({ id: 'DirectoryEntryEdited' }),
              },
            },
          },
          '400': problemResponse(
            'Invalid field(s), or a public field without its consent; one entry per field.',
          ),
          '404': problemResponse('Tampered, voided or unknown link.'),
          '409': problemResponse(
            'Another edit came first (reload and edit again), or the entry had its 50 versions.',
          ),
          '413': problemResponse('Body too large.'),
          '415': problemResponse('Body is not JSON.'),
        },
      },
    },
    {
      name: 'deleteDirectoryEntry',
      method: 'DELETE',
      path: '/directory/entries/{token}',
      access: { tables: entryTable, secrets: ['TOKEN_KEYS'] },
      openapi: {
        summary: 'Delete a directory entry through the member’s link',
        description: `At once and completely: the recorded entry now, its documents in the Content Lake (draft and published) within seconds. The link is void afterwards. ${linkNote}`,
        tags: ['Directory'],
        security: [],
        responses: {
          '200': {
            description: 'Deleted.',
            content: {
              'application/json': {
                schema: z.object({ status: z.literal('deleted') }).meta({ id: 'DirectoryEntryDeleted' }),
              },
            },
          },
          '404': problemResponse('Tampered, voided or unknown link (or deleted before).'),
        },
      },
    },
    {
      name: 'listDirectory',
      method: 'GET',
      path: '/directory',
      access: readsContent(limitsRate()),
      openapi: {
        summary: 'Search the member directory',
        description:
          'The published entries, by organisation then name: `q` (words, accents and case ignored, each found at the start of a word), `region` (official code), `sector`, `family`, `offer` and `need` (values of the directory’s lists), `limit` (1–24, default 12), `cursor` (a previous answer’s `nextCursor`). No address is listed: `hasPublicEmail` says which entries show one, one at a time (`GET /directory/{id}`). A client is allowed 300 searches an hour.',
        tags: ['Directory'],
        security: [],
        requestParams: { query: directoryQuerySchema },
        responses: {
          '200': {
            description: 'A page of entries.',
            content: {
              'application/json': {
                schema: z
                  .object({
                    items: z.array(listedEntrySchema),
                    total: z.number().int(),
                    nextCursor: z.string().nullable(),
                  })
                  .meta({ id: 'DirectoryPage' }),
              },
            },
          },
          '400': problemResponse('Unknown filter value, page size over 24, or a cursor that is not one.'),
          '429': tooManyRequestsResponse,
        },
      },
    },
    {
      name: 'getDirectoryProfile',
      method: 'GET',
      path: '/directory/{id}',
      access: readsContent(limitsRate({ tables: { directoryEntries: 'read' } })),
      openapi: {
        summary: 'One published entry of the member directory, with its public e-mail',
        description:
          'The entry’s public fields, its public e-mail when its member made one public, and whether a visitor can write to the member (`POST /directory/contact/{id}`). A client is allowed 60 entries an hour.',
        tags: ['Directory'],
        security: [],
        requestParams: {
          path: z.object({ id: z.string().meta({ description: 'The entry’s `id` in `GET /directory`.' }) }),
        },
        responses: {
          '200': {
            description: 'The entry.',
            content: {
              'application/json': {
                schema: listedEntrySchema
                  .extend({ publicEmail: z.string().nullable(), canBeContacted: z.boolean() })
                  .meta({ id: 'DirectoryEntryView' }),
              },
            },
          },
          '404': problemResponse('No published entry has this id.'),
          '429': tooManyRequestsResponse,
        },
      },
    },
    {
      name: 'contactDirectoryMember',
      method: 'POST',
      path: '/directory/contact/{id}',
      access: checksFormChallenge(limitsRate({ tables: entryTable })),
      openapi: {
        summary: 'Write to a member of the directory',
        description:
          'Mails the visitor’s name, address and message to the member (the visitor’s address to answer to); the member’s address is never shown, and the visitor gets no copy. A client is allowed 10 messages an hour, and a member’s mailbox its share of form mails (`FORM_MAILS_PER_MAILBOX`).',
        tags: ['Directory'],
        security: [],
        requestParams: {
          path: z.object({ id: z.string().meta({ description: 'The entry’s `id` in `GET /directory`.' }) }),
        },
        requestBody: { content: { 'application/json': { schema: directoryContactSchema } } },
        responses: {
          '202': {
            description: 'On its way to the member.',
            content: {
              'application/json': {
                schema: z.object({ message: z.string() }).meta({ id: 'DirectoryContactSent' }),
              },
            },
          },
          '400': problemResponse('Invalid field(s); one entry per field.'),
          '404': problemResponse('No published entry has this id.'),
          '409': problemResponse(
            'This entry takes no messages (an entry editors wrote, with no member behind it).',
          ),
          '413': problemResponse('Body too large.'),
          '415': problemResponse('Body is not JSON.'),
          '429': tooManyRequestsResponse,
        },
      },
    },
  ],
  streamWorkers: [
    {
      name: 'mailDirectoryConfirmations',
      table: 'directoryEntries',
      filters: [
        {
          eventName: ['INSERT', 'MODIFY'],
          dynamodb: { Keys: byEntryPrefix, NewImage: { status: { S: ['pending'] } } },
        },
        // A confirmed entry whose member asked for a fresh link (the worker compares the nonces).
        {
          eventName: ['MODIFY'],
          dynamodb: {
            Keys: byEntryPrefix,
            NewImage: { status: { S: ['confirmed'] }, linkRenewedAt: { S: [{ exists: true }] } },
          },
        },
      ],
      batchSize: 10,
      retryAttempts: 5,
      access: readsContent({
        tables: { idempotency: 'readWrite' },
        sendEmail: true,
        secrets: ['TOKEN_KEYS'],
      }),
    },
    {
      name: 'writeDirectoryDocuments',
      table: 'directoryEntries',
      filters: [
        {
          eventName: ['INSERT', 'MODIFY'],
          dynamodb: { Keys: byEntryPrefix, NewImage: { status: { S: ['confirmed'] } } },
        },
        // Deleted by its member, erased (RGPD) or expired: its documents go too.
        { eventName: ['REMOVE'], dynamodb: { Keys: byEntryPrefix } },
      ],
      batchSize: 10,
      retryAttempts: 5,
      // Drafts and deletions with the workers' robot token (never an HTTP route).
      access: { readsContent: true, secrets: ['SANITY_WRITE_TOKEN'] },
    },
    {
      name: 'mailDirectoryContacts',
      table: 'directoryEntries',
      filters: [{ eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: [{ prefix: 'CONTACT#' }] } } } }],
      batchSize: 10,
      retryAttempts: 5,
      access: readsContent({
        tables: { directoryEntries: 'readWrite', idempotency: 'readWrite' },
        sendEmail: true,
        secrets: ['TOKEN_KEYS'],
      }),
    },
    {
      // « Publier » and « Refuser » of an entry in the Studio: the member is told once per decision.
      name: 'mailDirectoryDecisions',
      table: 'contentChanges',
      filters: [
        {
          eventName: ['INSERT'],
          dynamodb: {
            Keys: { pk: { S: [{ prefix: 'CHANGE#' }] } },
            // `update`: a request the webhook missed, recorded by the scheduled resync.
            NewImage: { type: { S: ['directoryDecision'] }, operation: { S: ['create', 'update'] } },
          },
        },
      ],
      batchSize: 10,
      retryAttempts: 5,
      // The request (published perspective), the entry's draft (robot token), the member's address and link.
      access: readsContent({
        tables: { directoryEntries: 'readWrite', idempotency: 'readWrite' },
        sendEmail: true,
        secrets: ['SANITY_WRITE_TOKEN', 'TOKEN_KEYS'],
      }),
    },
  ],
} as const satisfies FeatureManifest;
