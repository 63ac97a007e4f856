import { readFileSync } from 'node:fs';
import { createClient } from '@sanity/client';
import { validateDocument } from '@sanity/validation';
import { createSchema } from 'sanity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ContentLake, startContentLake } from '../../infra/local/contentLake.ts';
import {
  defaultDemoOptions,
  demoDatasetPath,
  generateDemoDataset,
  toNdjson,
} from '../../studio/demo/generateDemoDataset.ts';
import { schemaTypes } from '../../studio/schemaTypes/index.ts';

type Doc = Record<string, unknown> & { _id: string; _type: string };
const committed = readFileSync(demoDatasetPath, 'utf8');
const documents = committed
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Doc);

/** Sanity's validation of one document, reference checks answered by `lake`, every reference taken as existing. */
async function errorsOf(lake: ContentLake, document: Doc) {
  const result = await validateDocument({
    document: { _createdAt: '', _updatedAt: '', _rev: '', ...document },
    schema: createSchema({ name: 'essaim', types: schemaTypes }),
    client: createClient({
      projectId: 'essaimdemo',
      dataset: 'production',
      apiVersion: '2025-02-19',
      apiHost: lake.url,
      useProjectHostname: false,
      useCdn: false,
    }),
    getDocumentExists: async () => true,
  });
  return result.markers.filter((marker) => marker.level === 'error');
}

/** The fields a document fills, nested, with the values that choose a branch of the schema's rules. */
function shapeOf(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return [...new Set(value.flatMap((item) => shapeOf(item, `${path}[]`)))];
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, inner]) =>
      key.startsWith('_') && key !== '_type' ? [] : shapeOf(inner, `${path}.${key}`),
    );
  return [path];
}

/**
 * The documents whose validation the test runs: all but events, and of the 1,850 events (made by
 * one generator, 9 ms each to validate), one of each shape (fields filled, format, status,
 * attendance) and every tenth. A rule that some generated events break is still met.
 */
function checkedDocuments(all: Doc[]): Doc[] {
  const shapes = new Set<string>();
  return all.filter((doc, index) => {
    if (doc._type !== 'event') return true;
    const shape = [...shapeOf(doc).sort(), doc.format, doc.status, doc.attendanceMode, doc.openToAll].join();
    const fresh = !shapes.has(shape);
    shapes.add(shape);
    return fresh || index % 10 === 0;
  });
}

