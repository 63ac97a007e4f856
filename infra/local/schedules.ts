import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { ScheduledWorker } from '../../functions/catalogue.ts';
import { runAsFunction } from './functionContext.ts';
import { lambdaContext } from './lambdaContext.ts';

type ScheduledLambda = (event: unknown, context: Context) => Promise<unknown>;

const functionsDirectory = join(import.meta.dirname, '..', '..', 'functions');

/**
 * The local EventBridge: calls each scheduled worker at its rate, with a scheduled-event payload.
 * Workers declared `afterDeployment` run once first (the CDK trigger's counterpart), awaited.
 */
export async function startSchedules(workers: readonly ScheduledWorker[]): Promise<{ stop(): void }> {
  const timers: NodeJS.Timeout[] = [];
  for (const worker of workers) {
    const invocation = { function: worker };
    const { handler } = (await runAsFunction(
      invocation,
      () => import(pathToFileURL(join(functionsDirectory, worker.handler)).href),
    )) as { handler: ScheduledLambda };
    const run = () =>
      runAsFunction(invocation, () =>
        handler(
          {
            source: 'aws.events',
            'detail-type': 'Scheduled Event',
            time: new Date().toISOString(),
            detail: {},
          },
          lambdaContext(worker.name, (worker.timeoutSeconds ?? 10) * 1000),
        ),
      ).catch((error: unknown) =>
        console.error(`Scheduled worker ${worker.name} failed:`, (error as Error).message),
      );
    if (worker.afterDeployment) await run();
    timers.push(setInterval(run, worker.everyMinutes * 60_000));
  }
  return { stop: () => timers.forEach(clearInterval) };
}
