import { describe, expect, it } from 'vitest';
import { tablesWrittenBy, WakeUps } from '../../infra/local/streamWakeUps.ts';

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

describe('an idle stream worker', () => {
  it('waits its interval, wakes at once on a write, and does not wait after a write made while it worked', async () => {
    const wakeUps = new WakeUps();
    let started = Date.now();
    await wakeUps.idle('worker', 50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    started = Date.now();
    setTimeout(() => wakeUps.wake('worker'), 10);
    await wakeUps.idle('worker', 5000);
    expect(Date.now() - started).toBeLessThan(1000);
    wakeUps.wake('worker');
    started = Date.now();
    await wakeUps.idle('worker', 5000);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
