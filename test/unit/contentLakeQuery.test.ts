import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ContentQueryError, queryContentLake } from '../../functions/shared/content/contentLakeQuery.ts';
import { forgetSettings } from '../../functions/shared/settings.ts';
import { type ContentLake, startContentLake } from '../../infra/local/contentLake.ts';

const directory = mkdtempSync(join(tmpdir(), 'essaim-query-'));
let lake: ContentLake;
const apiHostBefore = process.env.SANITY_API_HOST;
const useApiHost = (url: string) => {
  process.env.SANITY_API_HOST = url;
  forgetSettings();
};

beforeAll(async () => {
  const datasetFile = join(directory, 'dataset.ndjson');
  const events = ['atelier', 'debat', 'visite'].map((slug, i) => ({
    _id: `event-${i}`,
    _type: 'event',
    title: `Événement ${slug}`,
    slug: { current: slug },
  }));
  writeFileSync(datasetFile, events.map((doc) => `${JSON.stringify(doc)}\n`).join(''));
  lake = await startContentLake({ port: 0, datasetFile });
});
afterEach(() => {
  if (apiHostBefore === undefined) delete process.env.SANITY_API_HOST;
  else process.env.SANITY_API_HOST = apiHostBefore;
  forgetSettings();
});
afterAll(async () => {
  await lake.stop();
  rmSync(directory, { recursive: true, force: true });
});

describe('GROQ queries with fetch (functions/shared/content)', () => {
  it('answers the result, with parameters, from the local Content Lake', async () => {
    useApiHost(lake.url);
    const titles = await queryContentLake<string[]>(
      '*[_type == "event" && slug.current in $slugs] | order(_id).title',
      { slugs: ['debat', 'visite'] },
      null,
    );
    expect(titles).toEqual(['Événement debat', 'Événement visite']);
  });

  it('sends a query too long for a URL as a POST, with the same answer', async () => {
    useApiHost(lake.url);
    // A text search hands the programme thousands of ids: far past the 11 KiB of a GET.
    const ids = [...Array.from({ length: 2000 }, (_, i) => `absent-${i}`), 'event-2'];
    expect(await queryContentLake<string[]>('*[_id in $ids]._id', { ids }, null)).toEqual(['event-2']);
  });
});

/** A Content Lake that answers what the test says, and records what it was asked. */
async function withLakeAnswering(
  answers: { status: number; body: string }[],
  run: (requests: IncomingMessage[]) => Promise<void>,
): Promise<void> {
  const requests: IncomingMessage[] = [];
  const server = createServer((request, response) => {
    requests.push(request);
    const answer = answers[Math.min(requests.length, answers.length) - 1] ?? { status: 500, body: '' };
    response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  useApiHost(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  try {
    await run(requests);
  } finally {
    server.close();
  }
}

describe('a Content Lake that fails', () => {
  it('is asked again after a 503 or a 429, with the read token, on the published perspective', async () => {
    const unavailable = { status: 503, body: '{"error":"busy"}' };
    await withLakeAnswering(
      [unavailable, { status: 429, body: '{}' }, { status: 200, body: '{"result":42,"ms":1}' }],
      async (requests) => {
        expect(await queryContentLake<number>('count(*)', {}, 'read-token')).toBe(42);
        expect(requests).toHaveLength(3);
        const url = new URL(requests[2]?.url ?? '', 'http://x');
        expect(url.pathname).toBe('/v2025-02-19/data/query/production');
        expect(url.searchParams.get('perspective')).toBe('published');
        expect(requests[2]?.headers.authorization).toBe('Bearer read-token');
      },
    );
  });

  it('is not asked again after a refusal, and the error names the status, not the query', async () => {
    await withLakeAnswering(
      [{ status: 400, body: '{"error":{"description":"bad $secret"}}' }],
      async (requests) => {
        const failure = queryContentLake('*[_id == $secret]', { secret: 'personne@exemple.fr' }, null);
        await expect(failure).rejects.toThrow(ContentQueryError);
        await expect(failure).rejects.toThrow('The Content Lake answered HTTP 400 to a query');
        expect(requests).toHaveLength(1);
      },
    );
  });
});
