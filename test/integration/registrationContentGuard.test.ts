import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTableName } from '../../infra/local/localEnvironment.ts';
import { atTime, inProcessRoute, registersAtOnce, stackNow } from './abuseSupport.ts';
import {
  type DemoEvent,
  demoDocuments,
  documentClient,
  editorClient,
  settled,
  uniqueEmail,
} from './support.ts';

/**
 * A registration is decided on the event as of the last recorded edit, not as a warm function
 * cached it: the content revision is read again (one consistent read) before each decision.
 * Here the function's cache never checks the revision by itself (an hour between checks): only
 * that read can send it back to the content an editor just changed.
 */
/** An event of this test alone (a demo event may be closed or full by another file's tests). */
const template = demoDocuments<DemoEvent & Record<string, unknown>>('event').find(
  (candidate) =>
    candidate.status === 'scheduled' &&
    candidate.registration.capacity === undefined &&
    registersAtOnce(candidate),
) as DemoEvent & Record<string, unknown>;
const event: DemoEvent = {
  ...template,
  _id: `event-garde-${randomUUID().slice(0, 8)}`,
  slug: { current: `garde-contenu-${randomUUID().slice(0, 8)}` },
} as DemoEvent;

const revision = async () =>
  (
    await documentClient().send(
      new GetCommand({
        TableName: localTableName('contentChanges'),
        Key: { pk: 'REVISION' },
        ConsistentRead: true,
      }),
    )
  ).Item?.revision as string | undefined;

let register: Awaited<ReturnType<typeof inProcessRoute>>;
beforeAll(async () => {
  await editorClient().create({
    ...template,
    _id: event._id,
    slug: { _type: 'slug', current: event.slug.current },
  });
  register = await inProcessRoute(
    () => import('../../functions/registrations/registerForEvent.ts'),
    'POST /events/{slug}/registrations',
  );
  // After the local environment (its 1 s), before the first request reads the setting.
  process.env.CONTENT_REVISION_CHECK_MS = '3600000';
});

afterAll(async () => {
  await editorClient().delete(event._id);
});

const registerAs = (label: string) =>
  atTime(stackNow, () =>
    register({
      sourceIp: '203.0.113.77',
      pathParameters: { slug: event.slug.current },
      body: { name: 'Alex Martin', email: uniqueEmail(label), consent: true },
    }),
  );

describe('a registration and the content it was decided on', () => {
  it('is refused as soon as an editor closes registration, though the function cached it open', async () => {
    expect((await registerAs('avant-fermeture')).status).toBe(201);
    await editAndWaitForItsRevision({ 'registration.enabled': false });
    const refused = await registerAs('apres-fermeture');
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toBe('Cette manifestation ne propose pas d’inscription en ligne.');
  });

  it('is taken as soon as an editor opens registration again, though the function cached it closed', async () => {
    // The function's cache holds the closed event now (the refusal above read it).
    expect((await registerAs('encore-fermee')).status).toBe(409);
    await editAndWaitForItsRevision({ 'registration.enabled': true });
    expect((await registerAs('apres-reouverture')).status).toBe(201);
  });
});

