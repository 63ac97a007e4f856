import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import {
  type LocalStackProcess,
  portEnvironment,
  printStackTailAfterFailures,
  startLocalStackProcess,
} from '../support/localStackProcess.ts';

/**
 * Ports of the browser tests' stack: apart from `npm run dev`'s and the integration tests' (the
 * two projects run at once); `ESSAIM_TEST_PORT_OFFSET` moves them all, as it does theirs.
 */
const offset = Number(process.env.ESSAIM_TEST_PORT_OFFSET ?? 0);
const ports = {
  api: 3200 + offset,
  ses: 8205 + offset,
  dynamoDb: 8200 + offset,
  contentLake: 8210 + offset,
  contentLakeHttps: 8211 + offset,
  pages: 8220 + offset,
  studio: 3233 + offset,
};

declare module 'vitest' {
  export interface ProvidedContext {
    studioUrl: string;
    /** The hosted visitor pages (`PAGES_URL`), as the stack printed them. */
    pagesUrl: string;
    /** The stand-in's self-signed certificate (PEM file), which the browser is told to trust. */
    certificateFile: string;
  }
}

/** Its log's name: `.essaim/logs/<name>.log`. */
const stackName = `browser-stack${offset ? `-${offset}` : ''}`;
let stack: LocalStackProcess | undefined;
let anyFailed = () => false;

/** The address the stack printed on one of its "ready" lines (`  Studio         http://…`). */
const printed = (output: string, label: string): string | undefined =>
  output.match(new RegExp(`^\\s+${label}\\s+(https?://\\S+)`, 'm'))?.[1];

/**
 * Starts the local stack with its Studio (`npm run dev -- --in-memory --studio`, same code path),
 * once for the browser tests. The Studio's build is cached in `.essaim/tmp/studio-builds`: the
 * first run after a change of `studio/` builds it (a few seconds).
 */
export async function setup(project: TestProject): Promise<void> {
  anyFailed = () => project.vitest.state.getCountOfFailedTests() > 0;
  stack = await startLocalStackProcess({
    args: ['--in-memory', '--studio'],
    environment: {
      ...portEnvironment(ports),
      CONTENT_LAKE_HTTPS_PORT: String(ports.contentLakeHttps),
      STUDIO_PORT: String(ports.studio),
    },
    logName: stackName,
    readyText: 'Ctrl-C to stop',
    // A Studio build on a clean clone included, beside the integration process (test/runProjects.ts).
    timeoutMs: 300_000,
  });
  const output = stack.output();
  const apiUrl = printed(output, 'API');
  const sesUrl = printed(output, 'Mail inbox');
  const dynamoDbEndpoint = printed(output, 'DynamoDB Local');
  const contentLakeUrl = printed(output, 'Content');
  const studioUrl = printed(output, 'Studio');
  const pagesUrl = printed(output, 'Pages');
  const certificate = output.match(/certificate (\S+\.pem)/)?.[1];
  if (!apiUrl || !pagesUrl || !sesUrl || !dynamoDbEndpoint || !contentLakeUrl || !studioUrl || !certificate)
    throw new Error(
      `The local stack did not print every address (is a real Sanity project configured?):\n${output}`,
    );
  project.provide('apiUrl', apiUrl);
  project.provide('pagesUrl', pagesUrl);
  project.provide('sesUrl', sesUrl);
  project.provide('dynamoDbEndpoint', dynamoDbEndpoint);
  project.provide('contentLakeUrl', contentLakeUrl);
  project.provide('studioUrl', studioUrl);
  project.provide('certificateFile', resolve(certificate));
}

export async function teardown(): Promise<void> {
  await stack?.stop();
  printStackTailAfterFailures(stack, stackName, anyFailed());
}
