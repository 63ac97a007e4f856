import { describe, expect, it } from 'vitest';
import { deployedFunctions } from '../../functions/catalogue.ts';
import {
  accessDeniedMessage,
  firstDenied,
  isGranted,
  requiredPermissions,
  tableOfLocalName,
} from '../../infra/local/accessRules.ts';

const table = (name: string) => `arn:aws:dynamodb:eu-west-3:000000000000:table/${name}`;
const actionsOn = (operation: string, input: Record<string, unknown>) =>
  requiredPermissions('dynamodb', operation, input).map((permission) => [
    permission.action,
    permission.tableName,
  ]);

describe('local access rules (what IAM checks for each SDK call)', () => {
  it('names the action of a single-table operation on its table (and index)', () => {
    for (const operation of [
      'GetItem',
      'Query',
      'Scan',
      'PutItem',
      'UpdateItem',
      'DeleteItem',
      'DescribeTable',
    ])
      expect(actionsOn(operation, { TableName: 'essaim-Registrations' })).toEqual([
        [`dynamodb:${operation}`, 'essaim-Registrations'],
      ]);
    expect(
      requiredPermissions('dynamodb', 'Query', { TableName: 'essaim-Registrations', IndexName: 'byEmail' })[0]
        ?.resource,
    ).toBe(`${table('essaim-Registrations')}/index/byEmail`);
    expect(requiredPermissions('dynamodb', 'ListTables', {})).toEqual([
      { action: 'dynamodb:ListTables', resource: '*' },
    ]);
  });

  it('checks every table of a batch with the batch’s own action', () => {
    expect(
      actionsOn('BatchGetItem', {
        RequestItems: { 'essaim-Registrations': {}, 'essaim-ContentChanges': {} },
      }),
    ).toEqual([
      ['dynamodb:BatchGetItem', 'essaim-Registrations'],
      ['dynamodb:BatchGetItem', 'essaim-ContentChanges'],
    ]);
    expect(actionsOn('BatchWriteItem', { RequestItems: { 'essaim-Idempotency': [] } })).toEqual([
      ['dynamodb:BatchWriteItem', 'essaim-Idempotency'],
    ]);
  });

  it('checks every item of a transaction on its own table with the action of its kind', () => {
    expect(
      actionsOn('TransactWriteItems', {
        TransactItems: [
          { Put: { TableName: 'essaim-Registrations' } },
          { Update: { TableName: 'essaim-Registrations' } },
          { Delete: { TableName: 'essaim-Idempotency' } },
          { ConditionCheck: { TableName: 'essaim-ContentChanges' } },
        ],
      }),
    ).toEqual([
      ['dynamodb:PutItem', 'essaim-Registrations'],
      ['dynamodb:UpdateItem', 'essaim-Registrations'],
      ['dynamodb:DeleteItem', 'essaim-Idempotency'],
      ['dynamodb:ConditionCheckItem', 'essaim-ContentChanges'],
    ]);
    expect(
      actionsOn('TransactGetItems', { TransactItems: [{ Get: { TableName: 'essaim-Registrations' } }] }),
    ).toEqual([['dynamodb:GetItem', 'essaim-Registrations']]);
  });

  it('maps local table names back to the manifests’ names', () => {
    expect(tableOfLocalName('essaim-Registrations')).toBe('registrations');
    expect(tableOfLocalName('essaim-ContactMessages')).toBe('contactMessages');
    expect(tableOfLocalName('Registrations')).toBeUndefined();
    expect(tableOfLocalName('essaim-constructor')).toBeUndefined();
  });

  it('tells read from write as the CDK grants them', () => {
    const reader = { tables: { registrations: 'read' as const } };
    const writer = { tables: { registrations: 'write' as const } };
    const both = { tables: { registrations: 'readWrite' as const } };
    const on = (action: string) => ({
      action: `dynamodb:${action}`,
      tableName: 'essaim-Registrations',
      resource: '',
    });
    for (const action of ['GetItem', 'BatchGetItem', 'Query', 'Scan', 'ConditionCheckItem']) {
      expect(isGranted(reader, on(action))).toBe(true);
      expect(isGranted(writer, on(action))).toBe(false);
      expect(isGranted(both, on(action))).toBe(true);
    }
    for (const action of ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']) {
      expect(isGranted(reader, on(action))).toBe(false);
      expect(isGranted(writer, on(action))).toBe(true);
      expect(isGranted(both, on(action))).toBe(true);
    }
    expect(isGranted(reader, on('DescribeTable'))).toBe(true);
    expect(isGranted(writer, on('DescribeTable'))).toBe(true);
    expect(isGranted(both, on('DeleteTable'))).toBe(false);
    // Another table, an unknown one, or no table at all: nothing granted.
    expect(isGranted(both, { ...on('GetItem'), tableName: 'essaim-Idempotency' })).toBe(false);
    expect(isGranted(both, { ...on('GetItem'), tableName: 'essaim-Unknown' })).toBe(false);
    expect(isGranted(both, { action: 'dynamodb:ListTables', resource: '*' })).toBe(false);
  });

  it('grants SES sends only to functions that declare sendEmail', () => {
    const [send] = requiredPermissions('ses', 'SendEmail', {
      FromEmailAddress: '"Essaim (local)" <ne-pas-repondre@essaim.localhost>',
    });
    expect(send).toEqual({
      action: 'ses:SendEmail',
      resource: 'arn:aws:ses:eu-west-3:000000000000:identity/ne-pas-repondre@essaim.localhost',
    });
    if (!send) throw new Error('no permission');
    expect(isGranted({ sendEmail: true }, send)).toBe(true);
    expect(isGranted({}, send)).toBe(false);
    expect(isGranted({ tables: { registrations: 'readWrite' } }, send)).toBe(false);
    // Other SES actions are not part of what sendEmail grants.
    expect(isGranted({ sendEmail: true }, { action: 'ses:SendBulkEmail', resource: '*' })).toBe(false);
  });

  it('finds the first refused item of a transaction and words it as IAM does', () => {
    const permissions = requiredPermissions('dynamodb', 'TransactWriteItems', {
      TransactItems: [
        { Put: { TableName: 'essaim-Registrations' } },
        { Put: { TableName: 'essaim-Idempotency' } },
      ],
    });
    const denied = firstDenied({ tables: { registrations: 'write' } }, permissions);
    expect(denied?.tableName).toBe('essaim-Idempotency');
    expect(denied && accessDeniedMessage('registerForEvent', denied)).toBe(
      'User: arn:aws:sts::000000000000:assumed-role/registerForEvent-role/registerForEvent is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:eu-west-3:000000000000:table/essaim-Idempotency because no identity-based policy allows the dynamodb:PutItem action',
    );
  });

  it('knows every table the manifests grant', () => {
    for (const fn of deployedFunctions)
      for (const name of Object.keys(fn.access.tables ?? {}))
        expect(tableOfLocalName(`essaim-${name.charAt(0).toUpperCase()}${name.slice(1)}`)).toBe(name);
  });
});
