import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkSize, noCountsYet } from '../../functions/newsletters/newsletterSend.ts';
import {
  NewsletterSendStore,
  type StoredSendRecord,
} from '../../functions/newsletters/newsletterSendStore.ts';
import { sendingDocumentId } from '../../functions/newsletters/sendingProgress.ts';
import { SubscriptionStore } from '../../functions/subscriptions/subscriptionStore.ts';
import { lambdaContext } from '../../infra/local/lambdaContext.ts';
import { localTableName } from '../../infra/local/localEnvironment.ts';
import { atTime } from './abuseSupport.ts';
import { localAddressKey, storedSubscriber } from './subscriptionSupport.ts';
import {
  anonymousContentClient,
  type DeliveredEmail,
  documentClient,
  editorClient,
  mailTo,
  settledEmails,
  useLocalFunctionEnvironment,
  waitForEmails,
} from './support.ts';

/**
 * Digests through the local stack: the schedule (driven here with a set clock, as the stack's
 * timer and EventBridge call it) starts a period's digest once; the newsletters' path sends each
 * subscriber who chose that frequency the articles of their themes and the events of their
 * regions; an empty digest is not sent.
 */
const run = randomUUID().slice(0, 8);
// Monday 3 March 2031, 8:00 in Paris (7:00 UTC): far from the demo's content, so only this test's counts.
const sendId = 'digest-weekly-2031-03-03';
const address = (name: string) => `${name}.resume.${run}@exemple.fr`;
const title = (name: string) => `${name} ${run}`;

const sends = () => new NewsletterSendStore(documentClient(), localTableName('newsletterSends'));

const digestSubscriber = (
  name: string,
  choices: { regions: string[]; themes: string[]; digest: 'weekly' | 'monthly' },
) => storedSubscriber(address(name), ['actualites'], name[0]?.toUpperCase() + name.slice(1), choices);

/** The schedule's run, as EventBridge (or the local stack's timer) calls it, at `iso`. */
async function fireSchedule(iso: string): Promise<{ started: number }> {
  useLocalFunctionEnvironment();
  const { handler } = (await import('../../functions/newsletters/startDigests.ts')) as {
    handler: (event: unknown, context: Context) => Promise<{ started: number }>;
  };
  return atTime(iso, () => handler({}, lambdaContext('startDigests')));
}

const article = (name: string, publishedAt: string, themes: string[]) => ({
  _id: `article-resume-${name}-${run}`,
  _type: 'article',
  title: title(name),
  slug: { _type: 'slug', current: `resume-${name}-${run}` },
  publishedAt,
  excerpt: `Ce que dit l’article ${name}.`,
  themes,
});
const event = (name: string, region: string, startsAt: string, status = 'scheduled') => ({
  _id: `event-resume-${name}-${run}`,
  _type: 'event',
  title: title(name),
  slug: { _type: 'slug', current: `resume-${name}-${run}` },
  summary: `La manifestation ${name}.`,
  startsAt,
  endsAt: startsAt.replace('T09', 'T11'),
  status,
  region: { _type: 'reference', _ref: `region-${region}` },
  venue: { name: 'Maison de l’ESS', address: '3 place de la Gare', postalCode: '35000', city: 'Rennes' },
  registration: { enabled: false },
});

