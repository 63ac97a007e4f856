import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { demoDatasetPath } from '../studio/demo/generateDemoDataset.ts';
import { startBenchStack } from './benchStack.ts';
import { percentile } from './stats.ts';
import { Visitors } from './visitors.ts';

const browsers = Number(process.env.BENCH_LOAD_BROWSERS ?? 200);
const registrants = Number(process.env.BENCH_LOAD_REGISTRANTS ?? 50);
const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 30);

interface DemoEvent {
  readonly slug: { readonly current: string };
  readonly status?: string;
  readonly region?: { readonly _ref: string };
  readonly registration?: { readonly mode?: string; readonly capacity?: number };
}

/** One request's outcome, by the route it took (its path template). */
interface Sample {
  readonly route: string;
  /** When the request began (`performance.now()`). */
  readonly at: number;
  readonly milliseconds: number;
  readonly ok: boolean;
  readonly status: number;
}

const pause = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** A JSON body, or undefined for anything else (an empty answer, an HTML page). */
function parsedOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

/**
 * The November peak on the local stack: `BENCH_LOAD_BROWSERS` visitors (200) browse the
 * programme — regions, a region's events, the next page, a text search, an event — and
 * `BENCH_LOAD_REGISTRANTS` (50) register to events, all at once for `BENCH_LOAD_SECONDS` (30),
 * each visitor waiting 0–200 ms between requests. Prints p50, p95 and p99 per route and the
 * errors (anything but 2xx and 304, or no answer): the goal is none.
 */
export async function loadBenchmark(port: number): Promise<void> {
  const events = readFileSync(demoDatasetPath, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as DemoEvent & { _type: string })
    .filter((doc) => doc._type === 'event' && doc.status === 'scheduled');
  const slugs = events.map((event) => event.slug.current);
  // Open registration without a capacity: a full event's refusal is not an error of the stack.
  const registrable = events
    .filter((event) => event.registration?.mode !== 'none' && !event.registration?.capacity)
    .map((event) => event.slug.current);
  // Each visitor registers again and again for the bench's whole run, more than a person would
  // in an hour (the per-client limit's job): raised here.
  process.env.RATE_LIMIT_REGISTRATIONS ??= '999999/1h';
  const { stack } = await startBenchStack(port);
  // Every visitor from an address of its own, as at the peak (`Visitors`).
  const crowd = new Visitors(browsers + registrants);
  const samples: Sample[] = [];
  const request = async (
    visitor: number,
    route: string,
    path: string,
    init?: { method?: string; headers?: Record<string, string>; body?: string },
  ) => {
    const started = performance.now();
    try {
      const response = await crowd.send(visitor, `${stack.apiUrl}${path}`, init);
      const body = response.status === 304 ? undefined : parsedOrUndefined(response.body);
      const ok = (response.status >= 200 && response.status < 300) || response.status === 304;
      samples.push({
        route,
        at: started,
        milliseconds: performance.now() - started,
        ok,
        status: response.status,
      });
      return body as Record<string, unknown> | undefined;
    } catch {
      samples.push({ route, at: started, milliseconds: performance.now() - started, ok: false, status: 0 });
      return undefined;
    }
  };
  try {
    const regions = ((await request(0, 'GET /regions', '/regions')) ?? []) as unknown as { code: string }[];
    samples.length = 0;
    const codes = regions.map((region) => region.code);
    if (codes.length === 0) throw new Error('GET /regions answered no region');
    const ends = Date.now() + seconds * 1000;
    const browse = async (visitor: number) => {
      while (Date.now() < ends) {
        await request(visitor, 'GET /regions', '/regions');
        const region = pick(codes);
        const page = await request(visitor, 'GET /events?region', `/events?region=${region}`);
        const cursor = (page?.nextCursor as string | null | undefined) ?? undefined;
        if (cursor)
          await request(
            visitor,
            'GET /events?cursor',
            `/events?region=${region}&cursor=${encodeURIComponent(cursor)}`,
          );
        await request(
          visitor,
          'GET /events?q',
          `/events?q=${encodeURIComponent(pick(['atelier', 'emploi', 'forum', 'solidaire']))}`,
        );
        await request(visitor, 'GET /events/{slug}', `/events/${pick(slugs)}`);
        await pause(Math.random() * 200);
      }
    };
    const register = async (visitor: number) => {
      while (Date.now() < ends) {
        await request(
          visitor,
          'POST /events/{slug}/registrations',
          `/events/${pick(registrable)}/registrations`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              name: 'Banc de charge',
              email: `charge.${randomUUID()}@exemple.fr`,
              consent: true,
            }),
          },
        );
        await pause(Math.random() * 200);
      }
    };
    const started = performance.now();
    await Promise.all([
      ...Array.from({ length: browsers }, (_, index) => browse(index)),
      ...Array.from({ length: registrants }, (_, index) => register(browsers + index)),
    ]);
    const elapsed = (performance.now() - started) / 1000;
    const routes = [...new Set(samples.map((sample) => sample.route))];
    const rows = Object.fromEntries(
      routes.map((route) => {
        const ofRoute = samples.filter((sample) => sample.route === route);
        const times = ofRoute.map((sample) => sample.milliseconds);
        const errors = ofRoute.filter((sample) => !sample.ok);
        return [
          route,
          {
            requests: ofRoute.length,
            'per second': (ofRoute.length / elapsed).toFixed(0),
            'p50 ms': percentile(times, 50).toFixed(0),
            'p95 ms': percentile(times, 95).toFixed(0),
            'p99 ms': percentile(times, 99).toFixed(0),
            errors: errors.length,
            statuses: [...new Set(errors.map((sample) => sample.status))].join(' '),
          },
        ];
      }),
    );
    const errors = samples.filter((sample) => !sample.ok).length;
    console.log(
      `\nLoad: ${browsers} visitors browsing the programme and ${registrants} registering, at once for ${elapsed.toFixed(0)} s (${samples.length} requests, ${errors} errors)`,
    );
    console.table(rows);
    // The same, for the requests begun once the first 10 s were over: every function warm, the
    // crowd's first wave served. What the tails owe to the start shows as the difference.
    const steadyFrom = started + 10_000;
    console.log('After the first 10 s (requests begun then):');
    console.table(
      Object.fromEntries(
        routes.map((route) => {
          const times = samples
            .filter((sample) => sample.route === route && sample.at >= steadyFrom)
            .map((sample) => sample.milliseconds);
          return [
            route,
            {
              requests: times.length,
              'p50 ms': percentile(times, 50).toFixed(0),
              'p95 ms': percentile(times, 95).toFixed(0),
              'p99 ms': percentile(times, 99).toFixed(0),
            },
          ];
        }),
      ),
    );
    writeFileSync(
      join(import.meta.dirname, 'results', 'load.json'),
      JSON.stringify(
        { at: new Date().toISOString(), browsers, registrants, seconds: elapsed, errors, routes: rows },
        null,
        2,
      ),
    );
  } finally {
    await stack.stop();
    crowd.close();
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '3800' } } });
  await loadBenchmark(Number(values.port));
}
