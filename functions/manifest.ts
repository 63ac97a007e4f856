import type { ZodOpenApiOperationObject } from 'zod-openapi';
import type { secretDeclarations } from './shared/settings.ts';

/**
 * What a feature declares about itself, in its folder's `manifest.ts`: the tables it owns, and
 * every function it deploys with its trigger (HTTP route, stream, schedule…) and the access it
 * needs. The CDK stack, the local stack and the OpenAPI document are built from these alone.
 */
export interface FeatureManifest {
  /** The feature's folder under `functions/`; handler modules are `<folder>/<function name>.ts`. */
  readonly folder: string;
  readonly tables?: Readonly<Record<string, TableDefinition>>;
  readonly routes?: readonly RouteDeclaration[];
  readonly streamWorkers?: readonly StreamWorkerDeclaration[];
  readonly schedules?: readonly ScheduleDeclaration[];
  /** SNS topics the feature owns (what publishes to each is said in its definition). */
  readonly topics?: Readonly<Record<string, TopicDefinition>>;
  /** Functions invoked with every message of a topic (any feature's). */
  readonly topicSubscribers?: readonly TopicSubscriberDeclaration[];
  /** Answers what no route matches (one feature at most declares it). */
  readonly fallback?: FunctionDeclaration;
}

/** A DynamoDB table, defined once for the CDK stack and the local bootstrap. */
export interface TableDefinition {
  /** What the table holds (its items and keys), for whoever reads the manifest. */
  readonly description: string;
  readonly partitionKey: string;
  readonly sortKey?: string;
  /** Epoch-seconds attribute DynamoDB deletes items by: every personal item carries one. */
  readonly timeToLiveAttribute: string;
  /** Whether the table's stream (NEW_AND_OLD_IMAGES) drives workers. */
  readonly stream: boolean;
  /**
   * Global secondary indexes by name: a string partition key, keys only (sparse: only items
   * that carry the attribute). Used where items of one address live under other partition
   * keys, so that the data controller finds them without a scan (`infra/gdpr/`).
   */
  readonly indexes?: Readonly<Record<string, { readonly partitionKey: string }>>;
}

export type TableAccess = 'read' | 'write' | 'readWrite';
/** A secret declared in `shared/settings.ts` (`secretDeclarations`). */
export type SecretName = keyof typeof secretDeclarations;

/**
 * What a function may touch in AWS. The CDK stack grants exactly this (IAM), and the local
 * stack refuses anything else with the error IAM would give.
 */
export interface Access {
  /** Tables by name (any feature's), and whether the function reads, writes or both. */
  readonly tables?: Readonly<Record<string, TableAccess>>;
  /**
   * Indexes the function queries, by table (`{ registrations: ['byAddress'] }`): `Query` on
   * those alone, not on every index of a table it may read. Only the finders of personal data
   * read the `byAddress` indexes (`functions/personalData/`).
   */
  readonly indexes?: Readonly<Record<string, readonly string[]>>;
  readonly sendEmail?: boolean;
  /** Sends newsletters and digests: `SendBulkEmail`, and `GetAccount` for the account's pace. */
  readonly sendBulkEmail?: boolean;
  /** Reads Sanity content: the Content Lake settings and, for a private dataset, the read token. */
  readonly readsContent?: boolean;
  /** Checks a form's proof of work (ALTCHA): its verifier belongs to the function's floor too. */
  readonly formChallenge?: boolean;
  /** Secrets read from SSM Parameter Store (`<NAME>_PARAMETER`). */
  readonly secrets?: readonly SecretName[];
}

export interface FunctionDeclaration {
  /** Stable name: the Lambda function's construct id, the OpenAPI operationId, the handler module's name. */
  readonly name: string;
  readonly access?: Access;
  /** Lambda timeout; 10 s unless said otherwise. */
  readonly timeoutSeconds?: number;
  /** A native addon the function loads (shipped beside its bundle); it then runs on the addon's architecture. */
  readonly nativeAddon?: NativeAddon;
  /**
   * Data files the function reads at run time rather than bundles (the communes index: 1 MB of
   * JSON a bundle should not carry): path in the repository → file name beside the bundle. The
   * module reads it beside itself (`new URL('./<name>', import.meta.url)`): beside the bundle in
   * AWS, where the CDK stack copies it; beside the source locally, where the local stack runs it.
   */
  readonly dataFiles?: Readonly<Record<string, string>>;
}

/**
 * A native addon (a `.node` binding) and what it needs at run time: never bundled (esbuild cannot
 * and should not), its packages and files copied beside the function's bundle, and the function
 * deployed on the one architecture those bindings are built for (arm64 otherwise).
 */
