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
  readonly sendEmail?: boolean;
  /** Reads Sanity content: the Content Lake settings and, for a private dataset, the read token. */
  readonly readsContent?: boolean;
  /** Secrets read from SSM Parameter Store (`<NAME>_PARAMETER`). */
  readonly secrets?: readonly SecretName[];
}

export interface FunctionDeclaration {
  /** Stable name: the Lambda function's construct id, the OpenAPI operationId, the handler module's name. */
  readonly name: string;
  readonly access?: Access;
  /** Lambda timeout; 10 s unless said otherwise. */
  readonly timeoutSeconds?: number;
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

/** The SES actions a function that sends mail is granted. */
export const sendEmailActions: readonly string[] = ['ses:SendEmail'];

/** Environment variable through which a function learns a table's real name: `CONTACT_MESSAGES_TABLE`. */
export const tableEnvironmentVariable = (table: string): string =>
  `${table.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}_TABLE`;
