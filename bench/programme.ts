import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { confirmedCounts } from '../functions/programme/eventCounters.ts';
import { programmePageSchema } from '../functions/programme/programmeFilters.ts';
import {
  ProgrammeSnapshot,
  type ProgrammeSnapshotContent,
} from '../functions/programme/programmeSnapshot.ts';
import {
  ProgrammeSnapshotStore,
  type SnapshotPointer,
} from '../functions/programme/programmeSnapshotStore.ts';
import type { SnapshotDelta } from '../functions/programme/snapshotDelta.ts';
import { frenchRegions } from '../functions/programme/vocabulary.ts';
import { localTableName } from '../infra/local/localEnvironment.ts';
import { startLocalStack } from '../infra/local/localStack.ts';
import { benchLakeClient } from './benchStack.ts';
import { percentile, timed } from './stats.ts';

interface Measure {
  readonly p50: number;
  readonly p99: number;
}
const measure = (samples: number[]): Measure => ({
  p50: percentile(samples, 50),
  p99: percentile(samples, 99),
});
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `GET /events?region=…` through the local stack (HTTP, the handler, the programme snapshot read
 * from DynamoDB Local and filtered in memory, the places left) against the same reads made
 * directly on the same table in the same run: the pointer, the change's delta applied to the
 * snapshot held (or, for a cold function, every part: gunzip, parse, index), the filter and page,
 * the counters. Each round an editor changes an event in the
 * Content Lake: the signed webhook, the stream worker's rebuild (timed until the new snapshot is
 * current), then the first request (which loads the new snapshot) and ten more (warm).
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
  const eventIds = documents.filter((doc) => doc._type === 'event').map((doc) => doc._id as string);
  const rounds = scale === 1 ? 20 : 10;
  const regions = frenchRegions.map((region) => region.code);

  const stack = await startLocalStack({
    apiPort: ports.base,
    pagesPort: ports.base + 5,
    sesPort: ports.base + 1,
    dynamoDbPort: ports.base + 2,
    contentLakePort: ports.base + 3,
    datasetFile,
  });
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: stack.dynamoDbEndpoint,
      region: 'eu-west-3',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  const store = new ProgrammeSnapshotStore(client, localTableName('programme'));
  const editor = benchLakeClient(stack);
  const filtersOf = (code: string) => programmePageSchema.parse({ region: code });

  /** What a function does for one request, done directly: its reads, the filter and the page. */
  const rawRequest = async (snapshot: ProgrammeSnapshot, code: string) => {
    await store.current();
    const { items } = ProgrammeSnapshot.page(snapshot.select(filtersOf(code)), null, 20);
    await confirmedCounts(
      client,
      localTableName('registrations'),
      items.map((item) => item._id),
    );
  };
  /** A function starting cold: the whole snapshot fetched, decompressed, parsed and indexed. */
  const rawLoad = async (pointer: SnapshotPointer) => {
    const content = JSON.parse(
      gunzipSync(await store.read(pointer)).toString('utf8'),
    ) as ProgrammeSnapshotContent;
    return new ProgrammeSnapshot(content);
  };
  /** A warm function after a change: the pointer, the change's delta applied to what it holds. */
  const rawCatchUp = async (held: ProgrammeSnapshot) => {
    const pointer = (await store.current()) as SnapshotPointer;
    const delta = await store.delta(pointer.snapshotId);
    if (!delta) throw new Error('The new snapshot has no delta');
    return held.withChanges(JSON.parse(gunzipSync(delta).toString('utf8')) as SnapshotDelta);
  };

  const rebuild: number[] = [];
  const rawCold: number[] = [];
  const stackFirst: number[] = [];
  const stackWarm: number[] = [];
  const rawFirst: number[] = [];
  const rawWarm: number[] = [];
  let snapshotBytes = 0;
  try {
    const get = async (code: string) => {
      const response = await fetch(`${stack.apiUrl}/events?region=${code}`);
      if (response.status !== 200) throw new Error(`GET /events answered ${response.status}`);
      await response.arrayBuffer();
    };
    for (const code of regions) await get(code); // warm-up: modules loaded, connections open
    let held = await rawLoad((await store.current()) as SnapshotPointer);
    for (let round = 0; round < rounds; round++) {
      const code = regions[round % regions.length] as string;
      const before = await store.current();
      const changedAt = performance.now();
      await editor
        .patch(eventIds[(round * 97) % eventIds.length] as string)
        .set({ title: `Banc d’essai ${round} ${Date.now()}` })
        .commit();
      let pointer = await store.current();
      while (!pointer || pointer.snapshotId === before?.snapshotId) {
        await pause(20);
        pointer = await store.current();
      }
      rebuild.push(performance.now() - changedAt);
      snapshotBytes = pointer.bytes;
      // Past the functions' pointer check (a second locally): the next request loads the new snapshot.
      await pause(1100);
      const throughStack = async () => {
        stackFirst.push(await timed(() => get(code)));
        for (let repeat = 0; repeat < 10; repeat++) stackWarm.push(await timed(() => get(code)));
      };
      const direct = async () => {
        rawFirst.push(
          await timed(async () => {
            held = await rawCatchUp(held);
            await rawRequest(held, code);
          }),
        );
        for (let repeat = 0; repeat < 10; repeat++) rawWarm.push(await timed(() => rawRequest(held, code)));
      };
      // Each side first in every other round: right after a rebuild, the first to read pays for
      // what the rebuild left behind in this process (garbage to collect, the worker's last writes).
      if (round % 2 === 0) {
        await throughStack();
        await direct();
      } else {
        await direct();
        await throughStack();
      }
      rawCold.push(
        await timed(async () => {
          await rawRequest(await rawLoad((await store.current()) as SnapshotPointer), code);
        }),
      );
    }
  } finally {
    await stack.stop();
  }

  const rows = {
    'raw: first read after a change (pointer, delta, filter, counters)': measure(rawFirst),
    'GET /events: first request after a change': measure(stackFirst),
    'raw: warm read (pointer, filter, counters)': measure(rawWarm),
    'GET /events: warm function': measure(stackWarm),
    'raw: a cold function’s first read (pointer, every part, gunzip, parse, filter, counters)':
      measure(rawCold),
    'rebuild: editor’s change → new snapshot current': measure(rebuild),
  };
  const ratios = {
    first:
      rows['GET /events: first request after a change'].p50 /
      rows['raw: first read after a change (pointer, delta, filter, counters)'].p50,
    warm: rows['GET /events: warm function'].p50 / rows['raw: warm read (pointer, filter, counters)'].p50,
  };
  console.log(
    `\nProgramme at ${scale}× (${eventIds.length} events, snapshot ${(snapshotBytes / 1024).toFixed(0)} KiB gzip): GET /events?region=… against the same reads made directly on the Programme table`,
  );
  console.table(
    Object.fromEntries(
      Object.entries(rows).map(([label, m]) => [
        label,
        { 'p50 ms': m.p50.toFixed(1), 'p99 ms': m.p99.toFixed(1) },
      ]),
    ),
  );
  console.log(
    `Ratio (p50, through the stack ÷ raw): first request after a change ${ratios.first.toFixed(2)}, warm ${ratios.warm.toFixed(2)}`,
  );
  writeFileSync(
    join(import.meta.dirname, 'results', `programme-${scale}x.json`),
    JSON.stringify(
      { at: new Date().toISOString(), events: eventIds.length, snapshotBytes, rounds, rows, ratios },
      null,
      2,
    ),
  );
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
