import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { SubscriberCountStore } from '../../functions/subscriptions/subscriberCountStore.ts';
import { subscriberCountsDocumentId } from '../../functions/subscriptions/subscriberCounts.ts';
import { lambdaContext } from '../../infra/local/lambdaContext.ts';
import { localTableName } from '../../infra/local/localEnvironment.ts';
import { confirmedSubscriber } from './subscriptionSupport.ts';
import {
  anonymousContentClient,
  apiUrl,
  documentClient,
  editorClient,
  useLocalFunctionEnvironment,
} from './support.ts';

type Lambda = (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;

const counts = () => new SubscriberCountStore(documentClient(), localTableName('subscribers'));

/** Polls the counters until `ready` holds (the stream worker counts a moment after each change). */
async function countersWhen(ready: (counters: Record<string, number>) => boolean) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const { counters } = await counts().read();
    if (ready(counters)) return counters;
    if (Date.now() > deadline) throw new Error(`Counters never matched: ${JSON.stringify(counters)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const value = (counters: Record<string, number>, name: string) => counters[name] ?? 0;

describe('subscriber counts for editors', () => {
  let publish: Lambda;
  let count: Lambda;
  beforeAll(async () => {
    useLocalFunctionEnvironment();
    ({ handler: publish } = (await import(
      '../../functions/subscriptions/publishSubscriberCounts.ts'
    )) as unknown as {
      handler: Lambda;
    });
    ({ handler: count } = (await import('../../functions/subscriptions/countSubscribers.ts')) as unknown as {
      handler: Lambda;
    });
  });

  it('counts confirmed subscribers per list, region, theme and digest, and keeps joins and departures', async () => {
    const before = (await counts().read()).counters;
    const first = await confirmedSubscriber('count-a', {
      lists: ['actualites', 'mois-ess'],
      regions: ['84'],
      themes: ['cooperation'],
      digest: 'monthly',
    });
    await confirmedSubscriber('count-b', { lists: ['mois-ess'], regions: ['84', '11'], digest: 'none' });
    const after = await countersWhen(
      (counters) => value(counters, 'confirmed') === value(before, 'confirmed') + 2,
    );
    const moved = (name: string) => value(after, name) - value(before, name);
    expect(moved('list:mois-ess')).toBe(2);
    expect(moved('list:actualites')).toBe(1);
    expect(moved('region:84')).toBe(2);
    expect(moved('region:11')).toBe(1);
    expect(moved('theme:cooperation')).toBe(1);
    expect(moved('digest:monthly')).toBe(1);
    expect(moved('joined:mois-ess')).toBe(2);

    // Unsubscribing from everything: the subscription goes, the departure stays counted.
    const left = await fetch(`${apiUrl()}/subscriptions/${encodeURIComponent(first.preferencesToken)}`, {
      method: 'DELETE',
    });
    expect(left.status).toBe(200);
    const end = await countersWhen(
      (counters) => value(counters, 'confirmed') === value(after, 'confirmed') - 1,
    );
    expect(value(end, 'list:mois-ess') - value(after, 'list:mois-ess')).toBe(-1);
    expect(value(end, 'left:mois-ess') - value(after, 'left:mois-ess')).toBe(1);
    expect(value(end, 'left:actualites') - value(after, 'left:actualites')).toBe(1);
    expect(value(end, 'joined:mois-ess')).toBe(value(after, 'joined:mois-ess'));
  });

  it('counts a change once, however many times its stream record is delivered', async () => {
    const profile = { status: 'confirmed', lists: ['equipe-test'], regions: [], themes: [], digest: 'none' };
    const record = {
      eventID: `replayed-${Date.now()}`,
      eventName: 'MODIFY',
      dynamodb: {
        Keys: marshall({ pk: 'SUB#replay', sk: 'PROFILE' }),
        OldImage: marshall(profile),
        NewImage: marshall({ ...profile, themes: ['culture'] }),
        SequenceNumber: '1',
      },
    };
    const before = value((await counts().read()).counters, 'theme:culture');
    const event = { Records: [record] } as unknown as DynamoDBStreamEvent;
    for (let delivery = 0; delivery < 3; delivery++) await count(event, lambdaContext('countSubscribers'));
    expect(value((await counts().read()).counters, 'theme:culture')).toBe(before + 1);
  });

  it('shows editors the figures in a private document that a reader without a token cannot see', async () => {
    await confirmedSubscriber('count-published', { lists: ['actualites'] });
    // Other files' subscribers may still be counted: publish until what was shown is the latest.
    let shown: Awaited<ReturnType<SubscriberCountStore['read']>> | undefined;
    for (let attempt = 0; attempt < 50 && !shown; attempt++) {
      await publish({}, lambdaContext('publishSubscriberCounts'));
      const stored = await counts().read();
      if (stored.publishedVersion === stored.version) shown = stored;
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(shown, 'the counters never stood still').toBeDefined();
    const { counters } = shown as NonNullable<typeof shown>;
    const published = await editorClient().getDocument(subscriberCountsDocumentId);
    expect(published).toMatchObject({ _type: 'essaimSubscriberCounts', confirmed: counters.confirmed });
    expect(published?.lists).toContainEqual(
      expect.objectContaining({ list: 'actualites', confirmed: counters['list:actualites'] }),
    );
    // Nothing that could name anyone: numbers and the vocabulary's keys only.
    expect(JSON.stringify(published)).not.toMatch(/@|SUB#/);

    // Public readers (the dataset is public) get nothing: no document, no query result.
    const anonymous = anonymousContentClient();
    expect(await anonymous.getDocument(subscriberCountsDocumentId)).toBeUndefined();
    expect(await anonymous.fetch('*[_id in path("essaim-private.**")]')).toEqual([]);
    expect(await anonymous.fetch('*[_type == "essaimSubscriberCounts"]')).toEqual([]);
    await expect(anonymous.fetch('*[_id == $id][0]', { id: subscriberCountsDocumentId })).resolves.toBeNull();
    // …nor write there, nor with a made-up token.
    await expect(anonymous.createOrReplace({ _id: subscriberCountsDocumentId, _type: 'x' })).rejects.toThrow(
      /401|token/i,
    );
    await expect(
      anonymous.withConfig({ token: 'forged' }).fetch('*[_id == $id][0]', { id: subscriberCountsDocumentId }),
    ).rejects.toThrow(/401|Session/);

    // Unchanged counters: the next run writes nothing.
    if ((await counts().read()).version === shown?.version)
      expect(await publish({}, lambdaContext('publishSubscriberCounts'))).toEqual({ published: false });
  });
});
