import type { MutationEvent, SanityClient } from '@sanity/client';
import { isValidSignature } from '@sanity/webhook';
import { applyPatch } from 'mendoza';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ReceivedWebhook,
  startTestLake,
  startWebhookReceiver,
  type TestLake,
  until,
} from './contentLakeStudioSupport.ts';

const secret = 'test-webhook-secret';
let test: TestLake;
let webhooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
let editor: SanityClient;

beforeAll(async () => {
  webhooks = await startWebhookReceiver();
  test = await startTestLake({ webhook: { url: webhooks.url, secret } });
  editor = test.client();
});
afterAll(async () => {
  await test?.stop();
  await webhooks?.stop();
});

type Listened = { type: string } & Partial<Omit<MutationEvent, 'type'>>;
/** Opens a listener as the Studio's document pair does, and collects what it receives. */
async function listenTo(ids: string[]): Promise<{ events: Listened[]; stop(): void }> {
  const events: Listened[] = [];
  const subscription = editor
    .listen('*[_id in $ids]', { ids }, {
      effectFormat: 'mendoza',
      includeAllVersions: true,
      enableResume: true,
      events: ['welcome', 'mutation'],
    } as never)
    .subscribe((event) => events.push(event as Listened));
  await until(
    () => events,
    (all) => all.some((event) => event.type === 'welcome'),
  );
  return { events, stop: () => subscription.unsubscribe() };
}

const without = <T extends Record<string, unknown>>(doc: T | null | undefined, ...fields: string[]) =>
  doc ? Object.fromEntries(Object.entries(doc).filter(([name]) => !fields.includes(name))) : null;
const webhooksFor = (id: string) =>
  webhooks.received.filter((hook) => hook.headers['sanity-document-id'] === id);
const payloadOf = (hook: ReceivedWebhook | undefined) => JSON.parse(hook?.body ?? 'null');

