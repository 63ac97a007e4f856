import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalStack } from '../infra/local/localStack.ts';
import {
  defaultDemoOptions,
  demoDatasetPath,
  generateDemoDataset,
  toNdjson,
} from '../studio/demo/generateDemoDataset.ts';
import { coldStartBenchmark } from './coldStart.ts';
import { functionBundlesBenchmark } from './functionBundles.ts';
import { webBundleBenchmark } from './webBundle.ts';

/**
 * `npm run bench [-- --only webBundle|bundles|coldStart|registrations|programme|fanout|print|load|meetings]`: every
 * benchmark, against in-memory local stacks on their own ports. Numbers are printed as ratios
 * to a raw baseline measured in the same run; tests never time anything.
 * `--port-offset N` moves every stack's ports (3200–3500 and 8200–8220 by default, which the
 * browser tests' stack also uses); `--runs N` sets the imports per bundle of `bundles` (20).
 */
const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    'port-offset': { type: 'string', default: '0' },
    runs: { type: 'string', default: '20' },
  },
});
const wanted = (name: string) => !values.only || values.only === name;
const portOffset = Number(values['port-offset']);
const importRuns = Number(values.runs);
if (!Number.isInteger(portOffset) || portOffset < 0 || portOffset > 20000)
  throw new Error('--port-offset takes a whole number from 0 to 20000');
if (!Number.isInteger(importRuns) || importRuns < 1) throw new Error('--runs takes a whole number above 0');
const resultsDirectory = join(import.meta.dirname, 'results');
mkdirSync(resultsDirectory, { recursive: true });
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
// A local stack configures this process's environment for the functions it runs in-process:
// the benchmarks run in child processes get the environment as it was, and their own stacks.
const environmentBeforeStacks = { ...process.env };

if (wanted('webBundle')) {
  const figures = webBundleBenchmark();
  writeFileSync(join(resultsDirectory, 'webBundle.json'), `${JSON.stringify(figures, null, 2)}\n`);
}

if (wanted('bundles')) await functionBundlesBenchmark(importRuns);

if (wanted('coldStart')) {
  const stack = await startLocalStack({
    apiPort: 3200 + portOffset,
    pagesPort: 8220 + portOffset,
    sesPort: 8205 + portOffset,
    dynamoDbPort: 8200 + portOffset,
    contentLakePort: 8210 + portOffset,
  });
  try {
    await coldStartBenchmark(stack);
  } finally {
    await stack.stop();
  }
}

/** One scale per process: functions read their configuration once, as in Lambda. */
function runProgramme(scale: 1 | 10, dataset: string, port: number): void {
  const child = spawnSync(
    process.execPath,
    [
      '--conditions=worker',
      join(import.meta.dirname, 'programme.ts'),
      '--scale',
      String(scale),
      '--dataset',
      dataset,
      '--port',
      String(port),
    ],
    { stdio: 'inherit', env: environmentBeforeStacks },
  );
  if (child.status !== 0) throw new Error(`The ${scale}× programme benchmark failed`);
}

if (wanted('registrations')) {
  const child = spawnSync(
    process.execPath,
    [
      '--conditions=worker',
      join(import.meta.dirname, 'registrations.ts'),
      '--port',
      String(3500 + portOffset),
    ],
    { stdio: 'inherit', env: environmentBeforeStacks },
  );
  if (child.status !== 0) throw new Error('The registrations benchmark failed');
}

if (wanted('fanout')) {
  const child = spawnSync(
    process.execPath,
    ['--conditions=worker', join(import.meta.dirname, 'fanout.ts'), '--port', String(3600 + portOffset)],
    { stdio: 'inherit', env: environmentBeforeStacks },
  );
  if (child.status !== 0) throw new Error('The newsletter fan-out benchmark failed');
}

if (wanted('load')) {
  const child = spawnSync(
    process.execPath,
    ['--conditions=worker', join(import.meta.dirname, 'load.ts'), '--port', String(3800 + portOffset)],
    { stdio: 'inherit', env: environmentBeforeStacks },
  );
  if (child.status !== 0) throw new Error('The load benchmark failed');
}

if (wanted('print')) {
  // The printed programme (Typst): its own child processes, for their peak memory.
  const child = spawnSync(process.execPath, [join(import.meta.dirname, 'print.ts')], {
    stdio: 'inherit',
    env: environmentBeforeStacks,
  });
  if (child.status !== 0) throw new Error('The printed programme benchmark failed');
}

if (wanted('meetings')) {
  // The business-meeting scheduler against a greedy baseline: pure functions, no stack.
  const child = spawnSync(process.execPath, [join(import.meta.dirname, 'meetings.ts')], {
    stdio: 'inherit',
    env: environmentBeforeStacks,
  });
  if (child.status !== 0) throw new Error('The business-meeting benchmark failed');
}

if (wanted('programme')) {
  runProgramme(1, demoDatasetPath, 3300 + portOffset);
  // The same generator at ten times the size, kept out of git.
  const tenfold = join(import.meta.dirname, '.build', 'demo-dataset-10x.ndjson');
  mkdirSync(join(import.meta.dirname, '.build'), { recursive: true });
  writeFileSync(
    tenfold,
    toNdjson(
      generateDemoDataset({
        ...defaultDemoOptions,
        events: defaultDemoOptions.events * 10,
        organizations: defaultDemoOptions.organizations * 10,
      }),
    ),
  );
  runProgramme(10, tenfold, 3400 + portOffset);
}
