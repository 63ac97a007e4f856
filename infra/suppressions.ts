import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteSuppressedDestinationCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { expiresAfterDays } from '../functions/mailFeedback/feedbackRules.ts';
import { MailFeedbackStore } from '../functions/mailFeedback/mailFeedbackStore.ts';
import { isActiveSuppression, suppressionRetentionDays } from '../functions/shared/mail/suppressionSet.ts';
import { keyedAddressHash, normaliseEmail } from '../functions/shared/tokens/keyedAddressHash.ts';
import { localCredentials, localRegion, localTableName } from './local/localEnvironment.ts';
import { CommandError, decryptedParameter, stackTableName } from './operatorTables.ts';

/**
 * The operator's commands on the suppression set (`MailFeedback`), in AWS or on the local stack:
 *
 *   npm run suppression:lift -- <address> [--stage prod | --local]   lift a suppression
 *   npx node infra/suppressions.ts show <address> [...]               what is known of an address
 *   npx node infra/suppressions.ts count [...]                        suppressed addresses by reason
 *   npx node infra/suppressions.ts add <address> [...]                suppress an address by hand
 *
 * In AWS (credentials and region from the usual AWS variables or profile) it finds the table of
 * `Essaim-<stage>` (or `--table`) and reads the `ADDRESS_HASH_KEY` parameter
 * `/essaim/<stage>/address-hash-key` (or `--address-hash-key-parameter`): the operator needs
 * `dynamodb:GetItem`, `Query`, `PutItem`, `DeleteItem`, `BatchWriteItem` (and `ListTables`,
 * `Scan` for `count`) on it, `ssm:GetParameter`, and `ses:DeleteSuppressedDestination`.
 * `--local` works on the local stack (`npm run dev`): its table, key and ports
 * (`DYNAMODB_ENDPOINT`, `SES_ENDPOINT` override them).
 */

const usage = `Usage:
  npm run suppression:lift -- <address> [--stage dev|prod | --local]
  npx node infra/suppressions.ts lift|show|add <address> [--stage dev|prod | --local] [--table <name>]
  npx node infra/suppressions.ts count [--stage dev|prod | --local] [--table <name>]`;

interface Target {
  readonly store: MailFeedbackStore;
  readonly addressHashKey: string;
  readonly ses: SESv2Client;
  readonly local: boolean;
  readonly tableName: string;
}

async function targetOf(options: {
  local: boolean;
  stage: string;
  table: string | undefined;
  keyParameter: string | undefined;
}): Promise<Target> {
  if (options.local) {
    const dynamoDbEndpoint =
      process.env.DYNAMODB_ENDPOINT ?? `http://127.0.0.1:${process.env.DYNAMODB_PORT ?? 8000}`;
    const sesEndpoint = process.env.SES_ENDPOINT ?? `http://127.0.0.1:${process.env.SES_PORT ?? 8005}`;
    const clientOptions = { region: localRegion, credentials: localCredentials };
    const tableName = options.table ?? localTableName('mailFeedback');
    const addressHashKey = process.env.ADDRESS_HASH_KEY || 'essaim-local-address-hash-key';
    return {
      store: new MailFeedbackStore(
        DynamoDBDocumentClient.from(new DynamoDBClient({ ...clientOptions, endpoint: dynamoDbEndpoint })),
        tableName,
      ),
      addressHashKey,
      ses: new SESv2Client({ ...clientOptions, endpoint: sesEndpoint }),
      local: true,
      tableName,
    };
  }
  const dynamoDb = new DynamoDBClient({});
  const tableName = options.table ?? (await stackTableName(dynamoDb, options.stage, 'mailFeedback'));
  const parameter =
    options.keyParameter ??
    `/essaim/${options.stage}/${'ADDRESS_HASH_KEY'.toLowerCase().replaceAll('_', '-')}`;
  const addressHashKey = await decryptedParameter(parameter);
  if (!addressHashKey) throw new CommandError(`The parameter ${parameter} is empty.`);
  return {
    store: new MailFeedbackStore(DynamoDBDocumentClient.from(dynamoDb), tableName),
    addressHashKey,
    ses: new SESv2Client({}),
    local: false,
    tableName,
  };
}

