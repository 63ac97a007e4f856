import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { localRegion } from './localEnvironment.ts';

/** Invocations per function since the process started: what the benchmarks count per recipient. */
export const localInvocations = new Map<string, number>();

/** A Lambda context for a local invocation: what Powertools reads (name, request id, time left). */
export function lambdaContext(functionName: string, timeoutMs = 30_000): Context {
  const startedAt = Date.now();
  localInvocations.set(functionName, (localInvocations.get(functionName) ?? 0) + 1);
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${localRegion}:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - startedAt)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
