import { spawnSync } from 'node:child_process';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LocalStackError, startLocalStack } from './localStack.ts';

/**
 * `npm run dev`: the whole Essaim stack on this machine. Data (DynamoDB, the stream poller's
 * checkpoints, the Content Lake stand-in's documents, dead letters, the Studio's build) lives in
 * `.essaim/` (git-ignored) or in `-- --data-dir <path>`, so a restart carries on where the last
 * run stopped; `-- --in-memory` keeps nothing. The Studio starts too, except with `--no-studio`,
 * or with `--in-memory` unless `--studio` is given (the integration tests' stack has no Studio).
 * Ctrl-C stops everything.
 */
const fail = (message: string): never => {
  console.error(`essaim: ${message}`);
  process.exit(1);
};

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        'in-memory': { type: 'boolean', default: false },
        'data-dir': { type: 'string' },
        studio: { type: 'boolean' },
      },
      allowNegative: true,
    });
  } catch (error) {
    return fail(
      `${(error as Error).message} (options: --data-dir <path>, --in-memory, --studio, --no-studio)`,
    );
  }
})();
if (values['in-memory'] && values['data-dir'] !== undefined)
  fail('--in-memory keeps nothing and --data-dir says where to keep data: choose one.');
const dataDirectory = values['in-memory']
  ? undefined
  : resolve(values['data-dir'] ?? join(import.meta.dirname, '..', '..', '.essaim'));
const shownDataDirectory = dataDirectory && (relative(process.cwd(), dataDirectory) || '.');
const withStudio = values.studio ?? !values['in-memory'];

function checkJava(): void {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error)
    fail(
      'Java 17+ is needed for DynamoDB Local, and `java` was not found. Install it (apt-get install openjdk-17-jre-headless).',
    );
  const major = Number((java.stderr.match(/version "(\d+)/) ?? [])[1]);
  if (!(major >= 17))
    fail(`Java 17+ is needed for DynamoDB Local; this machine has Java ${major || 'of an unknown version'}.`);
}

const port = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65535)
    fail(`${name} must be a port number, not "${process.env[name]}".`);
  return value;
};

checkJava();
const started = Date.now();
// Ctrl-C, SIGTERM or a parent gone while the stack starts: the start stops (the Studio's build
// too), then everything started is stopped as below.
const startup = new AbortController();
let stopRequested = false;
let stopStack: (() => Promise<void>) | undefined;
const shutdown = async () => {
  if (stopRequested) return;
  stopRequested = true;
  startup.abort();
  console.log('\nStopping the Essaim local stack…');
  if (!stopStack) return; // still starting: the start stops, then exits below
  await stopStack();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
// npm does not pass SIGTERM on to us (`timeout npm run dev`, an IDE's stop button): when the
// process that started us is gone, stop too rather than keep the ports and DynamoDB Local.
const parent = process.ppid;
setInterval(() => {
  try {
    process.kill(parent, 0);
  } catch (error) {
    // EPERM: it exists but is not ours to signal (init, another user): still there.
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') void shutdown();
  }
}, 1000).unref();

try {
  const stack = await startLocalStack({
    apiPort: port('PORT', 3000),
    pagesPort: port('PAGES_PORT', 8080),
    sesPort: port('SES_PORT', 8005),
    dynamoDbPort: port('DYNAMODB_PORT', 8000),
    contentLakePort: port('CONTENT_LAKE_PORT', 8010),
    studioPort: withStudio ? port('STUDIO_PORT', 3333) : undefined,
    contentLakeHttpsPort: port('CONTENT_LAKE_HTTPS_PORT', 8011),
    dataDirectory,
    signal: startup.signal,
  });
  stopStack = stack.stop;
  if (stopRequested) {
    await stack.stop();
    process.exit(0);
  }
  const studioLine = stack.studioUrl
    ? `${stack.studioUrl}            (Sanity Studio on the local content, as an administrator${stack.studioBuilt ? '; built for this version of studio/' : ''})
                 its API ${stack.contentLakeStudioUrl}, certificate ${relative(process.cwd(), stack.certificateFile ?? '') || stack.certificateFile} (trust it once: README, "The local Studio")`
    : stack.contentLakeUrl
      ? 'not started (--studio starts it)'
      : 'npm run studio (on the Sanity project above)';
  console.log(`
Essaim local stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s${shownDataDirectory ? ` (data in ${shownDataDirectory})` : ' (in memory: nothing is kept)'}
  Pages          ${stack.pagesUrl}            (programme, event, contact, manage a registration; demo: ${stack.pagesUrl}/demo.html)
  API            ${stack.apiUrl}            (health: ${stack.apiUrl}/health, OpenAPI: ${stack.apiUrl}/openapi.json)
  Mail inbox     ${stack.sesUrl}            (sent mail as JSON: ${stack.sesUrl}/store)
  DynamoDB Local ${stack.dynamoDbEndpoint}
  Content        ${stack.contentLakeUrl ? `${stack.contentLakeUrl}            (local Content Lake stand-in)` : `Sanity project ${process.env.SANITY_PROJECT_ID}`}
  Studio         ${studioLine}
Ctrl-C to stop.`);
} catch (error) {
  if (stopRequested) process.exit(0);
  if (error instanceof LocalStackError) fail(error.message);
  fail(`the local stack could not start: ${(error as Error).message}`);
}
