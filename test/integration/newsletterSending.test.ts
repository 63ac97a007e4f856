import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { audienceDocumentId } from '../../functions/newsletters/audienceCount.ts';
import { NewsletterSendStore } from '../../functions/newsletters/newsletterSendStore.ts';
import { sendingDocumentId } from '../../functions/newsletters/sendingProgress.ts';
import { suppressionItemKey } from '../../functions/shared/mail/suppressionSet.ts';
import { localTableName } from '../../infra/local/localEnvironment.ts';
import { localAddressKey, storedSubscriber } from './subscriptionSupport.ts';
import {
  anonymousContentClient,
  apiUrl,
  type DeliveredEmail,
  deliveredEmails,
  documentClient,
  editorClient,
  settledEmails,
  waitForEmails,
} from './support.ts';

/**
 * Sending a newsletter through the local stack, as editors do it from the Studio: a published
 * send request reaches the backend by the signed webhook; the audience is frozen page by page,
 * chunks go out with SendBulkEmail, each recipient once, with their own one-click unsubscribe.
 */
const run = randomUUID().slice(0, 8);
const listId = `envoi-${run}`;
const testListId = `essai-${run}`;
const newsletterId = `newsletter-envoi-${run}`;
const audienceSize = 130;
const addressOf = (n: number) => `lecteur${n}.${run}@exemple.fr`;
const testAddress = `equipe.${run}@exemple.fr`;
const otherListAddress = `autre.${run}@exemple.fr`;
const suppressedAddress = addressOf(0);
const hashOf = localAddressKey;

const sends = () => new NewsletterSendStore(documentClient(), localTableName('newsletterSends'));

/** Publishes a send request as the Studio's action does (a published document). */
async function requestSend(action: string) {
  const id = `newsletterSendRequest-${randomUUID()}`;
  await editorClient().create({
    _id: id,
    _type: 'newsletterSendRequest',
    newsletter: { _type: 'reference', _ref: newsletterId, _weak: true },
    action,
    requestedBy: 'p-essaim-editor',
    requestedAt: new Date().toISOString(),
  });
  return id;
}

const mailsOf = (emails: DeliveredEmail[]) =>
  emails.filter((mail) => mail.destination.to.some((to) => to.endsWith(`.${run}@exemple.fr`)));
const header = (mail: DeliveredEmail | undefined, name: string) =>
  (mail as unknown as { headers?: { name: string; value: string }[] })?.headers?.find((h) => h.name === name)
    ?.value;

