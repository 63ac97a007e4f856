import type { FunctionPermissions } from './routes.ts';
import type { TableName } from './tables.ts';

/**
 * A Lambda event filter pattern (the EventBridge pattern syntax Lambda uses for event source
 * mappings): plain JSON, so the CDK stack hands it to AWS and the local poller applies it.
 */
export type FilterPattern = { readonly [key: string]: FilterPattern | readonly FilterValue[] };
export type FilterValue =
  | string
  | number
  | boolean
  | null
  | { readonly prefix: string }
  | { readonly exists: boolean }
  | { readonly 'anything-but': readonly (string | number)[] };

export interface StreamWorker {
  readonly name: string;
  /** Module under `functions/` exporting `handler`. */
  readonly handler: string;
  readonly table: TableName;
  /** A record reaches the worker if it matches any of these. */
  readonly filters: readonly FilterPattern[];
  readonly batchSize: number;
  /** Retries of a failing record before it goes to the dead-letter destination. */
  readonly retryAttempts: number;
  readonly permissions: FunctionPermissions;
}

/** Records of edits to events, as the signed Sanity webhook recorded them. */
const eventChanges: FilterPattern = {
  eventName: ['INSERT'],
  dynamodb: { Keys: { pk: { S: [{ prefix: 'CHANGE#' }] } }, NewImage: { type: { S: ['event'] } } },
};

/** Every stream worker: the consequences (e-mails…) of facts written by the handlers. */
export const streamWorkers: readonly StreamWorker[] = [
  {
    name: 'sendContactEmails',
    handler: 'workers/sendContactEmails.ts',
    table: 'contactMessages',
    filters: [{ eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: [{ prefix: 'MESSAGE#' }] } } } }],
    batchSize: 10,
    retryAttempts: 5,
    permissions: {
      tables: { contactMessages: 'write', idempotency: 'readWrite', contentChanges: 'read' },
      sendEmail: true,
      readsContent: true,
    },
  },
  {
    name: 'sendRegistrationEmails',
    handler: 'workers/sendRegistrationEmails.ts',
    table: 'registrations',
    filters: [{ eventName: ['INSERT', 'MODIFY'], dynamodb: { Keys: { sk: { S: [{ prefix: 'REG#' }] } } } }],
    batchSize: 10,
    retryAttempts: 5,
    permissions: {
      tables: { registrations: 'read', idempotency: 'readWrite', contentChanges: 'read' },
      sendEmail: true,
      readsContent: true,
      secrets: ['REGISTRATION_TOKEN_KEYS'],
    },
  },
  {
    name: 'promoteFromWaitingList',
    handler: 'workers/promoteFromWaitingList.ts',
    table: 'registrations',
    filters: [{ eventName: ['MODIFY'], dynamodb: { Keys: { sk: { S: [{ prefix: 'REG#' }] } } } }],
    batchSize: 10,
    retryAttempts: 5,
    permissions: { tables: { registrations: 'readWrite', contentChanges: 'read' }, readsContent: true },
  },
  {
    name: 'followEventChanges',
    handler: 'workers/followEventChanges.ts',
    table: 'contentChanges',
    filters: [eventChanges],
    batchSize: 5,
    retryAttempts: 5,
    permissions: { tables: { registrations: 'readWrite', contentChanges: 'read' }, readsContent: true },
  },
  {
    name: 'sendAttendeeListLinks',
    handler: 'workers/sendAttendeeListLinks.ts',
    table: 'registrations',
    filters: [{ eventName: ['INSERT'], dynamodb: { Keys: { sk: { S: [{ prefix: 'EXPORT#' }] } } } }],
    batchSize: 5,
    retryAttempts: 5,
    permissions: {
      tables: { idempotency: 'readWrite', contentChanges: 'read' },
      sendEmail: true,
      readsContent: true,
      secrets: ['REGISTRATION_TOKEN_KEYS'],
    },
  },
];
