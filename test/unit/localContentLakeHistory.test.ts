import { applyPatch } from 'mendoza';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http2Fetch, startTestLake, type TestLake } from './contentLakeStudioSupport.ts';

let test: TestLake;
beforeAll(async () => {
  test = await startTestLake();
});
afterAll(() => test?.stop());

interface Entry {
  id: string;
  author: string;
  timestamp: string;
  documentIDs: string[];
  effects: Record<string, { apply: unknown[]; revert: unknown[] }>;
}

/** The translog as the Studio's history panel reads it (NDJSON). */
async function transactions(ids: string, query: string): Promise<Entry[]> {
  const { fetch, close } = http2Fetch(test.lake.certificate?.certificate ?? '');
  try {
    const answer = await fetch(
      `${test.lake.studioUrl}/v2025-02-19/data/history/production/transactions/${ids}?${query}`,
    );
    expect(answer.headers.get('content-type')).toBe('application/x-ndjson');
    return (await answer.text())
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
  } finally {
    close();
  }
}

describe('the translog (document history)', () => {
  it('tells the transactions of a document, and the document at any revision, even after a restart', async () => {
    const editor = test.client();
    const edit = (title: string, transactionId: string) =>
      editor.action(
        {
          actionType: 'sanity.action.document.edit',
          draftId: 'drafts.event-1',
          publishedId: 'event-1',
          patch: { set: { title } },
        },
        { transactionId },
      );
    await edit('Atelier compost, première version', 'h-edit-1');
    await edit('Atelier compost, seconde version', 'h-edit-2');
    await editor.action(
      { actionType: 'sanity.action.document.publish', draftId: 'drafts.event-1', publishedId: 'event-1' },
      { transactionId: 'h-publish' },
    );
    await editor.patch('region-53').set({ name: 'Bretagne' }).commit({ transactionId: 'h-elsewhere' });

    const query =
      'effectFormat=mendoza&excludeContent=true&excludeMutations=true&includeIdentifiedDocumentsOnly=true';
    const newestFirst = await transactions('event-1,drafts.event-1', `${query}&reverse=true&limit=50`);
    expect(newestFirst.map((entry) => entry.id)).toEqual(['h-publish', 'h-edit-2', 'h-edit-1']);
    expect(newestFirst[0]).toMatchObject({
      author: 'p-essaim-administrator',
      documentIDs: ['event-1', 'drafts.event-1'],
    });
    // The second edit's effect on the draft, applied to the first version, gives the second.
    const first = (
      await editor.request({ url: '/data/history/production/documents/drafts.event-1?revision=h-edit-1' })
    ).documents[0];
    expect(first).toMatchObject({
      _id: 'drafts.event-1',
      _rev: 'h-edit-1',
      title: 'Atelier compost, première version',
    });
    const { _rev, ...firstContent } = first;
    expect(applyPatch(firstContent, newestFirst[1]?.effects['drafts.event-1']?.apply as never)).toMatchObject(
      {
        title: 'Atelier compost, seconde version',
      },
    );
    // A range, both ends included, oldest first; the other document's transaction is not there.
    const range = await transactions(
      'drafts.event-1',
      `${query}&fromTransaction=h-edit-2&toTransaction=h-publish`,
    );
    expect(range.map((entry) => entry.id)).toEqual(['h-edit-2', 'h-publish']);
    expect(Object.keys(range[1]?.effects ?? {})).toEqual(['drafts.event-1']);

    test = await test.restart();
    const after = test.client();
    // The deleted draft's last revision, and the published document before its publication.
    const last = await after.request({
      url: '/data/history/production/documents/drafts.event-1?lastRevision=true',
    });
    expect(last.documents).toMatchObject([{ _rev: 'h-edit-2', title: 'Atelier compost, seconde version' }]);
    const before = await after.request({
      url: `/data/history/production/documents/event-1?time=${encodeURIComponent(newestFirst[1]?.timestamp ?? '')}`,
    });
    expect(before.documents).toMatchObject([{ _id: 'event-1', title: 'Atelier compost' }]);
    expect((await transactions('event-1', query)).map((entry) => entry.id)).toEqual(['h-publish']);
  });
});