/** The MailFeedback table of `Essaim-<stage>` (CloudFormation names it `Essaim-<stage>-MailFeedback…`). */
async function lift(target: Target, address: string): Promise<void> {
  const key = keyedAddressHash(target.addressHashKey, address);
  const { lifted, transientBounces } = await target.store.lift(key);
  console.log(
    lifted
      ? `Suppression lifted in ${target.tableName} (it was: ${lifted.reason}, since ${lifted.at}); ${transientBounces} transient bounce(s) forgotten.`
      : `No suppression in ${target.tableName} for this address; ${transientBounces} transient bounce(s) forgotten.`,
  );
  try {
    await target.ses.send(new DeleteSuppressedDestinationCommand({ EmailAddress: normaliseEmail(address) }));
    console.log('Removed from the SES account-level suppression list.');
  } catch (error) {
    const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (name === 'NotFoundException')
      console.log('SES: the address was not on the account-level suppression list.');
    else if (target.local && ($metadata?.httpStatusCode === 404 || name === 'UnknownOperationException'))
      console.log(
        'SES skipped: the local SES emulator (aws-ses-v2-local) keeps no account-level suppression list (it has no DeleteSuppressedDestination); in AWS this step removes the address from it.',
      );
    else throw error;
  }
}

async function show(target: Target, address: string): Promise<void> {
  const key = keyedAddressHash(target.addressHashKey, address);
  const [suppression, facts] = await Promise.all([target.store.suppression(key), target.store.factsOf(key)]);
  const now = new Date();
  console.log(
    suppression && isActiveSuppression(suppression, now)
      ? `Suppressed: ${suppression.reason} since ${suppression.at}\n  source: ${JSON.stringify(suppression.source)}`
      : 'Not suppressed.',
  );
  console.log(`${facts.length} notification(s) from SES in the last 90 days:`);
  for (const fact of facts)
    console.log(
      `  ${fact.occurredAt}  ${fact.eventType}${fact.bounceType ? ` ${fact.bounceType}/${fact.bounceSubType}` : ''}${fact.complaintFeedbackType ? ` ${fact.complaintFeedbackType}` : ''}  (SES message ${fact.sesMessageId}${fact.configurationSet ? `, ${fact.configurationSet}` : ''})`,
    );
}

async function add(target: Target, address: string): Promise<void> {
  const key = keyedAddressHash(target.addressHashKey, address);
  const now = new Date();
  const written = await target.store.suppress(key, {
    reason: 'operator',
    at: now,
    source: { kind: 'operator' },
    expiresAt: expiresAfterDays(now, suppressionRetentionDays),
  });
  console.log(written ? 'Address suppressed (operator).' : 'The address was already suppressed.');
}

async function count(target: Target): Promise<void> {
  const counts = await target.store.countSuppressions(new Date());
  const total = Object.values(counts).reduce((sum, value) => sum + value, 0);
  console.log(`${total} suppressed address(es) in ${target.tableName}:`);
  for (const [reason, value] of Object.entries(counts)) console.log(`  ${reason.padEnd(18)} ${value}`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      local: { type: 'boolean', default: false },
      stage: { type: 'string', default: 'dev' },
      table: { type: 'string' },
      'address-hash-key-parameter': { type: 'string' },
    },
  });
  const [command, address] = positionals;
  const needsAddress = command === 'lift' || command === 'show' || command === 'add';
  if (
    !command ||
    !['lift', 'show', 'add', 'count'].includes(command) ||
    (needsAddress && !address?.includes('@'))
  )
    throw new CommandError(usage);
  if (values.stage !== 'dev' && values.stage !== 'prod') throw new CommandError('--stage is dev or prod.');
  const target = await targetOf({
    local: values.local,
    stage: values.stage,
    table: values.table,
    keyParameter: values['address-hash-key-parameter'],
  });
  if (command === 'lift') await lift(target, address as string);
  if (command === 'show') await show(target, address as string);
  if (command === 'add') await add(target, address as string);
  if (command === 'count') await count(target);
}

main().catch((error: unknown) => {
  if (error instanceof CommandError) console.error(error.message);
  else console.error(`suppressions: ${(error as Error).name}: ${(error as Error).message}`);
  process.exit(1);
});
