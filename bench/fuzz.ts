import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { openApiDocument } from '../functions/system/openApiDocument.ts';
import { answerOf, everyOperation, type FuzzRequest, undocumented } from '../test/support/apiFuzz.ts';
import { benchLakeClient, startBenchStack } from './benchStack.ts';

/**
 * `npm run fuzz [-- --requests 100000 --seed 1 --port 3700]`: the test suite's fuzzing
 * (`test/integration/apiFuzz.test.ts`) at length, on a local stack of its own. Prints progress,
 * then the answers by status and every distinct undocumented answer with an example; writes
 * `bench/results/fuzz.json`; exits 1 if any answer was undocumented.
 */
const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '100000' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    port: { type: 'string', default: '3700' },
  },
});
const total = Number(values.requests);
const seed = Number(values.seed);
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
// The fuzz sends mail to whatever addresses it makes up: on a stack of its own, never a real one.
const { stack } = await startBenchStack(Number(values.port));
const started = performance.now();
const statuses: Record<string, number> = {};
const problems = new Map<string, { count: number; example: string }>();
try {
  const lake = benchLakeClient(stack);
  const template = await lake.fetch(
    '*[_type == "event" && status == "scheduled" && !defined(registration.capacity)][0]',
  );
  await lake.createOrReplace({
    ...template,
    _id: 'event-fuzz',
    slug: { _type: 'slug', current: 'manifestation-fuzz' },
  });
  const document = openApiDocument() as unknown as Parameters<typeof everyOperation>[0];
  const requests = everyOperation(document, { slug: ['manifestation-fuzz'] });
  const batch = 500;
  for (let done = 0; done < total; done += batch) {
    const sample: FuzzRequest[] = fc.sample(requests, {
      numRuns: Math.min(batch, total - done),
      seed: seed + done,
    });
    // Eight at a time, as concurrent visitors would be.
    for (let start = 0; start < sample.length; start += 8)
      await Promise.all(
        sample.slice(start, start + 8).map(async (request) => {
          let problem: string | null;
          let status = 'thrown';
          try {
            const answer = await answerOf(request);
            status = String(answer.statusCode ?? 200);
            problem = undocumented(request, answer);
          } catch (error) {
            problem = `the handler threw ${(error as Error).name}: ${(error as Error).message}`;
          }
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (!problem) return;
          const key = `${request.operation.method} ${request.operation.path}: ${problem.split('\n')[0]?.slice(0, 160)}`;
          const seen = problems.get(key);
          if (seen) seen.count += 1;
          else
            problems.set(key, {
              count: 1,
              example: `${request.url} (${request.headers['content-type'] ?? 'no type'}) ${request.body.slice(0, 200)}`,
            });
        }),
      );
    const count = Math.min(done + batch, total);
    if (count % 5000 === 0 || count === total)
      console.log(
        `${count} / ${total} requests, ${((performance.now() - started) / 1000).toFixed(0)} s, ${problems.size} distinct undocumented answers`,
      );
  }
} finally {
  await stack.stop();
}
const seconds = (performance.now() - started) / 1000;
console.log(`\nFuzz: ${total} requests (seed ${seed}) in ${seconds.toFixed(0)} s`);
console.table(statuses);
for (const [key, { count, example }] of problems) console.log(`✗ ${count} × ${key}\n    e.g. ${example}`);
writeFileSync(
  join(import.meta.dirname, 'results', 'fuzz.json'),
  JSON.stringify(
    {
      at: new Date().toISOString(),
      requests: total,
      seed,
      seconds,
      statuses,
      problems: Object.fromEntries(problems),
    },
    null,
    2,
  ),
);
process.exit(problems.size > 0 ? 1 : 0);
