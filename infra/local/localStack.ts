import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sesEmulator from 'aws-ses-v2-local';
import { scheduledWorkers, streamWorkers, topicsPublishedBy } from '../../functions/catalogue.ts';
import { dynamoDbClient, sesBulkClient, sesClient } from '../../functions/shared/aws.ts';
import { guardFunctionClients, onAccessDenied, reportAccessDenial } from './accessGuard.ts';
import { startApiServer } from './apiServer.ts';
import { startContentLake } from './contentLake.ts';
import { startDynamoDbLocal } from './dynamoDbLocal.ts';
import { localContentLakeToken, localFunctionEnvironment, localWebhookSecret } from './localEnvironment.ts';
import { simulateMailbox } from './mailboxSimulator.ts';
import { startPagesServer } from './pagesServer.ts';
import { closeServer, isAnswering, isPortFree, stopProcess } from './processes.ts';
import { startSchedules } from './schedules.ts';
import { StackActivity, settleStack } from './stackActivity.ts';
import { StreamCheckpoints } from './streamCheckpoints.ts';
import { StreamPoller } from './streamPoller.ts';
import { wakeStreamWorkersOnWrites } from './streamWakeUps.ts';
import { type LocalStudio, startLocalStudio } from './studio.ts';
import { LocalTopics } from './topics.ts';

const demoDatasetFile = join(import.meta.dirname, '..', '..', 'studio', 'demo', 'demo-dataset.ndjson');

/** A real Sanity project (id and token in the environment) replaces the local stand-in. */
export const usesRealContentLake = (): boolean =>
  Boolean(process.env.SANITY_PROJECT_ID && process.env.SANITY_READ_TOKEN);

/** What the data directory holds, so that a restart carries on where the last run stopped. */
export const dataDirectoryLayout = {
  /** DynamoDB Local's database (tables and their streams). */
  dynamoDb: 'dynamodb',
  /** The stream poller's position, per worker and shard. */
  streamCheckpoints: 'stream-checkpoints.json',
  /** The Content Lake stand-in's documents, editors' changes included. */
  contentLake: 'content-lake.ndjson',
  /** Stream records and topic messages that exhausted their retries (SQS queues in AWS). */
  deadLetters: 'dead-letters.ndjson',
  /** The Studio built for the stand-in, reused until `studio/` or the packages change. */
  studioBuilds: 'studio-builds',
  /** The pages and components built from `web/` at start. */
  webBuild: 'web',
} as const;

export interface LocalStackOptions {
  readonly apiPort: number;
  /** Port of the hosted visitor pages and components (`web/`), as CloudFront serves them in AWS. */
  readonly pagesPort: number;
  readonly sesPort: number;
  readonly dynamoDbPort: number;
  readonly contentLakePort: number;
  /** NDJSON dataset the local Content Lake starts from (the demo dataset by default). */
  readonly datasetFile?: string;
  /** Folder that keeps everything between runs (see `dataDirectoryLayout`); `undefined` keeps nothing. */
  readonly dataDirectory?: string | undefined;
  /**
   * Port of the Sanity Studio on the local Content Lake stand-in; `undefined`: no Studio. Never
   * started when the stack reads a real Sanity project (`npm run studio` is that project's).
   */
  readonly studioPort?: number | undefined;
  /** Port of the stand-in's HTTPS (HTTP/2) endpoint the Studio talks to; needed with `studioPort`. */
  readonly contentLakeHttpsPort?: number | undefined;
  /** Stops a start under way (the Studio's build, mostly): the start then rejects. */
  readonly signal?: AbortSignal | undefined;
}

export interface LocalStack {
  readonly apiUrl: string;
  /** The hosted pages (`PAGES_URL`): every link a mail carries opens there. */
  readonly pagesUrl: string;
  /** Null when the stack reads a real Sanity project. */
  readonly contentLakeUrl: string | null;
  /** Null without a Studio (see `LocalStackOptions.studioPort`). */
  readonly studioUrl: string | null;
  /** False when the Studio's build of an earlier run was reused; null without a Studio. */
  readonly studioBuilt: boolean | null;
  /** The stand-in's HTTPS endpoint the Studio calls (its `apiHost`); null without a Studio. */
  readonly contentLakeStudioUrl: string | null;
  /** The endpoint's self-signed certificate (PEM), to trust once; null without a Studio. */
  readonly certificateFile: string | null;
  readonly sesUrl: string;
  readonly dynamoDbEndpoint: string;
  stop(): Promise<void>;
}

