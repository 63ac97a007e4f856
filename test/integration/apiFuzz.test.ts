import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../functions/system/openApiDocument.ts';
import { answerOf, everyOperation, fuzzOperations, undocumented } from '../support/apiFuzz.ts';
import { type DemoEvent, demoDocuments, editorClient, useLocalFunctionEnvironment } from './support.ts';

/**
 * Property-based fuzzing of every route of the OpenAPI document (`test/support/apiFuzz.ts`):
 * generated valid and invalid requests, each from its own address, through the local stack's
 * route table and handlers; any 5xx (but a documented 503) or undocumented answer fails, shrunk
 * by fast-check to a small request that shows it. `npm run fuzz` runs the same for longer.
 */
const runs = Number(process.env.FUZZ_RUNS ?? 2000);
const document = openApiDocument() as unknown as Parameters<typeof fuzzOperations>[0];
// The fuzz registers to an event of its own: the demo's places stay for the other tests.
const template = demoDocuments<DemoEvent>('event').find(
  (event) => event.status === 'scheduled' && event.registration.capacity === undefined,
) as DemoEvent;
const fuzzEvent = { ...template, _id: 'event-fuzz', slug: { _type: 'slug', current: 'manifestation-fuzz' } };

describe('the API under generated requests', () => {
  beforeAll(async () => {
    useLocalFunctionEnvironment();
    await editorClient().createOrReplace(fuzzEvent);
  });
  // The programme's own tests count the demo's events.
  afterAll(async () => {
    await editorClient().delete(fuzzEvent._id);
  });

  it('drives every operation of the OpenAPI document', () => {
    const covered = new Set(fuzzOperations(document).map(({ method, path }) => `${method} ${path}`));
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.filter((operation) => !covered.has(operation))).toEqual([]);
  });

  it('answers every request as documented, never a 5xx', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(everyOperation(document, { slug: ['manifestation-fuzz'] }), async (request) => {
        const answer = await answerOf(request);
        statuses.set(answer.statusCode ?? 200, (statuses.get(answer.statusCode ?? 200) ?? 0) + 1);
        const problem = undocumented(request, answer);
        if (problem)
          throw new Error(
            `${request.operation.method} ${request.url} (${request.headers['content-type'] ?? 'no type'}): ${problem}\nbody sent: ${request.body.slice(0, 300)}\nanswer: ${String(answer.body).slice(0, 300)}`,
          );
      }),
      { numRuns: runs, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined },
    );
    // Not only refusals: some requests were good enough to be served.
    expect([...statuses.keys()].some((status) => status < 300)).toBe(true);
    expect([...statuses.keys()].some((status) => status >= 400 && status < 500)).toBe(true);
  }, 300_000);
});