describe('the Studio endpoint of the Content Lake stand-in (HTTPS, HTTP/2)', () => {
  it('answers the Studio’s user, an administrator unless a role is asked for', async () => {
    expect(await editor.request({ url: '/users/me' })).toMatchObject({
      id: 'p-essaim-administrator',
      role: 'administrator',
      roles: [{ name: 'administrator' }],
    });
    const contributor = test.client('contributor');
    expect(await contributor.request({ url: '/users/me' })).toMatchObject({ role: 'contributor' });
    const grants = await contributor.request<{ filter: string; permissions: string[] }[]>({
      url: '/projects/essaimdemo/datasets/production/acl',
    });
    expect(grants).toContainEqual({ filter: '_id in path("drafts.**")', permissions: ['create', 'update'] });
    expect(
      grants.some((grant) => grant.filter === '_id in path("**")' && grant.permissions.includes('update')),
    ).toBe(false);
  });

  it('streams one event per document per transaction, revisions chained, effects in mendoza', async () => {
    const listener = await listenTo(['event-1', 'drafts.event-1']);
    const published = (await editor.getDocument('event-1')) as Record<string, unknown>;
    await editor.action(
      [
        {
          actionType: 'sanity.action.document.edit',
          draftId: 'drafts.event-1',
          publishedId: 'event-1',
          patch: { diffMatchPatch: { title: '@@ -1,15 +1,24 @@\n Atelier compost\n+ partagé\n' } },
        },
      ],
      { transactionId: 'tx-edit-1' },
    );
    await editor.action(
      {
        actionType: 'sanity.action.document.edit',
        draftId: 'drafts.event-1',
        publishedId: 'event-1',
        patch: {
          insert: { after: 'tags[-1]', items: ['compost'] },
          inc: { attendance: 2 },
          set: { 'venue.city': 'Brest', startsAt: '2027-11-05T15:00:00.000Z' },
        },
      },
      { transactionId: 'tx-edit-2' },
    );
    await editor.action(
      { actionType: 'sanity.action.document.publish', draftId: 'drafts.event-1', publishedId: 'event-1' },
      { transactionId: 'tx-publish' },
    );
    const mutations = await until(
      () => listener.events.filter((event) => event.type === 'mutation'),
      (all) => all.length === 4,
    );
    listener.stop();
    expect(listener.events[0]?.type).toBe('welcome');
    const [created, edited, publishedEvent, discardedDraft] = mutations;
    // The draft's first event: a create, appearing, with no previous revision.
    expect(created).toMatchObject({
      documentId: 'drafts.event-1',
      transactionId: 'tx-edit-1',
      resultRev: 'tx-edit-1',
      transition: 'appear',
      transactionTotalEvents: 1,
      transactionCurrentEvent: 0,
      identity: 'p-essaim-administrator',
    });
    expect(created?.previousRev).toBeUndefined();
    expect(Object.keys(created?.mutations?.[0] ?? {})).toEqual(['create']);
    expect(edited).toMatchObject({ previousRev: 'tx-edit-1', resultRev: 'tx-edit-2', transition: 'update' });
    // The publish: both documents, one transaction, the published one chained to its old revision.
    expect(publishedEvent).toMatchObject({
      documentId: 'event-1',
      previousRev: published._rev,
      resultRev: 'tx-publish',
      transactionTotalEvents: 2,
      transactionCurrentEvent: 0,
    });
    expect(discardedDraft).toMatchObject({
      documentId: 'drafts.event-1',
      previousRev: 'tx-edit-2',
      transition: 'disappear',
      transactionCurrentEvent: 1,
      mutations: [{ delete: { id: 'drafts.event-1' } }],
    });
    // Applying the effects in order rebuilds the draft as stored (`result`), as the Studio does;
    // reverting them goes back.
    let draft: unknown = null;
    for (const event of [created, edited, discardedDraft]) {
      const next = event?.result ? without(event.result, '_rev') : null;
      expect(applyPatch(draft, event?.effects?.apply as never)).toEqual(next);
      expect(applyPatch(next, event?.effects?.revert as never)).toEqual(draft);
      draft = next;
    }
    const publishedNow = await editor.getDocument('event-1');
    expect(applyPatch(without(published, '_rev'), publishedEvent?.effects?.apply as never)).toEqual(
      without(publishedNow, '_rev'),
    );
    expect(applyPatch(without(publishedNow, '_rev'), publishedEvent?.effects?.revert as never)).toEqual(
      without(published, '_rev'),
    );
    expect(publishedNow).toMatchObject({
      _rev: 'tx-publish',
      title: 'Atelier compost partagé',
      tags: ['jardin', 'compost'],
      attendance: 5,
      venue: { city: 'Brest' },
    });
    expect(await editor.getDocument('drafts.event-1')).toBeUndefined();
  });

  it('sends the signed webhook for published changes only, with the declared projection', async () => {
    const hooks = await until(
      () => webhooksFor('event-1'),
      (all) => all.length === 1,
    );
    // Two edits of the draft sent nothing; the publish sent one call.
    expect(
      webhooks.received.filter((hook) => String(hook.headers['sanity-document-id']).startsWith('drafts.')),
    ).toEqual([]);
    const [hook] = hooks;
    expect(
      await isValidSignature(hook?.body ?? '', String(hook?.headers['sanity-webhook-signature']), secret),
    ).toBe(true);
    expect(payloadOf(hook)).toMatchObject({
      documentId: 'event-1',
      type: 'event',
      revision: 'tx-publish',
      operation: 'update',
      before: { startsAt: '2027-11-05T14:00:00.000Z', venue: { city: 'Rennes' } },
      after: { startsAt: '2027-11-05T15:00:00.000Z', venue: { city: 'Brest' }, slug: 'atelier-compost' },
    });
    expect(hook?.headers['sanity-transaction-id']).toBe('tx-publish');
  });

  it('unpublishes, discards and deletes as the Studio asks', async () => {
    await editor.action({
      actionType: 'sanity.action.document.unpublish',
      draftId: 'drafts.page-about',
      publishedId: 'page-about',
    });
    expect(await editor.getDocument('page-about')).toBeUndefined();
    expect(await editor.getDocument('drafts.page-about')).toMatchObject({ title: 'À propos' });
    const [unpublished] = await until(
      () => webhooksFor('page-about'),
      (all) => all.length === 1,
    );
    expect(payloadOf(unpublished)).toMatchObject({
      operation: 'delete',
      before: { title: 'À propos' },
      after: null,
    });

    await editor.action({
      actionType: 'sanity.action.document.version.discard',
      versionId: 'drafts.event-2',
    });
    expect(await editor.getDocument('drafts.event-2')).toBeUndefined();
    await editor.action({ actionType: 'sanity.action.document.discard', draftId: 'drafts.page-about' });
    expect(await editor.getDocument('drafts.page-about')).toBeUndefined();

    await editor.action({
      actionType: 'sanity.action.document.edit',
      draftId: 'drafts.event-1',
      publishedId: 'event-1',
      patch: { set: { title: 'À supprimer' } },
    });
    await expect(
      editor.action({
        actionType: 'sanity.action.document.delete',
        publishedId: 'event-1',
        includeDrafts: [],
      }),
    ).rejects.toMatchObject({ statusCode: 409 });
    await editor.action({
      actionType: 'sanity.action.document.delete',
      publishedId: 'event-1',
      includeDrafts: ['drafts.event-1'],
    });
    expect(await editor.getDocuments(['event-1', 'drafts.event-1'])).toEqual([null, null]);
    // The regions, outside this transaction, are untouched.
    expect(await editor.getDocument('region-53')).toMatchObject({ name: 'Bretagne' });
  });
});
