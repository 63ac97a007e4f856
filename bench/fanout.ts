import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SESv2Client, SendBulkEmailCommand } from '@aws-sdk/client-sesv2';
import { BatchWriteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { newsletters } from '../functions/newsletters/manifest.ts';
import { callsPerChunk, recipientsPerCall } from '../functions/newsletters/newsletterSend.ts';
import { NewsletterSendStore } from '../functions/newsletters/newsletterSendStore.ts';
import { dynamoDbClient } from '../functions/shared/aws.ts';
import { secretDeclarations } from '../functions/shared/settings.ts';
import { keyedAddressHash } from '../functions/shared/tokens/keyedAddressHash.ts';
import { localInvocations } from '../infra/local/lambdaContext.ts';
import { localCredentials, localRegion, localTableName } from '../infra/local/localEnvironment.ts';
import { benchLakeClient, startBenchStack } from './benchStack.ts';

const subscribers = Number(process.env.BENCH_FANOUT ?? 10_000);
const chunkWorkerBatchSize =
  newsletters.streamWorkers.find((worker) => worker.name === 'sendNewsletterChunk')?.batchSize ?? 1;
/** Calls at once in the baseline: the stack's on one stream shard (its batch of chunks, each chunk's calls). */
const concurrency = chunkWorkerBatchSize * callsPerChunk;
const chunk = recipientsPerCall;
const sesPricePerThousand = 0.1;
/** Lambda arm64 at 1,024 MB in eu-west-3 (per GB-second and per request), DynamoDB on demand. */
const lambdaPerGbSecond = 0.0000133334;
const lambdaPerRequest = 0.2 / 1_000_000;
const dynamoDbPerWrite = 1.25 / 1_000_000;

/** Write units of one DynamoDB call, as the functions make them (the bench's own setup is not counted). */
function writesOf(command: string, input: Record<string, unknown>): number {
  if (command === 'TransactWriteItemsCommand') return ((input.TransactItems as unknown[]) ?? []).length;
  if (command === 'BatchWriteItemCommand')
    return Object.values((input.RequestItems as Record<string, unknown[]>) ?? {}).reduce(
      (n, items) => n + items.length,
      0,
    );
  return ['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand'].includes(command) ? 1 : 0;
}

/**
 * A newsletter to `BENCH_FANOUT` subscribers through the local stack (the Studio's send request,
 * the webhook, planning, chunks, SendBulkEmail on the SES emulator, settlement), against a raw
 * loop of the same SendBulkEmail calls (50 recipients, the same rendered content) at the same
 * concurrency on the same emulator, in the same run. The account's pace is lifted (`SES_SEND_RATE`)
 * so both measure the machinery, not the allowance.
 */
export async function fanoutBenchmark(port: number): Promise<void> {
  process.env.SES_SEND_RATE = '1000000';
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  const { stack, documents } = await startBenchStack(port);
  try {
    const run = randomUUID().slice(0, 8);
    const list = `banc-${run}`;
    const newsletterId = `newsletter-banc-${run}`;
    const lake = benchLakeClient(stack);
    await lake
      .transaction()
      .createOrReplace({
        _id: `subscriptionList-${list}`,
        _type: 'subscriptionList',
        title: 'Banc d’essai',
        slug: { _type: 'slug', current: list },
        public: false,
      })
      .createOrReplace({
        _id: newsletterId,
        _type: 'newsletter',
        subject: `Banc ${run}`,
        preheader: 'Mesure',
        slug: { _type: 'slug', current: `banc-${run}` },
        introduction: [
          {
            _type: 'block',
            _key: 'b',
            style: 'normal',
            markDefs: [],
            children: [{ _type: 'span', _key: 's', text: 'Texte de la lettre.', marks: [] }],
          },
        ],
        sections: [],
        audience: { lists: [{ _type: 'reference', _ref: `subscriptionList-${list}`, _key: 'l' }] },
      })
      .commit();
    // The audience, written straight into the table (25 at a time, 4 batches at once), confirmed.
    const now = new Date().toISOString();
    const batches = Array.from({ length: Math.ceil(subscribers / 25) }, (_, batch) => batch * 25);
    const loadStarted = performance.now();
    let nextBatch = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let start = batches[nextBatch++]; start !== undefined; start = batches[nextBatch++]) {
          const items = Array.from({ length: Math.min(25, subscribers - start) }, (_, offset) => {
            const email = `banc${start + offset}.${run}@exemple.fr`;
            const addressKey = keyedAddressHash(secretDeclarations.ADDRESS_HASH_KEY.local, email);
            return {
              PutRequest: {
                Item: {
                  pk: `SUB#${addressKey}`,
                  sk: 'PROFILE',
                  id: randomUUID(),
                  addressKey,
                  email,
                  status: 'confirmed',
                  lists: [list],
                  regions: [],
                  themes: [],
                  digest: 'none',
                  consent: { textVersion: 'banc', givenAt: now, source: 'banc', confirmedAt: now },
                  createdAt: now,
                  confirmedAt: now,
                },
              },
            };
          });
          await documents.send(
            new BatchWriteCommand({ RequestItems: { [localTableName('subscribers')]: items } }),
          );
        }
      }),
    );
    // The stack's workers (subscriber counts) handle those inserts; neither run is timed until
    // they are done, so that both measure sending alone.
    let delivered = -1;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const { recordsDelivered } = (await (await fetch(`${stack.apiUrl}/health/streams`)).json()) as {
        recordsDelivered: number;
      };
      if (recordsDelivered === delivered) break;
      delivered = recordsDelivered;
    }
    console.log(
      `${subscribers} subscribers loaded and counted in ${((performance.now() - loadStarted) / 1000).toFixed(0)} s`,
    );
    // Counted from here: every write the functions make (the stack's shared client).
    let writes = 0;
    /** Where the functions' DynamoDB time goes: calls and their mean time (queueing included). */
    const callsByCommand: Record<string, { calls: number; milliseconds: number }> = {};
    dynamoDbClient().middlewareStack.add(
      (next, context) => async (args) => {
        const command = context.commandName ?? '?';
        writes += writesOf(command, args.input as Record<string, unknown>);
        const callStarted = performance.now();
        try {
          return await next(args);
        } finally {
          const calls = callsByCommand[command] ?? { calls: 0, milliseconds: 0 };
          calls.calls += 1;
          calls.milliseconds += performance.now() - callStarted;
          callsByCommand[command] = calls;
        }
      },
      { step: 'initialize', name: 'benchWriteCounter' },
    );
    const invocationsBefore = new Map(localInvocations);

    // The baseline: the same calls, by hand.
    const ses = new SESv2Client({
      endpoint: `http://127.0.0.1:${port + 1}`,
      region: localRegion,
      credentials: localCredentials,
      maxAttempts: 1,
    });
    const calls = Math.ceil(subscribers / chunk);
    let nextCall = 0;
    const rawStarted = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let call = nextCall++; call < calls; call = nextCall++)
          await ses.send(
            new SendBulkEmailCommand({
              FromEmailAddress: 'Banc <noreply@essaim.localhost>',
              DefaultContent: {
                Template: {
                  TemplateContent: {
                    Subject: 'Banc',
                    Html: '<p>{{greeting}} <a href="{{unsubscribeUrl}}">x</a></p>',
                    Text: '{{greeting}}',
                  },
                  TemplateData: '{}',
                },
              },
              BulkEmailEntries: Array.from(
                { length: Math.min(chunk, subscribers - call * chunk) },
                (_, n) => ({
                  Destination: { ToAddresses: [`brut${call * chunk + n}.${run}@exemple.fr`] },
                  ReplacementEmailContent: {
                    ReplacementTemplate: {
                      ReplacementTemplateData: JSON.stringify({
                        greeting: 'Bonjour,',
                        unsubscribeUrl: 'https://x.invalid/',
                      }),
                    },
                  },
                  ReplacementHeaders: [{ Name: 'List-Unsubscribe', Value: '<https://x.invalid/>' }],
                }),
              ),
            }),
          );
      }),
    );
    const rawSeconds = (performance.now() - rawStarted) / 1000;

    // A bound on the ratio here: the audience read alone, raw, as the planner reads it (consistent
    // Scan pages of 1,000 items, the same filter). The issue asks for the audience frozen page by
    // page, so no send can take less than this on this DynamoDB Local.
    const audienceStarted = performance.now();
    let audienceRead = 0;
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await documents.send(
        new ScanCommand({
          TableName: localTableName('subscribers'),
          Limit: 1000,
          ConsistentRead: true,
          FilterExpression: 'sk = :profile AND #status = :confirmed',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':profile': 'PROFILE', ':confirmed': 'confirmed' },
          ...(cursor ? { ExclusiveStartKey: cursor } : {}),
        }),
      );
      audienceRead += page.Items?.length ?? 0;
      cursor = page.LastEvaluatedKey;
    } while (cursor);
    const audienceSeconds = (performance.now() - audienceStarted) / 1000;

    // Through the stack: the request an editor's action publishes, until the send is finished.
    const started = performance.now();
    await lake.create({
      _id: `newsletterSendRequest-${randomUUID()}`,
      _type: 'newsletterSendRequest',
      newsletter: { _type: 'reference', _ref: newsletterId, _weak: true },
      action: 'send',
      requestedBy: 'banc',
      requestedAt: new Date().toISOString(),
    });
    // The send's state with its counters summed from their shards, as the functions read it.
    const sends = new NewsletterSendStore(documents, localTableName('newsletterSends'));
    let state: Record<string, unknown> | undefined;
    // When each phase was first seen (polled every 100 ms): where the stack's time goes.
    const phases: Record<string, number> = {};
    const seen = (phase: string) => {
      phases[phase] ??= (performance.now() - started) / 1000;
    };
    for (;;) {
      state = (await sends.state(newsletterId)) as Record<string, unknown> | undefined;
      if (state) seen('send recorded (webhook, request accepted)');
      if (state && state.state !== 'planning') seen('audience frozen (planned)');
      if (Number(state?.sent ?? 0) > 0) seen('first recipient settled');
      if (state?.state === 'finished') break;
      if (performance.now() - started > 20 * 60_000)
        throw new Error(`The send did not finish: ${JSON.stringify(state)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const stackSeconds = (performance.now() - started) / 1000;
    const invocations = [...localInvocations].reduce(
      (sum, [name, count]) => sum + count - (invocationsBefore.get(name) ?? 0),
      0,
    );
    const sent = Number(state.sent);
    // A fast send that lost or doubled recipients would measure nothing worth printing.
    if (sent !== subscribers || Number(state.failed) + Number(state.uncertain) > 0)
      throw new Error(`The send did not reach every subscriber once: ${JSON.stringify(state)}`);
    const perRecipient = { writes: writes / sent, invocations: invocations / sent };
    // Per 1,000 mails: SES, Lambda (1 GB, the measured time per invocation at most 1 s each), DynamoDB writes.
    const lambdaSeconds = Math.min(1, stackSeconds / Math.max(1, invocations));
    const cost =
      sesPricePerThousand +
      1000 * perRecipient.invocations * (lambdaPerRequest + lambdaSeconds * lambdaPerGbSecond) +
      1000 * perRecipient.writes * dynamoDbPerWrite;
    console.log(
      `\nNewsletter fan-out: ${subscribers} subscribers, against raw SendBulkEmail calls (${chunk} a call, ${concurrency} at a time) on the same SES emulator`,
    );
    console.table({
      'SendBulkEmail loop (baseline)': {
        'mails per second': (subscribers / rawSeconds).toFixed(0),
        ratio: '1.00',
      },
      'Studio request → finished': {
        'mails per second': (sent / stackSeconds).toFixed(0),
        ratio: (sent / stackSeconds / (subscribers / rawSeconds)).toFixed(2),
      },
      // As if the calls took no time once the audience is read: the most any send could reach here.
      'bound: the audience read raw, alone': {
        'mails per second': (audienceRead / audienceSeconds).toFixed(0),
        ratio: (audienceRead / audienceSeconds / (subscribers / rawSeconds)).toFixed(2),
      },
    });
    console.log('Through the stack, seconds after the request:', {
      ...Object.fromEntries(Object.entries(phases).map(([phase, at]) => [phase, at.toFixed(1)])),
      finished: stackSeconds.toFixed(1),
    });
    console.table({
      'per recipient': {
        'DynamoDB writes': perRecipient.writes.toFixed(3),
        'Lambda invocations': perRecipient.invocations.toFixed(4),
        'cost per 1,000 mails ($)': cost.toFixed(4),
      },
    });
    console.table(
      Object.fromEntries(
        Object.entries(callsByCommand).map(([command, { calls, milliseconds }]) => [
          command.replace(/Command$/, ''),
          { calls, 'per recipient': (calls / sent).toFixed(3), 'mean ms': (milliseconds / calls).toFixed(0) },
        ]),
      ),
    );
    writeFileSync(
      join(import.meta.dirname, 'results', 'fanout.json'),
      JSON.stringify(
        {
          at: new Date().toISOString(),
          subscribers,
          sent,
          rawSeconds,
          stackSeconds,
          audienceSeconds,
          writes,
          invocations,
          perRecipient,
          costPerThousand: cost,
          callsByCommand,
        },
        null,
        2,
      ),
    );
  } finally {
    await stack.stop();
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '3600' } } });
  await fanoutBenchmark(Number(values.port));
}