describe('demo dataset', () => {
  let lake: ContentLake;

  beforeAll(async () => {
    // Reference checks ask a Content Lake whether referenced documents exist: the local stand-in answers.
    lake = await startContentLake({ port: 8120, datasetFile: demoDatasetPath });
  });
  afterAll(() => lake?.stop());

  it('is what the generator writes (deterministic, regenerated with `npm run demo:generate`)', () => {
    expect(toNdjson(generateDemoDataset(defaultDemoOptions))).toBe(committed);
  });

  it('satisfies every rule of the Studio schema: every document but events, and an event of each shape', async () => {
    const schema = createSchema({ name: 'essaim', types: schemaTypes });
    const client = createClient({
      projectId: 'essaimdemo',
      dataset: 'production',
      apiVersion: '2025-02-19',
      useCdn: false,
      apiHost: lake.url,
      useProjectHostname: false,
    });
    const ids = new Set(documents.map((doc) => doc._id));
    const failures: string[] = [];
    const queue = checkedDocuments(documents);
    expect(queue.length).toBeGreaterThan(300);
    // A few documents at a time: custom rules and reference checks are asynchronous.
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let doc = queue.shift(); doc; doc = queue.shift()) {
          const result = await validateDocument({
            document: { _createdAt: '', _updatedAt: '', _rev: '', ...doc },
            schema,
            client,
            // References must point at documents of the dataset itself.
            getDocumentExists: async ({ id }) => ids.has(id),
          });
          for (const marker of result.markers) {
            if (marker.level === 'error')
              failures.push(`${doc._id} ${JSON.stringify(marker.path)}: ${marker.message}`);
          }
        }
      }),
    );
    expect(failures.slice(0, 20)).toEqual([]);
  }, 120_000);

  it('would report a document that breaks the rules', async () => {
    const event = documents.find((doc) => doc._type === 'event') as Doc;
    const broken = {
      ...event,
      endsAt: event.startsAt,
      format: 'karaoke',
      image: { _type: 'accessibleImage', asset: { _type: 'reference', _ref: 'image-abc-10x10-png' } },
    };
    const paths = (await errorsOf(lake, broken)).map((m) => JSON.stringify(m.path));
    expect(paths).toEqual(expect.arrayContaining(['["endsAt"]', '["format"]', '["image","alt"]']));
  });

  it('would report a newsletter without a list, an image without its alternative text or an http link', async () => {
    const newsletter = documents.find((doc) => doc._type === 'newsletter') as Doc;
    const introduction = newsletter.introduction as Record<string, unknown>[];
    const broken = {
      ...newsletter,
      audience: { lists: [] },
      introduction: [
        ...introduction.slice(0, 1),
        { _key: 'img', _type: 'accessibleImage', asset: { _type: 'reference', _ref: 'image-abc-10x10-png' } },
        {
          ...introduction[0],
          _key: 'http',
          markDefs: [{ _key: 'l', _type: 'link', href: 'http://exemple.fr/' }],
          children: [{ _key: 's', _type: 'span', text: 'lien', marks: ['l'] }],
        },
      ],
    };
    const errors = await errorsOf(lake, broken);
    expect(errors.map((m) => JSON.stringify(m.path))).toEqual(
      expect.arrayContaining([
        '["audience","lists"]',
        '["introduction",{"_key":"img"},"alt"]',
        '["introduction",{"_key":"http"},"markDefs",{"_key":"l"},"href"]',
      ]),
    );
    expect(errors.find((m) => m.path.join() === 'audience,lists')?.message).toBe(
      'Choisissez au moins une liste de diffusion.',
    );
  });

  it('covers the programme a campaign needs', () => {
    const events = documents.filter((doc) => doc._type === 'event');
    const byType = (type: string) => documents.filter((doc) => doc._type === type);
    expect(events.length).toBeGreaterThanOrEqual(1800);
    expect(byType('region')).toHaveLength(18);
    expect(byType('organization').length).toBeGreaterThanOrEqual(200);
    expect(byType('article').length).toBeGreaterThanOrEqual(12);
    expect(
      byType('page')
        .map((page) => (page.slug as { current: string }).current)
        .sort(),
    ).toEqual(['mission', 'valeurs', 'vision']);
    const distinct = (values: unknown[]) => new Set(values).size;
    expect(distinct(events.map((e) => (e.region as { _ref: string })._ref))).toBe(18);
    expect(distinct(events.map((e) => e.format))).toBe(12);
    expect(distinct(events.flatMap((e) => e.themes as string[]))).toBe(12);
    expect(distinct(events.map((e) => (e.startsAt as string).slice(0, 10)))).toBe(30);
    expect(distinct(byType('organization').map((o) => o.legalStatus))).toBeGreaterThanOrEqual(10);
    expect(events.some((e) => e.openToAll === false)).toBe(true);
    expect(events.some((e) => e.status === 'cancelled')).toBe(true);
    expect(events.some((e) => e.status === 'full')).toBe(true);
    expect(events.some((e) => (e.registration as { capacity?: number }).capacity)).toBe(true);
    expect(distinct(events.map((e) => (e.slug as { current: string }).current))).toBe(events.length);
    // Newsletters with an archive address, sent to the public lists.
    const newsletters = byType('newsletter');
    expect(newsletters.length).toBeGreaterThanOrEqual(2);
    for (const newsletter of newsletters)
      expect((newsletter.slug as { current: string }).current).toBeTruthy();
    const { lists } = (newsletters[0] as Doc).audience as { lists: { _ref: string }[] };
    expect(lists.map((list) => list._ref)).toEqual([
      'subscriptionList-actualites',
      'subscriptionList-mois-ess',
    ]);
  });

  it('can be made for another year and at ten times the size', () => {
    const next = generateDemoDataset({ ...defaultDemoOptions, year: 2028, events: 100 });
    const campaign = next.find((doc) => doc._type === 'campaign');
    expect(campaign?.startsOn).toBe('2028-11-01');
    expect(
      next.filter((doc) => doc._type === 'event').every((e) => (e.startsAt as string).startsWith('2028-11')),
    ).toBe(true);
  });
});
