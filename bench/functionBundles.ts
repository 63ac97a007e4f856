import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type DeployedFunction, deployedFunctions } from '../functions/catalogue.ts';
import {
  buildBundles,
  bundleAllowanceBytes,
  floorEntry,
  floorName,
  functionEntry,
  type SdkClient,
  sdkClientsOf,
} from '../infra/bundleBudgets.ts';
import { localFunctionEnvironment } from '../infra/local/localEnvironment.ts';
import { runProbeProcess } from './probeProcess.ts';
import { median } from './stats.ts';

const root = join(import.meta.dirname, '..');
const buildDirectory = join(root, 'bench', '.build', 'bundles');
/** Import-time goal: a function imports in at most this multiple of its floor's time. */
export const importRatioGoal = 1.3;

/**
 * What a fresh Node process runs: import the bundle (Lambda's INIT phase, without the runtime's
 * own start) and print how long that took, in CPU time and in wall time. The CPU time (all the
 * process's threads: parsing, compiling, running module code) is what the goal is judged on: on a
 * busy shared machine the wall time also counts the waits for a CPU, which a Lambda does not have.
 */
const probe = `
const cpu = process.cpuUsage();
const started = performance.now();
await import(process.argv[1]);
const wall = performance.now() - started;
const used = process.cpuUsage(cpu);
process.stdout.write(JSON.stringify({ cpu: (used.user + used.system) / 1000, wall }));
`;

async function importTime(file: string, env: Record<string, string>): Promise<{ cpu: number; wall: number }> {
  return JSON.parse(await runProbeProcess(probe, [pathToFileURL(file).href], env)) as {
    cpu: number;
    wall: number;
  };
}

export interface BundleFigures {
  readonly function: string;
  readonly floor: string;
  readonly bytes: number;
  /** Of which data (the committed OpenAPI document), outside the budget. */
  readonly dataBytes: number;
  readonly floorBytes: number;
  /** Median CPU time of an import (the goal's measure), and median wall time. */
  readonly importMs: number;
  readonly floorImportMs: number;
  readonly importWallMs: number;
  readonly floorImportWallMs: number;
}

/**
 * Every function of the catalogue against its floor (`infra/bundleBudgets.ts`): the functions'
 * bundles are those the CDK stack ships (the one build of `infra/functionBuild.ts`, reused while
 * its inputs are unchanged), the floors built here with the same esbuild settings; each is then
 * imported `runs` times in a fresh Node process. Runs
 * are interleaved (one round imports every bundle and floor once, in a shuffled order), so a
 * machine that slows down mid-run slows the floors and the functions alike.
 */
export async function functionBundlesBenchmark(runs: number): Promise<BundleFigures[]> {
  rmSync(buildDirectory, { recursive: true, force: true });
  mkdirSync(buildDirectory, { recursive: true });
  const floorsByName = new Map<string, SdkClient[]>();
  for (const fn of deployedFunctions)
    floorsByName.set(floorName(sdkClientsOf(fn.access)), sdkClientsOf(fn.access));
  const floors = [...floorsByName.values()].map(floorEntry);
  const sizes = await buildBundles([...floors, ...deployedFunctions.map(functionEntry)], {
    outdir: buildDirectory,
    write: true,
  });
  // Module-level code reads its configuration (table names…): the local stack's, pointing nowhere.
  const env = {
    PATH: process.env.PATH ?? '',
    ...localFunctionEnvironment({
      dynamoDbEndpoint: 'http://127.0.0.1:9',
      sesEndpoint: 'http://127.0.0.1:9',
      apiUrl: 'http://127.0.0.1:9',
      pagesUrl: 'http://localhost:9',
    }),
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  };
  const names = [...sizes.keys()];
  const times = new Map<string, { cpu: number; wall: number }[]>(names.map((name) => [name, []]));
  for (let round = 0; round < runs; round++) {
    for (const name of shuffled(names)) {
      const file = sizes.get(name)?.file as string;
      times.get(name)?.push(await importTime(file, { ...env, AWS_LAMBDA_FUNCTION_NAME: name }));
    }
  }
  const figuresOf = (fn: DeployedFunction): BundleFigures => {
    const floor = floorEntry(sdkClientsOf(fn.access)).name;
    return {
      function: fn.name,
      floor: floor.replace(/^floor-/, ''),
      bytes: sizes.get(fn.name)?.bytes ?? 0,
      dataBytes: sizes.get(fn.name)?.dataBytes ?? 0,
      floorBytes: sizes.get(floor)?.bytes ?? 0,
      importMs: median((times.get(fn.name) ?? []).map((time) => time.cpu)),
      floorImportMs: median((times.get(floor) ?? []).map((time) => time.cpu)),
      importWallMs: median((times.get(fn.name) ?? []).map((time) => time.wall)),
      floorImportWallMs: median((times.get(floor) ?? []).map((time) => time.wall)),
    };
  };
  const figures = deployedFunctions.map(figuresOf);
  printFigures(figures, runs);
  writeFileSync(
    join(root, 'bench', 'results', 'function-bundles.json'),
    `${JSON.stringify({ at: new Date().toISOString(), node: process.version, runs, figures }, null, 2)}\n`,
  );
  return figures;
}

function printFigures(figures: readonly BundleFigures[], runs: number): void {
  const kib = (bytes: number) => (bytes / 1024).toFixed(0);
  console.log(
    `\nFunction bundles against their floors: fresh Node ${process.version} process per import, median of ${runs} (import: CPU time; wall: elapsed)`,
  );
  console.log(
    `floor = a bundle that only creates the function's AWS SDK clients, same esbuild settings. Goals: code (bundle less data) ≤ floor + ${kib(bundleAllowanceBytes)} KiB, import ≤ ${importRatioGoal}× floor.\n`,
  );
  console.table(
    figures.map((row) => ({
      function: row.function,
      floor: row.floor,
      KiB: kib(row.bytes),
      'floor KiB': kib(row.floorBytes),
      '+KiB': kib(row.bytes - row.dataBytes - row.floorBytes),
      'data KiB': kib(row.dataBytes),
      'import ms': row.importMs.toFixed(1),
      'floor ms': row.floorImportMs.toFixed(1),
      'import ×': (row.importMs / row.floorImportMs).toFixed(2),
      'wall ms': row.importWallMs.toFixed(1),
      'floor wall ms': row.floorImportWallMs.toFixed(1),
      goals:
        (row.bytes - row.dataBytes <= row.floorBytes + bundleAllowanceBytes ? 'size ok' : 'SIZE OVER') +
        (row.importMs <= importRatioGoal * row.floorImportMs ? ', time ok' : ', TIME OVER'),
    })),
  );
}

function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
