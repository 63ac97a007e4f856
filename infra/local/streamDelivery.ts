import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { StreamWorker } from '../../functions/catalogue.ts';
import { runAsFunction } from './functionContext.ts';
import { lambdaContext } from './lambdaContext.ts';

export type StreamLambda = (
  event: DynamoDBStreamEvent,
  context: Context,
) => Promise<DynamoDBBatchResponse | undefined>;

const functionsDirectory = join(import.meta.dirname, '..', '..', 'functions');

/** A worker's handler module, loaded as that function (its init phase may call AWS). */
export async function loadWorker(worker: StreamWorker): Promise<StreamLambda> {
  const loaded = (await runAsFunction(
    { function: worker },
    () => import(pathToFileURL(join(functionsDirectory, worker.handler)).href),
  )) as { handler: StreamLambda };
  return loaded.handler;
}

/**
 * Calls the worker until every record succeeded or ran out of retries, as Lambda does with
 * ReportBatchItemFailures: a retry resumes from the first failed record; a record that exhausts
 * its retries is appended to the dead-letter file (the on-failure destination) and skipped.
 */
export async function deliverBatch(
  worker: StreamWorker,
  handler: StreamLambda,
  records: DynamoDBRecord[],
  deadLetterFile: string,
): Promise<void> {
  let pending = records;
  for (let attempt = 0; pending.length > 0; attempt++) {
    let failedFrom: number;
    try {
      const event = { Records: pending };
      const context = lambdaContext(worker.name, (worker.timeoutSeconds ?? 10) * 1000);
      const response = await runAsFunction({ function: worker }, () => handler(event, context));
      const failedIds = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
      failedFrom = pending.findIndex((record) => failedIds.has(record.dynamodb?.SequenceNumber ?? ''));
    } catch (error) {
      // Powertools' FullBatchFailureError carries each record's error.
      const causes = (error as { recordErrors?: Error[] }).recordErrors ?? [error as Error];
      console.error(
        `Stream worker ${worker.name} failed: ${causes.map((cause) => `${cause.name}: ${cause.message}`).join('; ')}`,
      );
      failedFrom = 0;
    }
    if (failedFrom === -1) return;
    pending = pending.slice(failedFrom);
    if (attempt >= worker.retryAttempts) {
      const [dead] = pending;
      await appendFile(
        deadLetterFile,
        `${JSON.stringify({ worker: worker.name, failedAt: new Date().toISOString(), record: dead })}\n`,
      );
      console.error(`Stream worker ${worker.name}: record sent to ${deadLetterFile}`);
      pending = pending.slice(1);
      attempt = -1;
    } else {
      await sleep(Math.min(100 * 2 ** attempt, 2000));
    }
  }
}

/** A GetRecords record as the Lambda event carries it (creation time in epoch seconds, source ARN). */
export function toLambdaRecord(record: StreamRecord, streamArn: string): DynamoDBRecord {
  const { ApproximateCreationDateTime, ...dynamodb } = record.dynamodb ?? {};
  return {
    ...record,
    eventSourceARN: streamArn,
    dynamodb: {
      ...dynamodb,
      ...(ApproximateCreationDateTime
        ? { ApproximateCreationDateTime: ApproximateCreationDateTime.getTime() / 1000 }
        : {}),
    },
  } as DynamoDBRecord;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
