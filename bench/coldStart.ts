import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { deployedFunctions } from '../functions/catalogue.ts';
import { esbuildOptions } from '../infra/bundling.ts';
import { localFunctionEnvironment } from '../infra/local/localEnvironment.ts';
import type { LocalStack } from '../infra/local/localStack.ts';
import { runProbeProcess } from './probeProcess.ts';
import { sampleEvents } from './sampleEvents.ts';
import { median } from './stats.ts';

const root = join(import.meta.dirname, '..');
const buildDirectory = join(root, 'bench', '.build');
const runs = Number(process.env.BENCH_RUNS ?? 7);

/**
 * The probe a fresh Node process runs: import the bundle (Lambda's init phase), then invoke the
 * handler once. Times are from the process's own time origin, so Node's start-up counts too.
 */
const probe = `
const [bundle, eventJson, name] = process.argv.slice(1);
const started = performance.now();
const { handler } = await import(bundle);
const imported = performance.now();
const context = { functionName: name, awsRequestId: crypto.randomUUID(), getRemainingTimeInMillis: () => 10000,
  invokedFunctionArn: 'arn:aws:lambda:eu-west-3:000000000000:function:' + name, memoryLimitInMB: '1024', functionVersion: '$LATEST' };
const result = await handler(JSON.parse(eventJson), context);
const invoked = performance.now();
const status = result?.statusCode ?? (result?.batchItemFailures?.length ? 'failed' : 'ok');
process.stdout.write(JSON.stringify({ bootMs: started, initMs: imported - started, invokeMs: invoked - imported, totalMs: invoked, status }));
`;

interface Sample {
  bootMs: number;
  initMs: number;
  invokeMs: number;
  totalMs: number;
  status: number | string;
}

async function runProbe(
  bundle: string,
  event: unknown,
  name: string,
  env: Record<string, string>,
): Promise<Sample> {
  const out = await runProbeProcess(probe, [pathToFileURL(bundle).href, JSON.stringify(event), name], {
    ...process.env,
    ...env,
    AWS_LAMBDA_FUNCTION_NAME: name,
  }).catch((error: Error) => {
    throw new Error(`${name}: ${error.message}`);
  });
  return JSON.parse(out) as Sample;
}

export async function coldStartBenchmark(stack: LocalStack): Promise<void> {
  mkdirSync(buildDirectory, { recursive: true });
  const functions = [
    { name: 'helloWorld', entry: join(root, 'bench', 'fixtures', 'helloWorld.ts') },
    ...deployedFunctions.map((fn) => ({ name: fn.name, entry: join(root, 'functions', fn.handler) })),
  ];
  const env = {
    ...localFunctionEnvironment({
      dynamoDbEndpoint: stack.dynamoDbEndpoint,
      sesEndpoint: stack.sesUrl,
      apiUrl: stack.apiUrl,
      pagesUrl: stack.pagesUrl,
      ...(stack.contentLakeUrl ? { contentLakeUrl: stack.contentLakeUrl } : {}),
    }),
    NODE_OPTIONS: '',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  };

  const results: { name: string; kb: number; init: number; invoke: number; total: number; status: string }[] =
    [];
  for (const fn of functions) {
    const outfile = join(buildDirectory, fn.name, 'index.mjs');
    await build(esbuildOptions(fn.entry, outfile));
    const makeEvent = sampleEvents[fn.name];
    if (!makeEvent) throw new Error(`No sample event for ${fn.name}`);
    const samples: Sample[] = [];
    // Interleaving would be fairer still; one warm-up run keeps the OS file cache out of the numbers.
    await runProbe(outfile, await makeEvent(stack), fn.name, env);
    for (let run = 0; run < runs; run++)
      samples.push(await runProbe(outfile, await makeEvent(stack), fn.name, env));
    // A sample that broke measures an error path, not the function: stop rather than print it.
    const broken = samples.find((sample) => sample.status === 'failed' || Number(sample.status) >= 500);
    if (broken) throw new Error(`${fn.name} answered ${broken.status} to its sample event`);
    results.push({
      name: fn.name,
      kb: statSync(outfile).size / 1024,
      init: median(samples.map((s) => s.initMs)),
      invoke: median(samples.map((s) => s.invokeMs)),
      total: median(samples.map((s) => s.totalMs)),
      status: [...new Set(samples.map((s) => String(s.status)))].join('/'),
    });
  }

  const [baseline] = results;
  if (!baseline) return;
  const rows = results.map((r) => ({
    function: r.name,
    'bundle KiB': r.kb.toFixed(0),
    'init ms': r.init.toFixed(1),
    'first call ms': r.invoke.toFixed(1),
    'total ms': r.total.toFixed(1),
    'init ×': (r.init / baseline.init).toFixed(1),
    'total ×': (r.total / baseline.total).toFixed(2),
    answer: r.status,
  }));
  console.log(
    `\nCold start: fresh Node ${process.version} process per run, median of ${runs} (after one warm-up run)`,
  );
  console.log(
    'init = import of the esbuild bundle (Lambda INIT); first call = first invocation against the local stack;',
  );
  console.log('total = from process start; × = ratio to helloWorld measured the same way in this run.\n');
  console.table(rows);
  writeFileSync(
    join(root, 'bench', 'results', 'cold-start.json'),
    JSON.stringify({ at: new Date().toISOString(), node: process.version, runs, results }, null, 2),
  );
}
