import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { encodeSignatureHeader } from '@sanity/webhook';
import { evaluate, parse } from 'groq-js';
import { programmeQuery } from '../functions/programme/queries.ts';
import { frenchRegions } from '../functions/programme/vocabulary.ts';
import { localWebhookSecret } from '../infra/local/localEnvironment.ts';
import { startLocalStack } from '../infra/local/localStack.ts';
import { percentile, timed } from './stats.ts';

interface Measure {
  readonly p50: number;
  readonly p99: number;
}
const measure = (samples: number[]): Measure => ({
  p50: percentile(samples, 50),
  p99: percentile(samples, 99),
});

/** GROQ parameters of `GET /events?region=<code>` (first page of 20). */
const paramsFor = (code: string) => ({
  regionId: `region-${code}`,
  campaignId: null,
  format: null,
  theme: null,
  openToAll: null,
  ids: null,
  from: null,
  to: null,
  afterStartsAt: null,
  afterId: null,
  limit: 21,
});

/**
 * `GET /events?region=…` through the local stack (HTTP, the handler, its GROQ query by fetch, the local
 * Content Lake) against the same GROQ query evaluated directly with groq-js on the same dataset,
 * in the same run. "Fresh" requests follow a content change (cache invalidated by a signed
 * webhook); "cached" ones are what a warm function answers between changes.
 */
export async function programmeBenchmark(
  scale: 1 | 10,
  datasetFile: string,
  ports: { base: number },
): Promise<void> {
  const documents = readFileSync(datasetFile, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const events = documents.filter((doc) => doc._type === 'event').length;
  const rounds = scale === 1 ? 60 : 15;
  const regions = frenchRegions.map((region) => region.code);

  const baseline: number[] = [];
  const tree = (params: Record<string, unknown>) => parse(programmeQuery, { params });
  for (let round = 0; round < rounds; round++) {
    const params = paramsFor(regions[round % regions.length] as string);
    baseline.push(
      await timed(async () => (await evaluate(tree(params), { dataset: documents, params })).get()),
    );
  }

  const stack = await startLocalStack({
    apiPort: ports.base,
    pagesPort: ports.base + 5,
    sesPort: ports.base + 1,
    dynamoDbPort: ports.base + 2,
    contentLakePort: ports.base + 3,
    datasetFile,
  });
  const fresh: number[] = [];
  const cached: number[] = [];
  try {
    const get = async (code: string) => {
      const response = await fetch(`${stack.apiUrl}/events?region=${code}`);
      if (response.status !== 200) throw new Error(`GET /events answered ${response.status}`);
      await response.arrayBuffer();
    };
    for (const code of regions) await get(code); // warm-up: modules loaded, connections open
    for (let round = 0; round < rounds; round++) {
      const code = regions[round % regions.length] as string;
      await invalidate(stack.apiUrl, round);
      fresh.push(await timed(() => get(code)));
      for (let repeat = 0; repeat < 5; repeat++) cached.push(await timed(() => get(code)));
    }
  } finally {
    await stack.stop();
  }

  const rows = {
    'groq-js directly (baseline)': measure(baseline),
    'GET /events, after a content change': measure(fresh),
    'GET /events, cached (warm function)': measure(cached),
  };
  const base = rows['groq-js directly (baseline)'];
  console.log(
    `\nProgramme at ${scale}× (${events} events): GET /events?region=… against the same GROQ query run with groq-js`,
  );
  console.table(
    Object.fromEntries(
      Object.entries(rows).map(([label, m]) => [
        label,
        {
          'p50 ms': m.p50.toFixed(1),
          'p99 ms': m.p99.toFixed(1),
          'p50 ×': (m.p50 / base.p50).toFixed(2),
          'p99 ×': (m.p99 / base.p99).toFixed(2),
        },
      ]),
    ),
  );
  writeFileSync(
    join(import.meta.dirname, 'results', `programme-${scale}x.json`),
    JSON.stringify({ at: new Date().toISOString(), events, rounds, rows }, null, 2),
  );
}

/** A signed webhook, as Sanity sends after a publish: the next read cannot come from the cache. */
async function invalidate(apiUrl: string, round: number): Promise<void> {
  const body = JSON.stringify({
    documentId: 'bench',
    type: 'event',
    revision: `bench-${Date.now()}-${round}`,
    operation: 'update',
    updatedAt: new Date().toISOString(),
    before: null,
    after: null,
  });
  const response = await fetch(`${apiUrl}/webhooks/sanity`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'sanity-webhook-signature': await encodeSignatureHeader(body, Date.now(), localWebhookSecret),
    },
    body,
  });
  if (response.status !== 202) throw new Error(`webhook answered ${response.status}`);
}

// Run alone (one scale per process: the functions read their configuration once, as in Lambda).
if (import.meta.main) {
  const { values } = parseArgs({
    options: { scale: { type: 'string' }, dataset: { type: 'string' }, port: { type: 'string' } },
  });
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  await programmeBenchmark(values.scale === '10' ? 10 : 1, values.dataset as string, {
    base: Number(values.port ?? 3300),
  });
}