describe('a registration once the programme snapshot holds the last edit', () => {
  const pointerAndMarker = () =>
    Promise.all(
      [
        { TableName: localTableName('programme'), Key: { pk: 'CURRENT' } },
        { TableName: localTableName('contentChanges'), Key: { pk: 'REVISION' } },
      ].map(
        async (read) => (await documentClient().send(new GetCommand({ ...read, ConsistentRead: true }))).Item,
      ),
    );

  /** Until the webhook recorded this revision of the document (its `CHANGE#` item). */
  const recorded = (id: string, revision: string) =>
    expect
      .poll(
        async () =>
          (
            await documentClient().send(
              new GetCommand({
                TableName: localTableName('contentChanges'),
                Key: { pk: `CHANGE#${id}#${revision}` },
                ConsistentRead: true,
              }),
            )
          ).Item !== undefined,
        { timeout: 20_000, interval: 100 },
      )
      .toBe(true);

  /** Until the current snapshot's query began after the last recorded change of an event. */
  const snapshotHoldsLastEventChange = () =>
    expect
      .poll(
        async () => {
          const [pointer, marker] = await pointerAndMarker();
          return Number(pointer?.queriedAt) > Date.parse(String(marker?.eventChangedAt));
        },
        { timeout: 20_000, interval: 100 },
      )
      .toBe(true);

  /** Registers someone new to `slug`; answers the status and the Content Lake's queries for an event. */
  async function registerCountingEventQueries(slug: string, label: string) {
    const contentLake = process.env.SANITY_API_HOST ?? '';
    expect(contentLake).not.toBe('');
    const realFetch = globalThis.fetch;
    const eventQueries: string[] = [];
    globalThis.fetch = (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      // The events' queries only (the site settings' own cache follows the revision).
      if (url.startsWith(contentLake)) {
        const query = new URL(url).searchParams.get('query') ?? String(init?.body ?? '');
        if (query.includes('_type == "event"')) eventQueries.push(query);
      }
      return realFetch(input, init);
    };
    try {
      const answer = await atTime(stackNow, () =>
        register({
          sourceIp: '203.0.113.78',
          pathParameters: { slug },
          body: { name: 'Alex Martin', email: uniqueEmail(label), consent: true },
        }),
      );
      return { status: answer.status, eventQueries };
    } finally {
      globalThis.fetch = realFetch;
    }
  }

  /**
   * A registration to `slug`'s event made while the snapshot holds the last change of an event. Another
   * test's event change landing meanwhile (a late webhook of a deletion, say) rightly sends the
   * function back to the Content Lake: such a try proves nothing and is made again.
   */
  async function registerWhileSnapshotHolds(slug: string, label: string) {
    await settled();
    for (let attempt = 1; ; attempt++) {
      await snapshotHoldsLastEventChange();
      const before = (await pointerAndMarker())[1]?.eventChangedAt;
      const outcome = await registerCountingEventQueries(slug, `${label}-${attempt}`);
      if ((await pointerAndMarker())[1]?.eventChangedAt === before || attempt === 5) return outcome;
    }
  }

  it('is decided from the snapshot, with no Content Lake query for the event', async () => {
    // An event this process never read: the Content Lake path would have to query it.
    const fresh = {
      ...template,
      _id: `event-instantane-${randomUUID().slice(0, 8)}`,
      slug: { _type: 'slug', current: `instantane-${randomUUID().slice(0, 8)}` },
    };
    const created = await editorClient().create(fresh);
    try {
      await recorded(fresh._id, created._rev);
      expect(await registerWhileSnapshotHolds(fresh.slug.current, 'instantane')).toEqual({
        status: 201,
        eventQueries: [],
      });
      // Another edit (the text, which the snapshot leaves out, but its `_updatedAt` moves): the
      // function catches up with the new snapshot by its delta, and still makes no query.
      const edited = await editorClient()
        .patch(fresh._id)
        .set({
          body: [
            {
              _type: 'block',
              _key: 'texte',
              children: [{ _type: 'span', _key: 's', text: 'Nouveau texte.' }],
            },
          ],
        })
        .commit();
      await recorded(fresh._id, edited._rev);
      expect(await registerWhileSnapshotHolds(fresh.slug.current, 'instantane-texte')).toEqual({
        status: 201,
        eventQueries: [],
      });
    } finally {
      await editorClient().delete(fresh._id);
    }
  });
});

/** An editor's change to the event, once the webhook recorded it (the revision moved to it). */
async function editAndWaitForItsRevision(changes: Record<string, unknown>): Promise<void> {
  const before = await revision();
  await editorClient().patch(event._id).set(changes).commit();
  const deadline = Date.now() + 10_000;
  for (;;) {
    const now = await revision();
    if (now !== before && now?.startsWith(`${event._id}#`)) return;
    if (Date.now() > deadline) throw new Error('the webhook never recorded the edit');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
