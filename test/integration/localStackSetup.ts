import type { TestProject } from 'vitest/node';
import {
  type LocalStackProcess,
  portEnvironment,
  printStackTailAfterFailures,
  startLocalStackProcess,
} from '../support/localStackProcess.ts';

/**
 * Ports of the test stack: apart from `npm run dev`'s, so both can run at once;
 * `ESSAIM_TEST_PORT_OFFSET` moves them all, so that two test runs can too.
 */
const offset = Number(process.env.ESSAIM_TEST_PORT_OFFSET ?? 0);
const ports = {
  api: 3100 + offset,
  ses: 8105 + offset,
  dynamoDb: 8100 + offset,
  contentLake: 8110 + offset,
  pages: 8130 + offset,
};

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    pagesUrl: string;
    sesUrl: string;
    dynamoDbEndpoint: string;
    contentLakeUrl: string;
  }
}

/**
 * All of this run's requests come from one client, 127.0.0.1: to the rate limits, one busy
 * office. The crowd tests (120 registrations at once to one event) would meet its per-client
 * limits, so they are raised here; the mailbox allowance keeps its real value. The limits
 * themselves are tested at their real values in `abuse.test.ts`, on handlers run in-process
 * with the clients they name.
 */
const oneClientForEveryTest = {
  RATE_LIMIT_CONTACT: '100000/1h',
  RATE_LIMIT_REGISTRATIONS: '100000/1h',
  RATE_LIMIT_REGISTRATION_LINKS: '100000/1h',
  RATE_LIMIT_ATTENDEE_LISTS: '100000/1h',
  RATE_LIMIT_SUBSCRIPTIONS: '100000/1h',
};

/**
 * Tests send newsletters to a hundred or so: a send watches its rates from its 30th outcome
 * (100 by default), and the account sends 25 mails a second (20 for bulk mail: chunks of 20).
 */
const smallSends = { NEWSLETTER_PAUSE_MINIMUM: '30', SES_SEND_RATE: '25' };

/** Its log's name: `.essaim/logs/<name>.log`. */
const stackName = `integration-stack${offset ? `-${offset}` : ''}`;
let stack: LocalStackProcess | undefined;
let anyFailed = () => false;

/**
 * Starts the real local stack (`npm run dev -- --in-memory`, same code path) once for the
 * integration tests, and waits for its health check.
 */
export async function setup(project: TestProject): Promise<void> {
  anyFailed = () => project.vitest.state.getCountOfFailedTests() > 0;
  stack = await startLocalStackProcess({
    args: ['--in-memory'],
    environment: { ...portEnvironment(ports), ...oneClientForEveryTest, ...smallSends },
    logName: stackName,
    readyText: 'Essaim local stack ready',
    timeoutMs: 60_000,
  });
  const apiUrl = `http://127.0.0.1:${ports.api}`;
  const health = await fetch(`${apiUrl}/health`);
  if (!health.ok) throw new Error(`The local stack is not healthy: ${await health.text()}`);
  project.provide('apiUrl', apiUrl);
  project.provide('pagesUrl', `http://localhost:${ports.pages}`);
  project.provide('sesUrl', `http://127.0.0.1:${ports.ses}`);
  project.provide('dynamoDbEndpoint', `http://127.0.0.1:${ports.dynamoDb}`);
  project.provide('contentLakeUrl', `http://127.0.0.1:${ports.contentLake}`);
}

export async function teardown(): Promise<void> {
  await stack?.stop();
  printStackTailAfterFailures(stack, stackName, anyFailed());
}