describe('digests', () => {
  let inbox: DeliveredEmail[] = [];

  beforeAll(async () => {
    await editorClient()
      .transaction()
      .createOrReplace({
        _id: 'digestSettings',
        _type: 'digestSettings',
        enabled: true,
        weeklyDay: 1,
        weeklyHour: 8,
        monthlyDay: 15,
        monthlyHour: 8,
        eventWeeks: 4,
        introduction: `Le résumé de la semaine ${run}.`,
      })
      .createOrReplace(article('emploi', '2031-02-26T10:00:00Z', ['emploi-insertion']))
      .createOrReplace(article('transition', '2031-02-27T10:00:00Z', ['transition-ecologique']))
      // Before the previous digest, and after this one: in neither.
      .createOrReplace(article('ancien', '2031-02-20T10:00:00Z', ['emploi-insertion']))
      .createOrReplace(article('futur', '2031-03-04T10:00:00Z', ['emploi-insertion']))
      .createOrReplace(event('rennes', '53', '2031-03-05T09:00:00Z'))
      .createOrReplace(event('caen', '28', '2031-03-12T09:00:00Z'))
      .createOrReplace(event('annulee', '53', '2031-03-06T09:00:00Z', 'cancelled'))
      // After the four weeks the digest shows.
      .createOrReplace(event('lointaine', '53', '2031-04-20T09:00:00Z'))
      .commit();
    await digestSubscriber('ana', { regions: ['53'], themes: ['emploi-insertion'], digest: 'weekly' });
    await digestSubscriber('bruno', { regions: ['28'], themes: ['transition-ecologique'], digest: 'weekly' });
    await digestSubscriber('chloe', { regions: ['53'], themes: [], digest: 'monthly' });
    // Nothing for her this week: no article in her theme, no event in her region.
    await digestSubscriber('eve', { regions: ['11'], themes: ['culture'], digest: 'weekly' });
  });

  afterAll(async () => {
    // Off again, and this test's articles and events gone: other tests count the demo's.
    const names = ['emploi', 'transition', 'ancien', 'futur', 'rennes', 'caen', 'annulee', 'lointaine'];
    const transaction = editorClient()
      .transaction()
      .patch('digestSettings', (patch) => patch.set({ enabled: false }));
    for (const name of names)
      transaction.delete(`article-resume-${name}-${run}`).delete(`event-resume-${name}-${run}`);
    await transaction.commit();
  });

  it('starts once when the schedule fires twice, and not before its time', async () => {
    expect((await fireSchedule('2031-03-03T06:55:00.000Z')).started).toBe(0);
    expect((await fireSchedule('2031-03-03T07:05:00.000Z')).started).toBe(1);
    expect((await fireSchedule('2031-03-03T07:20:00.000Z')).started).toBe(0);
    const deadline = Date.now() + 45_000;
    let state = await sends().state(sendId);
    while (state?.state !== 'finished' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      state = await sends().state(sendId);
    }
    expect(state).toMatchObject({ kind: 'digest', state: 'finished', audience: { digest: 'weekly' } });
    expect(state?.emptyDigests).toBeGreaterThanOrEqual(1);
    inbox = await waitForEmails(
      (all) => mailTo(all, address('ana')).length === 1 && mailTo(all, address('bruno')).length === 1,
    );
    expect(state?.sent).toBe(state?.audienceSize);
    expect((await sends().content(sendId))?.kind).toBe('digest');
  });

  it('gives each subscriber the articles of their themes and the events of their regions', async () => {
    const [ana] = mailTo(inbox, address('ana'));
    const [bruno] = mailTo(inbox, address('bruno'));
    expect(ana?.subject).toMatch(/^Votre résumé de la semaine — /);
    const anaText = ana?.body.text ?? '';
    expect(anaText).toContain('Bonjour Ana,');
    expect(anaText).toContain(`Le résumé de la semaine ${run}.`);
    expect(anaText).toContain(title('emploi'));
    expect(anaText).toContain(title('rennes'));
    for (const absent of ['transition', 'ancien', 'futur', 'caen', 'annulee', 'lointaine'])
      expect(anaText).not.toContain(title(absent));
    const brunoText = bruno?.body.text ?? '';
    expect(brunoText).toContain(title('transition'));
    expect(brunoText).toContain(title('caen'));
    expect(brunoText).toContain('Les prochaines manifestations en Normandie');
    for (const absent of ['emploi', 'rennes']) expect(brunoText).not.toContain(title(absent));
    const headers = (mail: DeliveredEmail | undefined) =>
      (mail as unknown as { headers?: { name: string; value: string }[] })?.headers ?? [];
    expect(headers(ana).find((h) => h.name === 'List-Unsubscribe')?.value).toMatch(/\/unsubscribe\//);
    expect(headers(ana).find((h) => h.name === 'List-Id')?.value).toMatch(/<_digest\.listes\./);
  });

  it('sends nothing to the monthly subscriber, nor to the one with nothing new', async () => {
    const all = await settledEmails();
    expect(mailTo(all, address('chloe'))).toEqual([]);
    expect(mailTo(all, address('eve'))).toEqual([]);
  });

  it('shows editors its figures in a private document that anonymous readers cannot see', async () => {
    const progress = await editorClient().getDocument(sendingDocumentId(sendId));
    const state = await sends().state(sendId);
    expect(progress).toMatchObject({
      _type: 'essaimNewsletterSending',
      kind: 'digest',
      newsletterId: sendId,
      state: 'finished',
      audienceSize: state?.audienceSize,
      sent: state?.sent,
      remaining: 0,
    });
    expect(JSON.stringify(progress)).not.toContain('@');
    expect(await anonymousContentClient().getDocument(sendingDocumentId(sendId))).toBeUndefined();
  });

  it('resumes a paused digest on an editor’s request, and ignores requests for anything else', {
    timeout: 60_000,
  }, async () => {
    // The next week's digest, paused before planning as the quota or the bounces would pause it.
    const pausedId = 'digest-weekly-2031-03-10';
    // Its material is the first week's: what is tested here is the editor's request.
    const material = await sends().content(sendId);
    const first = await sends().state(sendId);
    if (material?.kind !== 'digest') throw new Error('The first digest is missing');
    const pauseReason = 'Suspendu automatiquement : quota d’envoi atteint.';
    const paused: StoredSendRecord & { pausedFrom: string } = {
      sendId: pausedId,
      newsletterId: pausedId,
      kind: 'digest',
      state: 'paused',
      pausedFrom: 'planning',
      pauseReason,
      audience: { lists: [], regions: [], themes: [], digest: 'weekly' },
      ...noCountsYet,
      requestedBy: 'calendrier des résumés',
      requestedAt: new Date().toISOString(),
      startedAt: new Date().toISOString(),
      chunkSize,
    };
    // The material without the first digest's own keys (`pk`, `sk`).
    const {
      pk: _pk,
      sk: _sk,
      ...frozenMaterial
    } = material as typeof material & { pk: unknown; sk: unknown };
    expect(await sends().create(paused, frozenMaterial)).toBe(true);
    const request = (fields: Record<string, unknown>) =>
      editorClient().create({
        _id: `newsletterSendRequest-${randomUUID()}`,
        _type: 'newsletterSendRequest',
        requestedBy: 'p-essaim-editor',
        requestedAt: new Date().toISOString(),
        ...fields,
      });
    // A malformed id, a digest that does not exist, an action a digest does not take: nothing.
    await request({ digestSend: `${pausedId}-x`, action: 'resume' });
    await request({ digestSend: 'digest-weekly-2031-03-17', action: 'resume' });
    await request({ digestSend: pausedId, action: 'send' });
    // Nor through a newsletter request whose (weak) reference is shaped like the digest's id.
    await request({ newsletter: { _type: 'reference', _ref: pausedId, _weak: true }, action: 'resume' });
    await settledEmails();
    expect(await sends().state(pausedId)).toMatchObject({ state: 'paused', pauseReason });

    await request({ digestSend: pausedId, action: 'resume' });
    await expect
      .poll(async () => (await sends().state(pausedId))?.state, { timeout: 30_000, interval: 250 })
      .toBe('finished');
    // Each weekly subscriber with something new gets their second digest, once.
    const all = await settledEmails();
    expect(mailTo(all, address('ana'))).toHaveLength(2);
    expect(mailTo(all, address('bruno'))).toHaveLength(2);
    expect(mailTo(all, address('eve'))).toEqual([]);
    await expect
      .poll(() => editorClient().getDocument(sendingDocumentId(pausedId)), { timeout: 10_000 })
      .toMatchObject({ kind: 'digest', state: 'finished', sent: first?.sent, remaining: 0 });
  });

  it('stops the digests from its one-click link, keeping the lists', async () => {
    const [ana] = mailTo(inbox, address('ana'));
    const link = (ana as unknown as { headers?: { name: string; value: string }[] })?.headers
      ?.find((h) => h.name === 'List-Unsubscribe')
      ?.value.slice(1, -1);
    const answer = await fetch(link as string, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(answer.status).toBe(200);
    const store = new SubscriptionStore(documentClient(), localTableName('subscribers'));
    const profile = await store.byAddressKey(localAddressKey(address('ana')));
    expect(profile).toMatchObject({ digest: 'none', lists: ['actualites'] });
  });
});
