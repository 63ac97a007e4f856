import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { lambdaContext } from '../../infra/local/lambdaContext.ts';
import { localContentLakeToken } from '../../infra/local/localEnvironment.ts';
import {
  apiUrl,
  type DemoEvent,
  demoDocuments,
  editorClient,
  useLocalFunctionEnvironment,
} from './support.ts';

/**
 * The programme's read model (a snapshot rebuilt from the Content Lake when content changes):
 * published events only, deletions followed, and what a lost webhook left behind repaired by
 * the scheduled resync.
 */
interface Page {
  items: { id: string; title: string; region: { code: string } | null }[];
  total: number;
}

const template = demoDocuments<DemoEvent & Record<string, unknown>>('event')[0] as DemoEvent &
  Record<string, unknown>;
/** A word no demo event has: each test's events are found by it. */
const marker = () => `zqx${randomUUID().slice(0, 8)}`;

const eventNamed = (id: string, title: string) => ({
  ...template,
  _id: id,
  title,
  slug: { _type: 'slug', current: id },
});

const search = async (word: string): Promise<Page> => {
  const response = await fetch(`${apiUrl()}/events?q=${word}&limit=100`);
  expect(response.status).toBe(200);
  return (await response.json()) as Page;
};

/** Polls the programme until `done` holds (the webhook, the stream worker, the rebuild, the pointer check). */
async function programmeUntil(word: string, done: (page: Page) => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let page = await search(word);
  while (!done(page) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    page = await search(word);
  }
  return page;
}

const switchWebhook = async (enabled: boolean) => {
  const response = await fetch(`${inject('contentLakeUrl')}/local/webhook`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${localContentLakeToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ enabled }),
  });
  expect(response.status).toBe(200);
};

let resyncProgramme: () => Promise<unknown>;
beforeAll(async () => {
  useLocalFunctionEnvironment();
  const { handler } = (await import('../../functions/programme/resyncProgrammeSnapshot.ts')) as unknown as {
    handler: (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;
  };
  resyncProgramme = () => handler({}, lambdaContext('resyncProgrammeSnapshot'));
});
afterAll(async () => {
  await switchWebhook(true);
});

describe('the programme read model', () => {
  it('shows published events only, and drops one as soon as it is deleted', async () => {
    const word = marker();
    const editor = editorClient();
    const draftId = `event-${word}-draft`;
    const publishedId = `event-${word}-published`;
    // A draft first, then a published event: a snapshot that has the second was read after the first.
    await editor.create(eventNamed(`drafts.${draftId}`, `Brouillon ${word}`));
    await editor.create(eventNamed(publishedId, `Publié ${word}`));
    const shown = await programmeUntil(word, (page) => page.total > 0);
    expect(shown.items.map((item) => item.id)).toEqual([publishedId]);
    expect(shown.total).toBe(1);

    // Its region's count on the map moves with it, and adds up to the programme's total.
    const regions = (await (await fetch(`${apiUrl()}/regions?q=${word}`)).json()) as { count: number }[];
    expect(regions.reduce((sum, region) => sum + region.count, 0)).toBe(1);

    await editor.delete(publishedId);
    const gone = await programmeUntil(word, (page) => page.total === 0);
    expect(gone).toEqual({ items: [], total: 0, nextCursor: null });
    await editor.delete(`drafts.${draftId}`);
  });

  it('repairs what a lost webhook left behind at the scheduled resync, deletions included', async () => {
    const word = marker();
    const editor = editorClient();
    const kept = `event-${word}-kept`;
    const deleted = `event-${word}-deleted`;
    await editor.create(eventNamed(kept, `Gardé ${word}`));
    await editor.create(eventNamed(deleted, `Supprimé ${word}`));
    expect((await programmeUntil(word, (page) => page.total === 2)).total).toBe(2);

    // The webhook is off: these changes never reach the stack.
    await switchWebhook(false);
    try {
      const added = `event-${word}-added`;
      await editor.delete(deleted);
      await editor.create(eventNamed(added, `Ajouté ${word}`));
      await editor
        .patch(kept)
        .set({ title: `Gardé et renommé ${word}` })
        .commit();
      // Past the functions' pointer check (a second locally): still the programme before the changes.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const stale = await search(word);
      expect(stale.items.map((item) => item.id).sort()).toEqual([deleted, kept].sort());

      await resyncProgramme();
      const repaired = await programmeUntil(word, (page) => page.items.some((item) => item.id === added));
      expect(repaired.items.map((item) => item.id).sort()).toEqual([added, kept].sort());
      expect(repaired.items.find((item) => item.id === kept)?.title).toBe(`Gardé et renommé ${word}`);
      await editor.delete(added);
    } finally {
      await switchWebhook(true);
    }
    await editor.delete(kept);
    expect((await programmeUntil(word, (page) => page.total === 0)).total).toBe(0);
  });

  it('replaces nothing when a resync reads the same content, and the programme has every event of it', async () => {
    const outcome = (await resyncProgramme()) as { outcome: string; events: number };
    expect(outcome.outcome).toBe('unchanged');
    const { total } = await search('');
    expect(total).toBe(outcome.events);
  });
});

describe('GET /campaigns/{campaign}', () => {
  it('answers the campaign’s days and its submission window by the stack’s clock, or a French 404', async () => {
    const response = await fetch(`${apiUrl()}/campaigns/mois-ess-2027`);
    expect(response.status).toBe(200);
    const campaign = (await response.json()) as Record<string, unknown>;
    const { total } = (await (
      await fetch(`${apiUrl()}/events?campaign=mois-ess-2027&limit=1`)
    ).json()) as Page;
    expect(campaign).toMatchObject({
      slug: 'mois-ess-2027',
      startsOn: '2027-11-01',
      endsOn: '2027-11-30',
      // The test stack's clock is 20 October 2027: proposals closed on the 15th.
      submissions: { state: 'closed', closesAt: expect.stringMatching(/^2027-10-1[56]T/) },
      events: total,
    });

    const unknown = await fetch(`${apiUrl()}/campaigns/pas-de-campagne`, {
      headers: { 'accept-language': 'fr' },
    });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { detail: string }).detail).toBe(
      'Aucune campagne ne correspond à « pas-de-campagne ».',
    );
  });
});
