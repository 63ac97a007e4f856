import { describe, expect, it } from 'vitest';
import { tablesWrittenBy } from '../../infra/local/streamWakeUps.ts';

describe('the tables a DynamoDB command writes to (the local poller wakes their workers)', () => {
  it('names the table of a single-item write', () => {
    for (const command of ['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand'])
      expect(tablesWrittenBy(command, { TableName: 'essaim-Subscribers' })).toEqual(['essaim-Subscribers']);
  });

  it('names every table of a batch and of a transaction, once each, and not a condition check’s', () => {
    expect(tablesWrittenBy('BatchWriteItemCommand', { RequestItems: { a: [], b: [] } }).sort()).toEqual([
      'a',
      'b',
    ]);
    expect(
      tablesWrittenBy('TransactWriteItemsCommand', {
        TransactItems: [
          { Put: { TableName: 'a' } },
          { Update: { TableName: 'a' } },
          { ConditionCheck: { TableName: 'c' } },
          { Delete: { TableName: 'b' } },
        ],
      }),
    ).toEqual(['a', 'b']);
  });

  it('names none for a read', () => {
    expect(tablesWrittenBy('GetItemCommand', { TableName: 'a' })).toEqual([]);
    expect(tablesWrittenBy('QueryCommand', { TableName: 'a' })).toEqual([]);
  });
});
