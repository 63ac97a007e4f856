/**
 * `npm test`'s vitest run: the projects in three vitest processes at once, each one's output
 * printed whole when it ends (prefixed, so interleaving never mixes lines of two runs).
 *
 * Why not one `vitest run`: vitest runs the files of projects without file parallelism (the
 * integration and browser projects, which share one stack and one inbox each) in a single queue
 * after everything else, one file at a time across both projects. The integration files wait on
 * their stack far more than they compute, so they run in their own process beside the rest. Three
 * processes (the browser project apart too) were tried: on a 2-core machine they starve each other
 * and time out.
 *
 * Arguments go to vitest unchanged; with any, a single `vitest run` is made (a file, a filter, a
 * `--project`): the split is only for the whole suite.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const vitest = ['node_modules/vitest/vitest.mjs', 'run'];
const extra = process.argv.slice(2);

const runs: { label: string; args: string[] }[] =
  extra.length > 0
    ? [{ label: 'vitest', args: extra }]
    : [
        { label: 'integration', args: ['--project', 'integration'] },
        {
          label: 'unit, infra, studio, browser',
          args: ['--project', 'unit', '--project', 'infra', '--project', 'studio', '--project', 'browser'],
        },
      ];

function run(label: string, args: string[]): Promise<{ label: string; code: number; seconds: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [...vitest, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' },
  });
  const single = runs.length === 1;
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      // One run alone prints as it goes; side by side, each run's output is kept until it ends.
      if (single) console.log(line);
      else lines.push(`[${label}] ${line}`);
    });
  }
  if (!single) console.log(`[${label}] started`);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      const seconds = (performance.now() - started) / 1000;
      if (!single) console.log(lines.join('\n'));
      resolve({ label, code: code ?? (signal ? 1 : 0), seconds });
    });
  });
}

const results = await Promise.all(runs.map(({ label, args }) => run(label, args)));
if (results.length > 1)
  for (const { label, code, seconds } of results)
    console.log(
      `${code === 0 ? '✓' : '✗'} ${label}: ${code === 0 ? 'passed' : 'FAILED'} in ${seconds.toFixed(0)} s`,
    );
process.exit(results.some((result) => result.code !== 0) ? 1 : 0);
