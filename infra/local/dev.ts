import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LocalStackError, startLocalStack } from './localStack.ts';

/**
 * `npm run dev`: the whole Essaim stack on this machine. `-- --in-memory` keeps nothing;
 * otherwise data lives in `.essaim/` (git-ignored). Ctrl-C stops everything.
 */
const { values } = parseArgs({ options: { 'in-memory': { type: 'boolean', default: false } } });

const fail = (message: string): never => {
  console.error(`essaim: ${message}`);
  process.exit(1);
};

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
try {
  const stack = await startLocalStack({
    apiPort: port('PORT', 3000),
    sesPort: port('SES_PORT', 8005),
    dynamoDbPort: port('DYNAMODB_PORT', 8000),
    contentLakePort: port('CONTENT_LAKE_PORT', 8010),
    dataDirectory: values['in-memory'] ? undefined : join(import.meta.dirname, '..', '..', '.essaim'),
  });
  console.log(`
Essaim local stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s${values['in-memory'] ? ' (in memory: nothing is kept)' : ' (data in .essaim/)'}
  API            ${stack.apiUrl}            (health: ${stack.apiUrl}/health, OpenAPI: ${stack.apiUrl}/openapi.json)
  Mail inbox     ${stack.sesUrl}            (sent mail as JSON: ${stack.sesUrl}/store)
  DynamoDB Local ${stack.dynamoDbEndpoint}
  Content        ${stack.contentLakeUrl ? `${stack.contentLakeUrl}            (local Content Lake stand-in, demo dataset)` : `Sanity project ${process.env.SANITY_PROJECT_ID}`}
Ctrl-C to stop.`);
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the Essaim local stack…');
    await stack.stop();
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
} catch (error) {
  if (error instanceof LocalStackError) fail(error.message);
  fail(`the local stack could not start: ${(error as Error).message}`);
}
