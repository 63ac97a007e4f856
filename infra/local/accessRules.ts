import { type TableName, tables } from '../../functions/catalogue.ts';
import {
  type Access,
  actionsOf,
  indexActions,
  sendBulkEmailActions,
  sendEmailActions,
} from '../../functions/manifest.ts';
import { localRegion, localTableName } from './localEnvironment.ts';

/**
 * What IAM would check for an SDK call of a function, and whether its manifest's access grants
 * it: the same action lists the CDK stack grants (`actionsOf`, `sendEmailActions`), so a
 * function that forgets to declare a table fails locally as it would in AWS.
 */
export type GuardedService = 'dynamodb' | 'ses';

/** One authorisation a request needs: an action on a resource. */
export interface RequiredPermission {
  /** IAM action: `dynamodb:PutItem`, `ses:SendEmail`. */
  readonly action: string;
  /** The table's local name (`essaim-Registrations`), for DynamoDB actions on a table. */
  readonly tableName?: string;
  /** The index a query names (`byAddress`): IAM authorises the index's ARN, not the table's. */
  readonly indexName?: string;
  /** The resource's ARN, as IAM names it in its refusal. */
  readonly resource: string;
}

const account = '000000000000';
const tableArn = (tableName: string) => `arn:aws:dynamodb:${localRegion}:${account}:table/${tableName}`;

const onTable = (action: string, tableName: unknown, indexName?: unknown): RequiredPermission =>
  typeof tableName === 'string'
    ? {
        action: `dynamodb:${action}`,
        tableName,
        ...(typeof indexName === 'string' ? { indexName } : {}),
        resource:
          typeof indexName === 'string' ? `${tableArn(tableName)}/index/${indexName}` : tableArn(tableName),
      }
    : // No table named (ListTables…): an account-wide action, which no function is granted.
      { action: `dynamodb:${action}`, resource: '*' };

/** Transaction items are authorised one by one, each with the action of its kind. */
const transactionItemActions: Readonly<Record<string, string>> = {
  Get: 'GetItem',
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  ConditionCheck: 'ConditionCheckItem',
};

type Input = Readonly<Record<string, unknown>>;

/**
 * The permissions an operation (`PutItem`, `TransactWriteItems`, `SendEmail`…) needs with this
 * input: batches need their own action on every table they name; transactions need, for each
 * item, the action of its kind on its own table.
 */
export function requiredPermissions(
  service: GuardedService,
  operation: string,
  input: Input,
): RequiredPermission[] {
  if (service === 'ses') {
    const from = typeof input.FromEmailAddress === 'string' ? input.FromEmailAddress : '';
    const identity = from.match(/<([^>]+)>\s*$/)?.[1] ?? (from.trim() || '*');
    return [
      { action: `ses:${operation}`, resource: `arn:aws:ses:${localRegion}:${account}:identity/${identity}` },
    ];
  }
  if (operation === 'BatchGetItem' || operation === 'BatchWriteItem') {
    const requestItems = (input.RequestItems ?? {}) as Input;
    return Object.keys(requestItems).map((tableName) => onTable(operation, tableName));
  }
  if (operation === 'TransactGetItems' || operation === 'TransactWriteItems') {
    return ((input.TransactItems ?? []) as Input[]).flatMap((item) =>
      Object.entries(item).flatMap(([kind, request]) => {
        const action = Object.hasOwn(transactionItemActions, kind) ? transactionItemActions[kind] : undefined;
        return action ? [onTable(action, (request as Input | undefined)?.TableName)] : [];
      }),
    );
  }
  return [onTable(operation, input.TableName, input.IndexName)];
}

const tablesByLocalName: ReadonlyMap<string, TableName> = new Map(
  (Object.keys(tables) as TableName[]).map((table) => [localTableName(table), table]),
);

/** The manifest's name of a table from its local name (`essaim-Registrations` → `registrations`). */
export const tableOfLocalName = (tableName: string): TableName | undefined =>
  tablesByLocalName.get(tableName);

/** Whether a function with this access may do this, as its IAM policy in AWS would decide. */
export function isGranted(access: Access, permission: RequiredPermission): boolean {
  if (permission.action.startsWith('ses:'))
    return (
      (access.sendEmail === true && sendEmailActions.includes(permission.action)) ||
      (access.sendBulkEmail === true && sendBulkEmailActions.includes(permission.action))
    );
  const table = permission.tableName === undefined ? undefined : tableOfLocalName(permission.tableName);
  // An index is its own resource: granted only when the manifest names it.
  if (permission.indexName !== undefined)
    return (
      table !== undefined &&
      indexActions.includes(permission.action) &&
      (access.indexes?.[table] ?? []).includes(permission.indexName)
    );
  const mode =
    table && access.tables && Object.hasOwn(access.tables, table) ? access.tables[table] : undefined;
  return mode !== undefined && actionsOf(mode).includes(permission.action);
}

/** The first permission the access lacks, if any. */
export const firstDenied = (access: Access, permissions: readonly RequiredPermission[]) =>
  permissions.find((permission) => !isGranted(access, permission));

/** IAM's refusal message, for a function whose role is `<name>-role`. */
export const accessDeniedMessage = (functionName: string, permission: RequiredPermission): string =>
  `User: arn:aws:sts::${account}:assumed-role/${functionName}-role/${functionName} is not authorized to perform: ` +
  `${permission.action} on resource: ${permission.resource} because no identity-based policy allows the ${permission.action} action`;