/** A one-line reason the stack cannot start (busy port, missing Java…), shown without a stack trace. */
export class LocalStackError extends Error {}

/**
 * Everything `npm run dev` runs, on 127.0.0.1: DynamoDB Local with the shared table
 * definitions, the SES emulator, the stream poller calling the workers, the local API
 * Gateway calling the handlers of the route table, and the Studio on the Content Lake stand-in.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const studioPorts =
    options.studioPort !== undefined && !usesRealContentLake()
      ? { studio: options.studioPort, https: options.contentLakeHttpsPort ?? options.contentLakePort + 1 }
      : undefined;
  for (const [label, port] of [
    ['API (PORT)', options.apiPort],
    ['Visitor pages (PAGES_PORT)', options.pagesPort],
    ...(studioPorts
      ? ([
          ['Studio (STUDIO_PORT)', studioPorts.studio],
          ['Content Lake stand-in for the Studio (CONTENT_LAKE_HTTPS_PORT)', studioPorts.https],
        ] as const)
      : []),
    ['SES emulator (SES_PORT)', options.sesPort],
    ['DynamoDB Local (DYNAMODB_PORT)', options.dynamoDbPort],
    ...(usesRealContentLake()
      ? []
      : ([['Content Lake stand-in (CONTENT_LAKE_PORT)', options.contentLakePort]] as const)),
  ] as const) {
    if (!(await isPortFree(port))) {
      throw new LocalStackError(
        `Port ${port} (${label}) is already in use: stop the program using it, or choose another port with that variable.`,
      );
    }
  }
  const { dataDirectory } = options;
  const inData = (name: keyof typeof dataDirectoryLayout) =>
    dataDirectory ? join(dataDirectory, dataDirectoryLayout[name]) : undefined;
  // Dead letters are worth reading even when nothing else is kept.
  const deadLetterDirectory = dataDirectory ?? join(import.meta.dirname, '..', '..', '.essaim', 'tmp');
  mkdirSync(deadLetterDirectory, { recursive: true });
  const dynamoDbDirectory = inData('dynamoDb');
  if (dynamoDbDirectory) mkdirSync(dynamoDbDirectory, { recursive: true });

  const stoppers: (() => Promise<void>)[] = [];
  const activity = new StackActivity();
  const stop = async () => {
    for (const stopOne of stoppers.reverse()) await stopOne().catch(() => undefined);
  };
  try {
    const dynamoDb = await startDynamoDbLocal({
      port: options.dynamoDbPort,
      dataDirectory: dynamoDbDirectory,
    });
    // Waited for: a restart on the same port and data must not meet the old process.
    stoppers.push(() => stopProcess(dynamoDb.process));

    const ses = await sesEmulator.default({ host: '127.0.0.1', port: options.sesPort });
    stoppers.push(() => closeServer(ses));
    const sesUrl = `http://127.0.0.1:${options.sesPort}`;
    const apiUrl = `http://127.0.0.1:${options.apiPort}`;
    const pagesUrl = `http://localhost:${options.pagesPort}`;

    let contentLakeUrl: string | null = null;
    let contentLakeStudioUrl: string | null = null;
    let certificateFile: string | null = null;
    if (!usesRealContentLake()) {
      const lake = await startContentLake({
        port: options.contentLakePort,
        datasetFile: options.datasetFile ?? demoDatasetFile,
        persistFile: inData('contentLake'),
        webhook: { url: `${apiUrl}/webhooks/sanity`, secret: localWebhookSecret },
        activity,
        // The workers' robot token; the reading functions, like visitors, have none.
        robotToken: localContentLakeToken,
        // The Studio's endpoint: HTTPS and HTTP/2, its certificate kept beside the documents.
        ...(studioPorts ? { studio: { port: studioPorts.https } } : {}),
      });
      stoppers.push(() => lake.stop());
      contentLakeUrl = lake.url;
      contentLakeStudioUrl = lake.studioUrl;
      certificateFile = lake.certificate?.certificateFile ?? null;
    }

    // The Studio's build (when not cached) runs while the rest of the stack starts.
    let studioStarting: Promise<LocalStudio> | undefined;
    if (studioPorts && contentLakeStudioUrl) {
      const abortBuild = new AbortController();
      studioStarting = startLocalStudio({
        port: studioPorts.studio,
        contentLakeUrl: contentLakeStudioUrl,
        certificateFile: certificateFile ?? undefined,
        cacheDirectory: join(dataDirectory ?? deadLetterDirectory, dataDirectoryLayout.studioBuilds),
        signal: options.signal ? AbortSignal.any([options.signal, abortBuild.signal]) : abortBuild.signal,
      });
      studioStarting.catch(() => undefined);
      const starting = studioStarting;
      stoppers.push(async () => (await starting.catch(() => undefined))?.stop());
      // Runs before the line above when stopping (stoppers run in reverse): a build under way ends.
      stoppers.push(async () => abortBuild.abort());
    }

    // The functions read their configuration from the environment, as in Lambda.
    const environment = localFunctionEnvironment({
      dynamoDbEndpoint: dynamoDb.endpoint,
      sesEndpoint: sesUrl,
      apiUrl,
      pagesUrl,
      ...(contentLakeUrl ? { contentLakeUrl } : {}),
    });
    for (const [name, value] of Object.entries(environment)) process.env[name] ??= value;
    // From here on, the functions' AWS calls are checked against their manifests, as IAM would.
    guardFunctionClients();
    const stopReporting = onAccessDenied(reportAccessDenial);
    stoppers.push(async () => stopReporting());

    const poller = new StreamPoller({
      endpoint: dynamoDb.endpoint,
      workers: streamWorkers,
      checkpoints: new StreamCheckpoints(inData('streamCheckpoints')),
      deadLetterFile: join(deadLetterDirectory, dataDirectoryLayout.deadLetters),
    });
    await poller.start();
    stoppers.push(() => poller.stop());
    const stopWakeUps = wakeStreamWorkersOnWrites(dynamoDbClient(), (table) => poller.nudge(table));
    stoppers.push(async () => stopWakeUps());
    // Records written while the stack was stopped are handled before it says it is ready.
    await poller.waitUntilCaughtUp(15_000);

    // The local SNS, and SES's events of the mailbox simulator's addresses published to it.
    const topics = await LocalTopics.start({
      deadLetterFile: join(deadLetterDirectory, dataDirectoryLayout.deadLetters),
      activity,
    });
    stoppers.push(() => topics.stop());
    for (const topic of topicsPublishedBy('sesEvents'))
      for (const client of [sesClient(), sesBulkClient()]) {
        const stopSimulator = simulateMailbox(client, {
          defaultConfigurationSet: process.env.SES_CONFIGURATION_SET || 'default',
          publish: (event) => topics.publish(topic, JSON.stringify(event)),
          activity,
        });
        stoppers.push(async () => stopSimulator());
      }

    const schedules = await startSchedules(scheduledWorkers);
    stoppers.push(async () => schedules.stop());

    const api = await startApiServer({
      port: options.apiPort,
      corsOrigins: (process.env.CORS_ORIGINS ?? '').split(','),
      health: async () => {
        const checks = {
          dynamodb: dynamoDb.process.exitCode === null && (await isAnswering(`${dynamoDb.endpoint}`)),
          ses: await isAnswering(`${sesUrl}/health-check`),
          streams: poller.caughtUp,
        };
        return { ok: Object.values(checks).every(Boolean), checks };
      },
      streams: () => ({ caughtUp: poller.caughtUp, recordsDelivered: poller.delivered }),
      settled: (deadline) => settleStack(activity, poller, deadline),
      activity,
    });
    stoppers.push(() => closeServer(api));

    const pages = await startPagesServer({
      port: options.pagesPort,
      apiUrl,
      // A stack without a data directory builds beside the others' (the test processes start
      // theirs at once): a directory of its own per API port, never removed under another.
      buildDirectory: dataDirectory
        ? join(dataDirectory, dataDirectoryLayout.webBuild)
        : join(deadLetterDirectory, `${dataDirectoryLayout.webBuild}-${options.apiPort}`),
      siteName: process.env.SITE_NAME ?? 'Essaim (local)',
      eventUrlPattern: process.env.EVENT_URL_PATTERN || null,
    });
    stoppers.push(() => pages.stop());

    const studio = await studioStarting?.catch((error: unknown) => {
      if (options.signal?.aborted) throw new LocalStackError('Stopped while starting.');
      throw new LocalStackError(
        `The Studio could not be built or served (${(error as Error).message}). Start the rest without it: npm run dev -- --no-studio`,
      );
    });
    options.signal?.throwIfAborted();
    return {
      apiUrl,
      pagesUrl: pages.url,
      contentLakeUrl,
      studioUrl: studio?.url ?? null,
      studioBuilt: studio?.built ?? null,
      contentLakeStudioUrl: studio ? contentLakeStudioUrl : null,
      certificateFile: studio ? certificateFile : null,
      sesUrl,
      dynamoDbEndpoint: dynamoDb.endpoint,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