async function stateWhen(ready: (state: Awaited<ReturnType<NewsletterSendStore['state']>>) => boolean) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const state = await sends().state(newsletterId);
    if (ready(state)) return state;
    if (Date.now() > deadline) throw new Error(`The send never got there: ${JSON.stringify(state)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('sending a newsletter', () => {
  beforeAll(async () => {
    const editor = editorClient();
    await editor
      .transaction()
      .createOrReplace({
        _id: `subscriptionList-${listId}`,
        _type: 'subscriptionList',
        title: `Lettre des adhérents ${run}`,
        slug: { _type: 'slug', current: listId },
        public: false,
      })
      .createOrReplace({
        _id: `subscriptionList-${testListId}`,
        _type: 'subscriptionList',
        title: `Équipe ${run}`,
        slug: { _type: 'slug', current: testListId },
        public: false,
        forTests: true,
      })
      .createOrReplace({
        _id: newsletterId,
        _type: 'newsletter',
        subject: `La lettre ${run}`,
        preheader: 'Les nouvelles du réseau',
        slug: { _type: 'slug', current: `lettre-${run}` },
        introduction: [
          {
            _type: 'block',
            _key: 'intro',
            style: 'normal',
            markDefs: [],
            children: [{ _type: 'span', _key: 's', text: 'Bonne lecture {{greeting}} !', marks: [] }],
          },
        ],
        sections: [],
        audience: { lists: [{ _type: 'reference', _ref: `subscriptionList-${listId}`, _key: 'l' }] },
      })
      .commit();
    for (let n = 0; n < audienceSize; n += 10)
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          storedSubscriber(addressOf(n + i), [listId], n + i === 1 ? 'Lou' : undefined),
        ),
      );
    await storedSubscriber(testAddress, [testListId], 'Équipe');
    await storedSubscriber(otherListAddress, ['actualites']);
    await documentClient().send(
      new PutCommand({
        TableName: localTableName('mailFeedback'),
        Item: {
          ...suppressionItemKey(hashOf(suppressedAddress)),
          reason: 'hardBounce',
          at: new Date().toISOString(),
          source: { kind: 'test' },
          // The local stack's clock is fixed in 2027: a suppression kept three years.
          expiresAt: Math.floor(Date.now() / 1000) + 3 * 365 * 86_400,
        },
      }),
    );
  });

  it('sends a test only to the test list, with the test banner', async () => {
    await requestSend('test');
    const inbox = await waitForEmails((all) =>
      mailsOf(all).some((mail) => mail.destination.to.includes(testAddress)),
    );
    const mine = mailsOf(inbox);
    expect(mine.map((mail) => mail.destination.to[0])).toEqual([testAddress]);
    expect(mine[0]?.body.text).toContain('Envoi de test');
    expect(mine[0]?.body.text).toContain('Bonjour Équipe,');
  });

  it('counts the exact audience for the « Envoyer » dialog, on a path only editors read', async () => {
    const requestId = await requestSend('count');
    const id = audienceDocumentId(newsletterId);
    await expect
      .poll(async () => (await editorClient().getDocument(id))?.requestId, { timeout: 20_000 })
      .toBe(requestId);
    // The list's confirmed subscribers (the suppressed one too: skipped and counted when sending),
    // neither the test list's nor another list's.
    expect((await editorClient().getDocument(id))?.audienceSize).toBe(audienceSize);
    expect(await anonymousContentClient().getDocument(id)).toBeUndefined();
    // Counting sends nothing.
    expect(await sends().state(newsletterId)).toBeUndefined();
  });

  it('sends once to every confirmed, unsuppressed subscriber of the audience, each with their own unsubscribe link', async () => {
    await requestSend('send');
    const done = await stateWhen((state) => state?.state === 'finished');
    expect(done).toMatchObject({
      audienceSize,
      sent: audienceSize - 1,
      suppressed: 1,
      failed: 0,
      uncertain: 0,
    });
    const mine = mailsOf(await settledEmails()).filter((mail) => mail.destination.to[0] !== testAddress);
    const recipients = mine.map((mail) => mail.destination.to[0]);
    expect(new Set(recipients).size).toBe(recipients.length);
    expect(recipients).toHaveLength(audienceSize - 1);
    expect(recipients).not.toContain(suppressedAddress);
    expect(recipients).not.toContain(otherListAddress);

    const lou = mine.find((mail) => mail.destination.to[0] === addressOf(1));
    expect(lou?.subject).toBe(`La lettre ${run}`);
    expect(lou?.body.text).toContain('Bonjour Lou,');
    // Editor text cannot reach the template engine.
    expect(lou?.body.text).not.toContain('Bonne lecture Bonjour');
    expect(lou?.body.text).not.toContain('Envoi de test');
    expect(header(lou, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(header(lou, 'List-Id')).toContain(`<${listId}.listes.`);
    const unsubscribe = header(lou, 'List-Unsubscribe')?.match(/^<([^>]+)>$/)?.[1];
    expect(unsubscribe?.startsWith(`${apiUrl()}/unsubscribe/`)).toBe(true);
    const other = mine.find((mail) => mail.destination.to[0] === addressOf(2));
    expect(header(other, 'List-Unsubscribe')).not.toBe(header(lou, 'List-Unsubscribe'));

    // The one-click link works as a mail provider posts it.
    const left = await fetch(unsubscribe as string, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(left.status).toBe(200);
  });

  it('does nothing on a second "Envoyer"', async () => {
    const before = mailsOf(await deliveredEmails()).length;
    await requestSend('send');
    expect(mailsOf(await settledEmails()).length).toBe(before);
    expect(await sends().state(newsletterId)).toMatchObject({ sent: audienceSize - 1 });
  });

  it('shows editors the final figures in a private document that anonymous readers cannot see', async () => {
    const progress = await editorClient().getDocument(sendingDocumentId(newsletterId));
    expect(progress).toMatchObject({
      state: 'finished',
      audienceSize,
      sent: audienceSize - 1,
      suppressed: 1,
      remaining: 0,
    });
    expect(JSON.stringify(progress)).not.toContain('@');
    expect(await anonymousContentClient().getDocument(sendingDocumentId(newsletterId))).toBeUndefined();
  });
});

describe('a send whose bounces pass the threshold', () => {
  const pausedRun = randomUUID().slice(0, 8);
  const pausedList = `rebonds-${pausedRun}`;
  const pausedNewsletter = `newsletter-rebonds-${pausedRun}`;
  // The simulator answers a delivery for each `success` address and a bounce for each `bounce` one.
  const readers = Array.from({ length: 90 }, (_, n) => `success+${pausedRun}-${n}@simulator.amazonses.com`);
  const bouncing = Array.from({ length: 30 }, (_, n) => `bounce+${pausedRun}-${n}@simulator.amazonses.com`);
  const pausedState = () => sends().state(pausedNewsletter);

  it('pauses itself with its reason, then resumes on request and finishes, every recipient once', {
    timeout: 90_000,
  }, async () => {
    await editorClient()
      .transaction()
      .createOrReplace({
        _id: `subscriptionList-${pausedList}`,
        _type: 'subscriptionList',
        title: 'Liste à rebonds',
        slug: { _type: 'slug', current: pausedList },
        public: false,
      })
      .createOrReplace({
        _id: pausedNewsletter,
        _type: 'newsletter',
        subject: `Rebonds ${pausedRun}`,
        preheader: 'Une liste mal tenue',
        slug: { _type: 'slug', current: `rebonds-${pausedRun}` },
        introduction: [],
        sections: [],
        audience: { lists: [{ _type: 'reference', _ref: `subscriptionList-${pausedList}`, _key: 'l' }] },
      })
      .commit();
    for (const batch of [readers.slice(0, 45), readers.slice(45), bouncing])
      await Promise.all(batch.map((email) => storedSubscriber(email, [pausedList])));
    const request = async (action: string) =>
      editorClient().create({
        _id: `newsletterSendRequest-${randomUUID()}`,
        _type: 'newsletterSendRequest',
        newsletter: { _type: 'reference', _ref: pausedNewsletter, _weak: true },
        action,
        requestedBy: 'p-essaim-editor',
        requestedAt: new Date().toISOString(),
      });
    const until = async (ready: (state: Awaited<ReturnType<typeof pausedState>>) => boolean) => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const state = await pausedState();
        if (ready(state)) return state;
        if (Date.now() > deadline) throw new Error(`Never got there: ${JSON.stringify(state)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };
    await request('send');
    const paused = await until((state) => state?.state === 'paused');
    expect(paused?.pauseReason).toMatch(/^Suspendu automatiquement : .* d’adresses rejetées/);
    // Editors see it in the Studio a moment later, with the reason.
    await expect
      .poll(() => editorClient().getDocument(sendingDocumentId(pausedNewsletter)), { timeout: 10_000 })
      .toMatchObject({ state: 'paused', pauseReason: paused?.pauseReason });
    // Paused: the chunks already in their call settle, then what was not sent yet stays so.
    let seen = paused?.sent;
    let stillSince = Date.now();
    const settled = await until((state) => {
      if (state?.sent !== seen) [seen, stillSince] = [state?.sent, Date.now()];
      return Date.now() - stillSince > 1500;
    });
    expect(settled?.sent ?? 0).toBeLessThan(readers.length + bouncing.length);

    await request('resume');
    const done = await until((state) => state?.state === 'finished');
    expect((done?.sent ?? 0) + (done?.suppressed ?? 0) + (done?.failed ?? 0)).toBe(
      readers.length + bouncing.length,
    );
    const mails = (await settledEmails()).filter((mail) => mail.subject === `Rebonds ${pausedRun}`);
    const recipients = mails.map((mail) => mail.destination.to[0]);
    expect(new Set(recipients).size).toBe(recipients.length);
    expect(readers.every((reader) => recipients.includes(reader))).toBe(true);
  });
});
