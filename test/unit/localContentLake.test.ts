import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  assertSafePath,
  ContentLakeDocuments,
  MutationError,
} from '../../infra/local/contentLakeDocuments.ts';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});
function dataset(): { datasetFile: string; persistFile: string } {
  const directory = mkdtempSync(join(tmpdir(), 'essaim-lake-'));
  directories.push(directory);
  const datasetFile = join(directory, 'dataset.ndjson');
  writeFileSync(
    datasetFile,
    `${JSON.stringify({ _id: 'event-1', _type: 'event', title: 'Atelier', venue: { city: 'Rennes' } })}\n`,
  );
  return { datasetFile, persistFile: join(directory, 'lake.ndjson') };
}

describe('Content Lake stand-in documents', () => {
  it('refuses patch paths that lead to a prototype, and pollutes nothing', async () => {
    const documents = new ContentLakeDocuments({ datasetFile: dataset().datasetFile });
    for (const path of [
      '__proto__.polluted',
      'constructor.prototype.polluted',
      'venue.__proto__.polluted',
      'a..b',
    ])
      await expect(
        documents.apply([{ patch: { id: 'event-1', set: { [path]: true } } }], 'r1'),
      ).rejects.toThrow(MutationError);
    await expect(documents.apply([{ patch: { id: 'event-1', unset: ['__proto__'] } }], 'r1')).rejects.toThrow(
      MutationError,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(() => assertSafePath('constructor')).toThrow(MutationError);
    expect(() => assertSafePath('items[_key=="a"].prototype')).toThrow(MutationError);
    expect(() => assertSafePath('items[_key=="a"].title')).not.toThrow();
    expect(documents.get('event-1')?.title).toBe('Atelier');
  });

  it('applies a transaction whole or not at all', async () => {
    const documents = new ContentLakeDocuments({ datasetFile: dataset().datasetFile });
    const transaction = [
      { patch: { id: 'event-1', set: { title: 'Atelier renommé' } } },
      { patch: { id: 'absent', set: { title: 'x' } } },
    ];
    await expect(documents.apply(transaction, 'r2')).rejects.toThrow(MutationError);
    expect(documents.get('event-1')?.title).toBe('Atelier');
    await expect(
      documents.apply([{ patch: { id: 'event-1', set: { 'venue.city': 3 } } }], 'r3'),
    ).resolves.toHaveLength(1);
    // As @sanity/mutator (the Studio's own patcher) does: a set through a value replaces it.
    await documents.apply([{ patch: { id: 'event-1', set: { 'venue.city.name': 'x' } } }], 'r4');
    expect(documents.get('event-1')?.venue).toEqual({ city: { name: 'x' } });
  });

  it('keeps editors’ changes in its file and starts from it next time', async () => {
    const files = dataset();
    const first = new ContentLakeDocuments(files);
    await first.apply(
      [
        { patch: { id: 'event-1', set: { title: 'Atelier déplacé', 'venue.city': 'Brest' } } },
        { create: { _id: 'event-2', _type: 'event', title: 'Nouveau' } },
      ],
      'rev-after',
    );
    const saved = readFileSync(files.persistFile, 'utf8').trim().split('\n');
    expect(saved).toHaveLength(2);
    const second = new ContentLakeDocuments(files);
    expect(second.get('event-1')).toMatchObject({
      title: 'Atelier déplacé',
      venue: { city: 'Brest' },
      _rev: 'rev-after',
    });
    expect(second.get('event-2')?.title).toBe('Nouveau');
    expect(second.published()).toHaveLength(2);
    // Without a file to keep them in, changes live in memory only.
    const inMemory = new ContentLakeDocuments({ datasetFile: files.datasetFile });
    expect(inMemory.get('event-1')?.title).toBe('Atelier');
  });
});
