/**
 * Every DynamoDB table, defined once. The CDK stack and the local bootstrap both build their
 * tables from this list, so keys, TTL and streams cannot drift between AWS and a laptop.
 */
export interface TableDefinition {
  /** Construct id in the CDK stack and base of the local table name. */
  readonly id: string;
  /** Environment variable through which a function learns the table's real name. */
  readonly envVar: string;
  readonly partitionKey: string;
  readonly sortKey?: string;
  /** Epoch-seconds attribute DynamoDB deletes items by: every personal item carries one. */
  readonly timeToLiveAttribute: string;
  /** Whether the table's stream (NEW_AND_OLD_IMAGES) drives workers. */
  readonly stream: boolean;
}

export const tables = {
  /** Contact-form messages and their de-duplication markers (`MESSAGE#…`, `SUBMISSION#…`). */
  contactMessages: {
    id: 'ContactMessages',
    envVar: 'CONTACT_MESSAGES_TABLE',
    partitionKey: 'pk',
    timeToLiveAttribute: 'expiresAt',
    stream: true,
  },
  /** Powertools idempotency records: what a worker already did (e.g. the SES message id of a mail). */
  idempotency: {
    id: 'Idempotency',
    envVar: 'IDEMPOTENCY_TABLE',
    partitionKey: 'id',
    timeToLiveAttribute: 'expiration',
    stream: false,
  },
  /**
   * What changed in the content (one `CHANGE#…` item per signed Sanity webhook) and the current
   * content revision (`REVISION`), which tells every warm function when its cache is stale.
   */
  contentChanges: {
    id: 'ContentChanges',
    envVar: 'CONTENT_CHANGES_TABLE',
    partitionKey: 'pk',
    timeToLiveAttribute: 'expiresAt',
    stream: true,
  },
  /**
   * Registrations to events: per event (`pk` = `EVENT#<id>`) a `COUNTER` (confirmed, waitlisted),
   * one `REG#<hash of the address>` per person, and one `WAIT#<time>#<id>` per waiting-list place.
   */
  registrations: {
    id: 'Registrations',
    envVar: 'REGISTRATIONS_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    timeToLiveAttribute: 'expiresAt',
    stream: true,
  },
} as const satisfies Record<string, TableDefinition>;

export type TableName = keyof typeof tables;

/** The real name of a table, as the function's environment gives it. */
export function tableNameOf(table: TableName, env: NodeJS.ProcessEnv = process.env): string {
  const name = env[tables[table].envVar];
  if (!name) throw new Error(`Missing environment variable ${tables[table].envVar}`);
  return name;
}
