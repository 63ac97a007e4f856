import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import sesEmulator from 'aws-ses-v2-local';
import { scheduledWorkers, streamWorkers } from '../../functions/catalogue.ts';
import { startApiServer } from './apiServer.ts';
import { startContentLake } from './contentLake.ts';
import { startDynamoDbLocal } from './dynamoDbLocal.ts';
import { localFunctionEnvironment, localWebhookSecret } from './localEnvironment.ts';
import { startSchedules } from './schedules.ts';

const demoDatasetFile = join(import.meta.dirname, '..', '..', 'studio', 'demo', 'demo-dataset.ndjson');

/** A real Sanity project (id and token in the environment) replaces the local stand-in. */
export const usesRealContentLake = (): boolean =>
  Boolean(process.env.SANITY_PROJECT_ID && process.env.SANITY_READ_TOKEN);

import { StreamPoller } from './streamPoller.ts';

export interface LocalStackOptions {
  readonly apiPort: number;
  readonly sesPort: number;
  readonly dynamoDbPort: number;
  readonly contentLakePort: number;
  /** NDJSON dataset the local Content Lake starts from (the demo dataset by default). */
  readonly datasetFile?: string;
  /** Folder for DynamoDB data and dead letters; `undefined` keeps nothing. */
  readonly dataDirectory?: string;
}

export interface LocalStack {
  readonly apiUrl: string;
  /** Null when the stack reads a real Sanity project. */
  readonly contentLakeUrl: string | null;
  readonly sesUrl: string;
  readonly dynamoDbEndpoint: string;
  stop(): Promise<void>;
}

/** A one-line reason the stack cannot start (busy port, missing Java…), shown without a stack trace. */
export class LocalStackError extends Error {}

/**
 * Everything `npm run dev` runs, on 127.0.0.1: DynamoDB Local with the shared table
 * definitions, the SES emulator, the stream poller calling the workers, and the local API
 * Gateway calling the handlers of the route table.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  for (const [label, port] of [
    ['API (PORT)', options.apiPort],
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
  const tmpDirectory = options.dataDirectory ?? join(import.meta.dirname, '..', '..', '.essaim', 'tmp');
  mkdirSync(tmpDirectory, { recursive: true });
  if (options.dataDirectory) mkdirSync(join(options.dataDirectory, 'dynamodb'), { recursive: true });

  const stoppers: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const stopOne of stoppers.reverse()) await stopOne().catch(() => undefined);
  };
  try {
    const dynamoDb = await startDynamoDbLocal({
      port: options.dynamoDbPort,
      dataDirectory: options.dataDirectory ? join(options.dataDirectory, 'dynamodb') : undefined,
    });
    stoppers.push(async () => {
      dynamoDb.process.kill('SIGTERM');
    });

    const ses = await sesEmulator.default({ host: '127.0.0.1', port: options.sesPort });
    stoppers.push(() => closeServer(ses));
    const sesUrl = `http://127.0.0.1:${options.sesPort}`;
    const apiUrl = `http://127.0.0.1:${options.apiPort}`;

    let contentLakeUrl: string | null = null;
    if (!usesRealContentLake()) {
      const lake = await startContentLake({
        port: options.contentLakePort,
        datasetFile: options.datasetFile ?? demoDatasetFile,
        webhook: { url: `${apiUrl}/webhooks/sanity`, secret: localWebhookSecret },
      });
      stoppers.push(() => lake.stop());
      contentLakeUrl = lake.url;
    }

    // The functions read their configuration from the environment, as in Lambda.
    const environment = localFunctionEnvironment({
      dynamoDbEndpoint: dynamoDb.endpoint,
      sesEndpoint: sesUrl,
      apiUrl,
      ...(contentLakeUrl ? { contentLakeUrl } : {}),
    });
    for (const [name, value] of Object.entries(environment)) process.env[name] ??= value;

    const poller = new StreamPoller({
      endpoint: dynamoDb.endpoint,
      workers: streamWorkers,
      deadLetterFile: join(tmpDirectory, 'dead-letters.ndjson'),
    });
    await poller.start();
    stoppers.push(() => poller.stop());

    const schedules = await startSchedules(scheduledWorkers);
    stoppers.push(async () => schedules.stop());

    const api = await startApiServer({
      port: options.apiPort,
      corsOrigins: (process.env.CORS_ORIGINS ?? '').split(','),
      health: async () => {
        const checks = {
          dynamodb: dynamoDb.process.exitCode === null && (await isAnswering(`${dynamoDb.endpoint}`)),
          ses: await isAnswering(`${sesUrl}/health-check`),
          streams: true,
        };
        return { ok: Object.values(checks).every(Boolean), checks };
      },
    });
    stoppers.push(() => closeServer(api));
    return { apiUrl, contentLakeUrl, sesUrl, dynamoDbEndpoint: dynamoDb.endpoint, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => probe.close(() => resolve(true)))
      .listen(port, '127.0.0.1');
  });
}

async function isAnswering(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
