import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDbClient, tableNameOf } from '../functions/shared/aws.ts';
import { revisionKey } from '../functions/shared/content/contentRevision.ts';
import { localTableName } from '../infra/local/localEnvironment.ts';
import { demoDatasetPath } from '../studio/demo/generateDemoDataset.ts';
import { benchLakeClient, startBenchStack } from './benchStack.ts';
import { median } from './stats.ts';
import { Visitors } from './visitors.ts';

const total = Number(process.env.BENCH_REGISTRATIONS ?? 300);
const concurrency = 16;
/** Visitors registering, each from an address of its own (`Visitors`). */
const visitors = 50;

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
 * Registrations per second through the local stack (HTTP, validation, the content revalidated,
 * the conditional transaction with the rate-limit counters) against two raw baselines on the same
 * DynamoDB Local, in the same run, 16 at a time: `TransactWriteItems` of the two items at the
 * heart of a registration (the registration and the event's counter), and the route's own
 * DynamoDB calls made directly (the consistent read of the content revision, then one
 * transaction of the same five items: the registration, its id's pointer, the counter, the
 * client's and the mailbox's allowances), which is what the stack costs on top of DynamoDB. It
 * also prints a bound: the four items no guard can do without, in one raw transaction with no
 * read, which is as fast as any guarded registration could be on this DynamoDB Local.
 */
export async function registrationsBenchmark(port: number): Promise<void> {
  const events = readFileSync(demoDatasetPath, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((doc) => doc._type === 'event' && doc.status === 'scheduled');
  const unlimited = events.filter((doc) => !(doc.registration as { capacity?: number }).capacity);
  // Each of the 50 visitors sends some twenty registrations, more than a person would in an hour
  // (the per-client limit's job): raised here (the mailbox allowance stays, every address being
  // new). The stack takes it from here.
  process.env.RATE_LIMIT_REGISTRATIONS ??= '999999/1h';
  const { stack, documents: client } = await startBenchStack(port);
  const crowd = new Visitors(visitors);
  try {
    // An editor's change to an event first, as at the peak: once the programme snapshot holds it,
    // registrations read their event there (`eventForRegistration`), not from the Content Lake.
    await benchLakeClient(stack)
      .patch(String(unlimited[0]?._id))
      .set({ summary: 'Modifiée avant le banc d’essai des inscriptions.' })
      .commit();
    for (let waited = 0; ; waited += 100) {
      const [pointer, marker] = await Promise.all(
        [
          { TableName: localTableName('programme'), Key: { pk: 'CURRENT' } },
          { TableName: tableNameOf('contentChanges'), Key: { pk: revisionKey } },
        ].map(async (read) => (await client.send(new GetCommand({ ...read, ConsistentRead: true }))).Item),
      );
      if (Number(pointer?.queriedAt) > Date.parse(String(marker?.eventChangedAt))) break;
      if (waited > 60_000) throw new Error('The programme snapshot never caught up with the edit');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
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
    // The route's DynamoDB calls, made directly: as `registrationStore.register` and the
    // revalidating read make them for an event without confirmation (keys and values alike).
    const windowEnd = new Date(Date.now() + 3_600_000);
    // Imported here, after the stack set the functions' environment (its logger reads the level).
    const { allowanceUpdate } = await import('../functions/shared/rateLimits.ts');
    /**
     * The route's transaction (`withPointer`: its five items) or only the four items no guard can
     * do without (the registration, the counter, the client's and the mailbox's allowances).
     */
    const routeTransaction = (index: number, withPointer: boolean) => {
      const event = `EVENT#bench-same-${index % 20}`;
      const id = randomUUID();
      return client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: {
                  pk: event,
                  sk: `BENCH#${id}`,
                  id,
                  name: 'Banc d’essai',
                  email: `bench.${id}@exemple.fr`,
                  status: 'confirmed',
                  registeredAt: new Date().toISOString(),
                  expiresAt: 2_000_000_000,
                },
                ConditionExpression:
                  'attribute_not_exists(sk) OR #status = :cancelled OR (#status = :pending AND holdsPlace = :false)',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':cancelled': 'cancelled',
                  ':pending': 'pending',
                  ':false': false,
                },
              },
            },
            ...(withPointer
              ? [
                  {
                    Put: {
                      TableName: tableName,
                      Item: { pk: event, sk: `BENCHID#${id}`, expiresAt: 2_000_000_000 },
                    },
                  },
                ]
              : []),
            {
              Update: {
                TableName: tableName,
                Key: { pk: event, sk: 'COUNTER' },
                UpdateExpression:
                  'SET confirmed = if_not_exists(confirmed, :zero) + :one, taken = if_not_exists(taken, :zero) + :one, expiresAt = :expiresAt',
                ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':expiresAt': 2_000_000_000 },
              },
            },
            allowanceUpdate({
              key: `BENCH#CLIENT#${index % visitors}`,
              limit: 999_999,
              resetsAt: windowEnd,
              of: 'client',
            }),
            allowanceUpdate({ key: `BENCH#MAILBOX#${id}`, limit: 3, resetsAt: windowEnd, of: 'mailbox' }),
          ],
        }),
      );
    };
    const rawRouteCalls = async (index: number) => {
      await client.send(
        new GetCommand({
          TableName: tableNameOf('contentChanges'),
          Key: { pk: revisionKey },
          ProjectionExpression: 'revision',
          ConsistentRead: true,
        }),
      );
      await routeTransaction(index, true);
    };
    // Warm-up of every path (JIT, connections, modules), not measured.
    await throughput(100, async (index) => {
      await rawTransaction(20 * total + index);
      await rawRouteCalls(20 * total + index);
    });
    const registerOne = async (index: number) => {
      // Spread over 20 events, as a campaign's registrations are.
      const slug = (unlimited[index % 20] as { slug: { current: string } }).slug.current;
      const { status } = await crowd.send(index, `${stack.apiUrl}/events/${slug}/registrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'Banc d’essai',
          email: `bench.${index}.${randomUUID()}@exemple.fr`,
          consent: true,
        }),
      });
      if (status !== 201) throw new Error(`registration answered ${status}`);
    };
    await throughput(50, (index) => registerOne(10 * total + index));
    // Interleaved rounds, so DynamoDB Local's own warm-up favours neither side. The baseline's
    // items have no REG# key: no stream worker reacts, it measures DynamoDB alone.
    const rawRounds: number[] = [];
    const guardItemsRounds: number[] = [];
    const sameCallsRounds: number[] = [];
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
      guardItemsRounds.push(
        await throughput(total, (index) =>
          routeTransaction(round * total + index, false).then(() => undefined),
        ),
      );
      sameCallsRounds.push(await throughput(total, (index) => rawRouteCalls(round * total + index)));
      counting = true;
      stackRounds.push(await throughput(total, (index) => registerOne(round * total + index)));
      counting = false;
    }
    const raw = median(rawRounds);
    const guardItems = median(guardItemsRounds);
    const sameCalls = median(sameCallsRounds);
    const throughStack = median(stackRounds);
    console.log(
      `\nRegistrations: 3 interleaved rounds of ${total}, ${concurrency} at a time from ${visitors} addresses (median), against raw calls on the same DynamoDB Local`,
    );
    console.table({
      'TransactWriteItems, 2 items (baseline)': { 'per second': raw.toFixed(0), 'ratio to it': '1.00' },
      // What the guards cost on DynamoDB Local before any read or request: a bound.
      'bound: TransactWriteItems of the 4 items the guards need, raw': {
        'per second': guardItems.toFixed(0),
        'ratio to it': (guardItems / raw).toFixed(2),
      },
      'the route’s calls, raw: GetItem + TransactWriteItems, 5 items': {
        'per second': sameCalls.toFixed(0),
        'ratio to it': (sameCalls / raw).toFixed(2),
        'route’s ratio to it': (throughStack / sameCalls).toFixed(2),
      },
      'POST /events/{slug}/registrations': {
        'per second': throughStack.toFixed(0),
        'ratio to it': (throughStack / raw).toFixed(2),
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
      JSON.stringify(
        { at: new Date().toISOString(), total, concurrency, raw, guardItems, sameCalls, throughStack },
        null,
        2,
      ),
    );
  } finally {
    await stack.stop();
    crowd.close();
  }
}

if (import.meta.main) {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  const { values } = parseArgs({ options: { port: { type: 'string', default: '3500' } } });
  await registrationsBenchmark(Number(values.port));
}
