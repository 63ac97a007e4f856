import { Logger } from '@aws-lambda-powertools/logger';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { streamWorker } from '../../functions/shared/workers/workers.ts';
import { lambdaContext } from '../../infra/local/lambdaContext.ts';

const record = (id: string): DynamoDBRecord => ({
  eventID: `event-${id}`,
  eventName: 'INSERT',
  dynamodb: { SequenceNumber: id, NewImage: marshall({ id }) as never },
});
const batch = (...ids: string[]): DynamoDBStreamEvent => ({ Records: ids.map(record) });

/** A worker that records what it handled and fails on the ids it is told to. */
function worker(inOrder: boolean, failing: readonly string[]) {
  const handled: string[] = [];
  const handler = streamWorker<{ id: string }>({
    name: 'testWorker',
    inOrder,
    handle: async ({ newImage }) => {
      if (failing.includes(newImage?.id ?? ''))
        throw Object.assign(new Error('a@b.fr refused'), { name: 'Throttling', code: 'Throttling' });
      handled.push(newImage?.id ?? '');
    },
  });
  const run = async (event: DynamoDBStreamEvent) =>
    (await handler(event, lambdaContext('testWorker'))) as DynamoDBBatchResponse;
  return { handled, run };
}

describe('stream workers', () => {
  afterEach(() => vi.restoreAllMocks());

  it('in order: stop at the first failure and report it and every later record, so nothing overtakes it', async () => {
    vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { handled, run } = worker(true, ['2']);
    const response = await run(batch('1', '2', '3'));
    expect(handled).toEqual(['1']);
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(['2', '3']);
  });

  it('in parallel: report only the records that failed', async () => {
    vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { handled, run } = worker(false, ['2']);
    const response = await run(batch('1', '2', '3'));
    expect(handled.sort()).toEqual(['1', '3']);
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(['2']);
  });

  it('log a failed record with its event id, the error’s name and code, and never its message', async () => {
    const errors: unknown[][] = [];
    const correlation: (string | undefined)[] = [];
    vi.spyOn(Logger.prototype, 'error').mockImplementation(function (this: Logger, ...args: unknown[]) {
      errors.push(args);
      correlation.push(this.getCorrelationId() as string | undefined);
    });
    const { run } = worker(true, ['7']);
    await run(batch('7'));
    expect(errors).toHaveLength(1);
    expect(correlation).toEqual(['event-7']);
    expect(errors[0]?.[1]).toEqual({ errorName: 'Throttling', errorCode: 'Throttling' });
    expect(JSON.stringify(errors)).not.toContain('a@b.fr');
  });
});
