import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDbClient } from '../functions/shared/aws.ts';
import { localTableName } from '../infra/local/localEnvironment.ts';
import { demoDatasetPath } from '../studio/demo/generateDemoDataset.ts';
import { startBenchStack } from './benchStack.ts';
import { median } from './stats.ts';

const total = Number(process.env.BENCH_REGISTRATIONS ?? 300);
const concurrency = 16;

/** Runs `count` tasks, `concurrency` at a time; answers the operations per second. */
async function throughput(count: number, task: (index: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let index = next++; index < count; index = next++) await task(index);
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

/**
 * Registrations per second through the local stack (HTTP, validation, content lookup, the
 * conditional transaction) against raw TransactWriteItems per second (the same two items: the
 * registration and the counter) on the same DynamoDB Local, in the same run, 16 at a time.
 */
export async function registrationsBenchmark(port: number): Promise<void> {
  const events = readFileSync(demoDatasetPath, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((doc) => doc._type === 'event' && doc.status === 'scheduled');
  const unlimited = events.filter((doc) => !(doc.registration as { capacity?: number }).capacity);
  // One client sending thousands of registrations is what the per-client limit stops: raised
  // here (the mailbox allowance stays, every address being new). The stack takes it from here.
  process.env.RATE_LIMIT_REGISTRATIONS ??= '999999/1h';
  const { stack, documents: client } = await startBenchStack(port);
  try {
    const tableName = localTableName('registrations');
    const rawTransaction = (index: number) =>
      client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: {
                  pk: `EVENT#bench-raw-${index % 20}`,
                  sk: `BENCH#${index}-${randomUUID()}`,
                  name: 'Banc',
                },
                ConditionExpression: 'attribute_not_exists(sk)',
              },
            },
            {
              Update: {
                TableName: tableName,
                Key: { pk: `EVENT#bench-raw-${index % 20}`, sk: 'COUNTER' },
                UpdateExpression: 'SET confirmed = if_not_exists(confirmed, :zero) + :one',
                ExpressionAttributeValues: { ':zero': 0, ':one': 1 },
              },
            },
          ],
        }),
      );
    // Warm-up of both paths (JIT, connections, modules), not measured.
    await throughput(100, async (index) => {
      await rawTransaction(20 * total + index);
    });
    const registerOne = async (index: number) => {
      // Spread over 20 events, as a campaign's registrations are.
      const slug = (unlimited[index % 20] as { slug: { current: string } }).slug.current;
      const response = await fetch(`${stack.apiUrl}/events/${slug}/registrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'Banc d’essai',
          email: `bench.${index}.${randomUUID()}@exemple.fr`,
          consent: true,
        }),
      });
      if (response.status !== 201) throw new Error(`registration answered ${response.status}`);
      await response.arrayBuffer();
    };
    await throughput(50, (index) => registerOne(10 * total + index));
    // Interleaved rounds, so DynamoDB Local's own warm-up favours neither side. The baseline's
    // items have no REG# key: no stream worker reacts, it measures DynamoDB alone.
    const rawRounds: number[] = [];
    const stackRounds: number[] = [];
    // The functions' DynamoDB calls during the stack's rounds (their shared client), by command:
    // the registrations and what the stream workers do behind them.
    let counting = false;
    const callsByCommand: Record<string, number> = {};
    dynamoDbClient().middlewareStack.add(
      (next, context) => async (args) => {
        if (counting)
          callsByCommand[context.commandName ?? '?'] = (callsByCommand[context.commandName ?? '?'] ?? 0) + 1;
        return next(args);
      },
      { step: 'initialize', name: 'benchCallCounter' },
    );
    for (let round = 0; round < 3; round++) {
      rawRounds.push(
        await throughput(total, (index) => rawTransaction(round * total + index).then(() => undefined)),
      );
      counting = true;
      stackRounds.push(await throughput(total, (index) => registerOne(round * total + index)));
      counting = false;
    }
    const raw = median(rawRounds);
    const throughStack = median(stackRounds);
    console.log(
      `\nRegistrations: 3 interleaved rounds of ${total}, ${concurrency} at a time (median), against raw TransactWriteItems on the same DynamoDB Local`,
    );
    console.table({
      'TransactWriteItems (baseline)': { 'per second': raw.toFixed(0), ratio: '1.00' },
      'POST /events/{slug}/registrations': {
        'per second': throughStack.toFixed(0),
        ratio: (throughStack / raw).toFixed(2),
      },
    });
    const perRegistration = Object.fromEntries(
      Object.entries(callsByCommand)
        .sort(([, a], [, b]) => b - a)
        .map(([command, calls]) => [command, (calls / (3 * total)).toFixed(2)]),
    );
    console.log('DynamoDB calls per registration (the functions, stream workers included):', perRegistration);
    writeFileSync(
      join(import.meta.dirname, 'results', 'registrations.json'),
      JSON.stringify({ at: new Date().toISOString(), total, concurrency, raw, throughStack }, null, 2),
    );
  } finally {
    await stack.stop();
  }
}

if (import.meta.main) {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  const { values } = parseArgs({ options: { port: { type: 'string', default: '3500' } } });
  await registrationsBenchmark(Number(values.port));
}
