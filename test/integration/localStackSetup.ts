import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * Ports of the test stack: apart from `npm run dev`'s, so both can run at once;
 * `ESSAIM_TEST_PORT_OFFSET` moves them all, so that two test runs can too.
 */
const offset = Number(process.env.ESSAIM_TEST_PORT_OFFSET ?? 0);
const ports = { api: 3100 + offset, ses: 8105 + offset, dynamoDb: 8100 + offset, contentLake: 8110 + offset };

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    sesUrl: string;
    dynamoDbEndpoint: string;
    contentLakeUrl: string;
  }
}

let stack: ChildProcess | undefined;

/**
 * Starts the real local stack (`npm run dev -- --in-memory`, same code path) once for the
 * integration tests, and waits for its health check.
 */
export async function setup(project: TestProject): Promise<void> {
  let output = '';
  stack = spawn(
    process.execPath,
    // Same resolution as the Lambda bundles (see infra/bundling.ts).
    ['--conditions=worker', join(import.meta.dirname, '..', '..', 'infra', 'local', 'dev.ts'), '--in-memory'],
    {
      env: {
        ...process.env,
        PORT: String(ports.api),
        SES_PORT: String(ports.ses),
        DYNAMODB_PORT: String(ports.dynamoDb),
        CONTENT_LAKE_PORT: String(ports.contentLake),
        // The tests own their clock: the demo campaign's registrations are open at this date.
        ESSAIM_NOW: '2027-10-20T08:00:00.000Z',
        POWERTOOLS_LOG_LEVEL: 'WARN',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  stack.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  stack.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (process.env.ESSAIM_TEST_STACK_LOGS) process.stderr.write(chunk);
  });
  const apiUrl = `http://127.0.0.1:${ports.api}`;
  const deadline = Date.now() + 60_000;
  // Ready means this child said so: a stack left running by someone else on the same ports
  // must not pass for ours (ours then exits with a one-line "port in use").
  for (;;) {
    if (stack.exitCode !== null) throw new Error(`The local stack stopped:\n${output}`);
    if (output.includes('Essaim local stack ready')) break;
    if (Date.now() > deadline) throw new Error(`The local stack did not become ready:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const health = await fetch(`${apiUrl}/health`);
  if (!health.ok) throw new Error(`The local stack is not healthy: ${await health.text()}`);
  project.provide('apiUrl', apiUrl);
  project.provide('sesUrl', `http://127.0.0.1:${ports.ses}`);
  project.provide('dynamoDbEndpoint', `http://127.0.0.1:${ports.dynamoDb}`);
  project.provide('contentLakeUrl', `http://127.0.0.1:${ports.contentLake}`);
}

export async function teardown(): Promise<void> {
  if (!stack || stack.exitCode !== null) return;
  const exited = new Promise((resolve) => stack?.once('exit', resolve));
  stack.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  if (stack.exitCode === null) stack.kill('SIGKILL');
}
