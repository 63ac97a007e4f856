import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import { stringify } from 'csv-stringify/sync';
import type { Subscription } from '../functions/subscriptions/subscription.ts';
import { localCredentials, localRegion, localTableName } from './local/localEnvironment.ts';
import { CommandError, stackTableName } from './operatorTables.ts';

/**
 * The data controller's commands on the subscribers (`Subscribers`), in AWS or on the local
 * stack. Never a public endpoint: they need an operator's AWS credentials (`dynamodb:Scan` on
 * the table, `ListTables` without `--table`).
 *
 *   npx node infra/subscribers.ts count [--stage prod | --local]     confirmed subscribers by list, region, theme, digest (no address)
 *   npx node infra/subscribers.ts export --list <id> [...] > f.csv   the confirmed subscribers of a list, as CSV
 */
const usage = `Usage:
  npx node infra/subscribers.ts count [--stage dev|prod | --local] [--table <name>]
  npx node infra/subscribers.ts export --list <list id> [--stage dev|prod | --local] [--table <name>] > subscribers.csv`;

async function* confirmedSubscriptions(client: DynamoDBDocumentClient, tableName: string) {
  for await (const page of paginateScan(
    { client },
    {
      TableName: tableName,
      FilterExpression: 'sk = :profile AND #status = :confirmed',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':profile': 'PROFILE', ':confirmed': 'confirmed' },
    },
  )) {
    for (const item of page.Items ?? []) yield item as Subscription;
  }
}

/** Counts by list, region, theme and digest: what editors may know, never who. */
export function countSubscriptions(subscriptions: Iterable<Subscription>) {
  const counts = { total: 0, lists: {}, regions: {}, themes: {}, digest: {} } as {
    total: number;
    lists: Record<string, number>;
    regions: Record<string, number>;
    themes: Record<string, number>;
    digest: Record<string, number>;
  };
  const add = (into: Record<string, number>, key: string) => {
    into[key] = (into[key] ?? 0) + 1;
  };
  for (const subscription of subscriptions) {
    counts.total++;
    for (const list of subscription.lists) add(counts.lists, list);
    for (const region of subscription.regions) add(counts.regions, region);
    for (const theme of subscription.themes) add(counts.themes, theme);
    add(counts.digest, subscription.digest);
  }
  return counts;
}

/** The confirmed subscribers of one list, with their consent (the RGPD register's columns). */
export function exportCsv(subscriptions: Iterable<Subscription>, list: string): string {
  const rows = [...subscriptions]
    .filter((subscription) => subscription.lists.includes(list))
    .map((subscription) => [
      subscription.email,
      subscription.name ?? '',
      subscription.regions.join(' '),
      subscription.themes.join(' '),
      subscription.digest,
      subscription.consent.textVersion,
      subscription.consent.givenAt,
      subscription.consent.confirmedAt ?? subscription.confirmedAt ?? '',
      subscription.consent.source,
    ]);
  return stringify(rows, {
    header: true,
    delimiter: ';',
    bom: true,
    columns: [
      'E-mail',
      'Nom',
      'Régions',
      'Thèmes',
      'Récapitulatif',
      'Version du consentement',
      'Consentement donné le',
      'Confirmé le',
      'Source',
    ],
    // A spreadsheet must not run what a subscriber typed as their name.
    cast: { string: (value) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value) },
  });
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      stage: { type: 'string', default: 'dev' },
      local: { type: 'boolean', default: false },
      table: { type: 'string' },
      list: { type: 'string' },
    },
  });
  const command = positionals[0];
  if (command !== 'count' && command !== 'export') throw new CommandError(usage);
  if (command === 'export' && !values.list) throw new CommandError(`export needs --list.\n${usage}`);
  if (values.stage !== 'dev' && values.stage !== 'prod') throw new CommandError('--stage is dev or prod.');
  const dynamoDb = values.local
    ? new DynamoDBClient({
        region: localRegion,
        credentials: localCredentials,
        endpoint: process.env.DYNAMODB_ENDPOINT ?? `http://127.0.0.1:${process.env.DYNAMODB_PORT ?? 8000}`,
      })
    : new DynamoDBClient({});
  const tableName =
    values.table ??
    (values.local
      ? localTableName('subscribers')
      : await stackTableName(dynamoDb, values.stage, 'subscribers'));
  const client = DynamoDBDocumentClient.from(dynamoDb);
  const subscriptions: Subscription[] = [];
  for await (const subscription of confirmedSubscriptions(client, tableName))
    subscriptions.push(subscription);
  if (command === 'count') {
    console.log(JSON.stringify(countSubscriptions(subscriptions), null, 2));
    return;
  }
  process.stdout.write(exportCsv(subscriptions, values.list as string));
  console.error(
    `${subscriptions.filter((s) => s.lists.includes(values.list as string)).length} subscriber(s) exported.`,
  );
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    console.error(error instanceof CommandError ? error.message : `subscribers: ${(error as Error).message}`);
    process.exit(1);
  });
}
