import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { encodeSignatureHeader } from '@sanity/webhook';
import { beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext } from '../../infra/local/lambdaContext.ts';
import { localTableName, localWebhookSecret } from '../../infra/local/localEnvironment.ts';
import {
  apiUrl,
  demoDocuments,
  documentClient,
  editorClient,
  useLocalFunctionEnvironment,
} from './support.ts';

const changes = localTableName('contentChanges');
const item = async (pk: string) =>
  (await documentClient().send(new GetCommand({ TableName: changes, Key: { pk }, ConsistentRead: true })))
    .Item;
/** A genuine-looking delivery of the webhook for a document of nobody's concern (a page). */
const delivery = (documentId = `page-essai-${randomUUID()}`) =>
  JSON.stringify({
    documentId,
    type: 'page',
    revision: `rev-${randomUUID()}`,
    operation: 'update',
    updatedAt: new Date().toISOString(),
    before: null,
    after: null,
  });
const post = (body: string, signature: string, key = randomUUID()) =>
  fetch(`${apiUrl()}/webhooks/sanity`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'sanity-webhook-signature': signature,
      'idempotency-key': key,
    },
    body,
  });
const signedAt = (body: string, offsetMs: number) =>
  encodeSignatureHeader(body, Date.now() + offsetMs, localWebhookSecret);
const changeKeyOf = (body: string) => {
  const { documentId, revision } = JSON.parse(body) as { documentId: string; revision: string };
  return `CHANGE#${documentId}#${revision}`;
};

let resync: () => Promise<unknown>;
beforeAll(async () => {
  useLocalFunctionEnvironment();
  const { handler } = (await import('../../functions/contentChanges/resyncContent.ts')) as unknown as {
    handler: (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;
  };
  resync = () => handler({}, lambdaContext('resyncContent'));
});

describe('the content webhook, fresh and once', () => {
  it('refuses a signature older than 15 minutes or more than a minute ahead, and takes one within', async () => {
    for (const offset of [-16 * 60_000, -5 * 365 * 86_400_000, 2 * 60_000, 75 * 365 * 86_400_000]) {
      const body = delivery();
      const answer = await post(body, await signedAt(body, offset));
      expect(answer.status, String(offset)).toBe(401);
      expect(((await answer.json()) as { detail: string }).detail).toContain(
        'trop ancienne, ou datée du futur',
      );
      expect(await item(changeKeyOf(body))).toBeUndefined();
    }
    for (const offset of [-14 * 60_000, 30_000]) {
      const body = delivery();
      expect((await post(body, await signedAt(body, offset))).status).toBe(202);
      expect(await item(changeKeyOf(body))).toBeDefined();
    }
  });

  it('ignores a delivery it already processed: same idempotency key, or the same signed request', async () => {
    const body = delivery();
    const signature = await signedAt(body, 0);
    const key = randomUUID();
    const first = await post(body, signature, key);
    expect(await first.json()).toEqual({ received: true, duplicate: false });
    const revision = (await item('REVISION'))?.revision;
    // A captured request sent again: nothing new, and the revision stays.
    const replayed = await post(body, signature, key);
    expect(replayed.status).toBe(202);
    expect(await replayed.json()).toEqual({ received: true, duplicate: true, replayed: true });
    expect((await item('REVISION'))?.revision).toBe(revision);
    expect(await item(`DELIVERY#${key}`)).toMatchObject({ expiresAt: expect.any(Number) });
  });

  it('lets the resync pick up a genuine change whose webhook was refused', async () => {
    const article = demoDocuments<{ _id: string; slug: { current: string }; title: string }>('article')[0];
    if (!article) throw new Error('the demo has articles');
    const read = async () =>
      ((await (await fetch(`${apiUrl()}/articles/${article.slug.current}`)).json()) as { title: string })
        .title;
    const before = await read();
    // A genuine edit whose webhook the API refuses (a title past the webhook's 64 KiB: 413).
    const title = `Nouveau titre ${randomUUID()} ${'é'.repeat(40_000)}`;
    await editorClient().patch(article._id).set({ title }).commit();
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await read()).toBe(before);
    await resync();
    const deadline = Date.now() + 8000;
    let now = await read();
    while (now !== title && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      now = await read();
    }
    expect(now).toBe(title);
    expect((await item('REVISION'))?.revision).toMatch(new RegExp(`^${article._id}#`));
    // A second run finds nothing new.
    expect(await resync()).toMatchObject({ recorded: 0 });
  });
});