export interface NativeAddon {
  /** npm packages copied from `node_modules` beside the bundle: the addon and its binding. */
  readonly packages: readonly string[];
  /** Folders of the repository copied beside the bundle: path in the repository → path beside the bundle. */
  readonly files?: Readonly<Record<string, string>>;
  readonly architecture: 'x86_64' | 'arm64';
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDeclaration extends FunctionDeclaration {
  readonly method: HttpMethod;
  /** API Gateway path syntax: `/events/{slug}`. */
  readonly path: string;
  readonly openapi: Omit<ZodOpenApiOperationObject, 'operationId'>;
}

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

export interface StreamWorkerDeclaration extends FunctionDeclaration {
  readonly table: string;
  /** A record reaches the worker if it matches any of these. */
  readonly filters: readonly FilterPattern[];
  readonly batchSize: number;
  /** Retries of a failing record before it goes to the dead-letter destination. */
  readonly retryAttempts: number;
}

/** A worker run on a schedule: an EventBridge rule in AWS, a timer in the local stack. */
export interface ScheduleDeclaration extends FunctionDeclaration {
  readonly everyMinutes: number;
  /**
   * Also run once when the stack is deployed (a CDK trigger, after the resources it uses) and
   * when the local stack starts, before it says it is ready: for work a new stack needs at once.
   */
  readonly afterDeployment?: boolean;
}

/**
 * What AWS publishes to a topic. `sesEvents`: the event destination of every SES configuration
 * set of the stack (transactional and bulk) for bounces, complaints, deliveries and rejects, in
 * SES's "event publishing" JSON; locally, the mailbox simulator (`infra/local/mailboxSimulator.ts`).
 */
export type TopicPublisher = 'sesEvents';

/**
 * An SNS topic, defined once for the CDK stack (a topic encrypted with its own KMS key) and the
 * local runtime (an in-process topic that invokes its subscribers with the same SNS event).
 *
 * Why SNS rather than an EventBridge rule for SES events: SES hands SNS its event-publishing
 * JSON unchanged as the message, and SNS gives each message an id that stays the same across
 * its retries, which makes the consumer's conditional put idempotent without parsing anything;
 * a topic takes several subscribers (a future SQS queue, an operator's address) without a rule
 * per target; and SES's event destinations can only reach EventBridge's default bus, which the
 * whole account shares. Lambda's asynchronous retries and an on-failure queue cover failures.
 */
export interface TopicDefinition {
  readonly description: string;
  readonly publishedBy: TopicPublisher;
}

/** A function invoked (asynchronously, as SNS invokes Lambda) with each message of a topic. */
export interface TopicSubscriberDeclaration extends FunctionDeclaration {
  readonly topic: string;
  /** Lambda's retries of a failed invocation (0 to 2) before the message goes to the dead letters. */
  readonly retryAttempts: 0 | 1 | 2;
}

/** The IAM actions each kind of table access grants; the local stack checks the same lists. */
export const tableActions: Readonly<Record<'read' | 'write', readonly string[]>> = {
  read: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:Scan',
    'dynamodb:ConditionCheckItem',
    'dynamodb:DescribeTable',
  ],
  write: [
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:DescribeTable',
  ],
};

/** The IAM actions of a table access mode. */
export const actionsOf = (access: TableAccess): readonly string[] =>
  access === 'readWrite' ? [...new Set([...tableActions.read, ...tableActions.write])] : tableActions[access];

/** What querying a declared index takes (`Access.indexes`). */
export const indexActions: readonly string[] = ['dynamodb:Query'];

/** The SES actions a function that sends mail is granted. */
export const sendEmailActions: readonly string[] = ['ses:SendEmail'];
/** What bulk sending takes: the call, and the account's send rate and quota. */
export const sendBulkEmailActions: readonly string[] = ['ses:SendBulkEmail', 'ses:GetAccount'];

/**
 * What checking the suppression set takes (`shared/mail/suppressions.ts`): reading the
 * `MailFeedback` table, found by the keyed hash of an address, so the address-hash key too.
 */
export const suppressionCheckAccess = {
  tables: { mailFeedback: 'read' },
  secrets: ['ADDRESS_HASH_KEY'],
} as const satisfies Access;

const mergedTableAccess = (a: TableAccess | undefined, b: TableAccess): TableAccess =>
  a === undefined || a === b ? b : 'readWrite';

/** `own` widened by what a shared mechanism needs (tables merged, secrets once). */
function withAccess(own: Access, needed: Access): Access {
  const tables: Record<string, TableAccess> = { ...own.tables };
  for (const [table, mode] of Object.entries(needed.tables ?? {}))
    tables[table] = mergedTableAccess(tables[table], mode);
  return {
    ...own,
    tables,
    secrets: [...new Set([...(own.secrets ?? []), ...(needed.secrets ?? [])])],
  };
}

/** `own` and what the suppression check needs: for a function that calls `isSuppressed()` without sending mail. */
export const checksSuppressions = (own: Access = {}): Access => withAccess(own, suppressionCheckAccess);

/**
 * What taking rate-limit allowances needs (`shared/rateLimits.ts`): writing the `RateLimits`
 * counters (conditional updates, alone or in a transaction) and the key of their keyed hashes.
 */
export const rateLimitAccess = {
  tables: { rateLimits: 'write' },
  secrets: ['ADDRESS_HASH_KEY'],
} as const satisfies Access;

/** `own` and what rate limits need: for a route that limits its clients or the mail it causes. */
export const limitsRate = (own: Access = {}): Access => withAccess(own, rateLimitAccess);

/**
 * What a form's proof of work needs (`shared/http/formChallengeCheck.ts`): the site settings
 * (whether editors switched it on), the token keys (its signing key derives from them), and the
 * `RateLimits` table (used challenges, the stricter limit of forms posted without one).
 */
export const checksFormChallenge = (own: Access = {}): Access =>
  withAccess(
    { ...own, readsContent: true, formChallenge: true, tables: { contentChanges: 'read', ...own.tables } },
    { ...rateLimitAccess, secrets: ['ADDRESS_HASH_KEY', 'TOKEN_KEYS'] },
  );

/**
 * The access a function is granted, in AWS (IAM) and locally (the access guard): what its
 * manifest declares and, for a function that sends mail, the suppression check the mailer makes
 * before every send. Derived here once, so no manifest has to repeat it.
 */
export const grantedAccess = (declared: Access): Access =>
  declared.sendEmail || declared.sendBulkEmail ? checksSuppressions(declared) : declared;

/** Environment variable through which a function learns a table's real name: `CONTACT_MESSAGES_TABLE`. */
export const tableEnvironmentVariable = (table: string): string =>
  `${table.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}_TABLE`;
