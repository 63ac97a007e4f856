import { readFileSync } from 'node:fs';
import { get } from 'node:https';
import { crc32, deflateSync } from 'node:zlib';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { archivedKey, sendKey } from '../../functions/newsletters/newsletterArchive.ts';
import { SubscriberCountStore } from '../../functions/subscriptions/subscriberCountStore.ts';
import { lambdaContext } from '../../infra/local/lambdaContext.ts';
import { localTableName } from '../../infra/local/localEnvironment.ts';
import { confirmedSubscriber, storedSubscriber } from '../integration/subscriptionSupport.ts';
import {
  apiUrl,
  type DemoEvent,
  demoDocuments,
  documentClient,
  editorClient,
  mailTo,
  postJson,
  uniqueEmail,
  useLocalFunctionEnvironment,
  waitForEmails,
} from '../integration/support.ts';
import { type Browser, openChromium } from './chromium.ts';
import { documentAction } from './studioActions.ts';

/**
 * An editor's day in the local Studio (`npm run dev`), in a real browser: the French interface,
 * an event found and moved, published, the public API and the registrants' notice following (the
 * stand-in's signed webhook, as in production), and an image uploaded. These are the Studio's
 * non-public APIs at work (`unstable_clientFactory`, the stand-in's endpoints): this test is what
 * says that a new `sanity` version still works with them.
 */

const demoEvents = demoDocuments<DemoEvent & { image?: unknown }>('event');
/** An event open to registration, with no image yet, and a title no other event's contains. */
const event = demoEvents.filter(
  (doc) =>
    doc.status === 'scheduled' &&
    doc.registration.capacity === undefined &&
    !doc.image &&
    demoEvents.every((other) => other === doc || !other.title.includes(doc.title)),
)[30] as DemoEvent;
const slug = event.slug.current;

/** How the Studio's date-time input shows an instant: `2027-11-24 18:00`, Paris time. */
const parisInput = (instant: number) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Paris',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(instant);

const publicEvent = async () =>
  (await (await fetch(`${apiUrl()}/events/${slug}`)).json()) as {
    startsAt: string;
    image?: { url: string; alt: string };
  };

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Never happened; last seen ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

let browser: Browser;
beforeAll(async () => {
  browser = await openChromium({ trustCertificate: inject('certificateFile') });
});
afterAll(async () => {
  await browser?.close();
});

describe('the local Studio', () => {
  it('opens in French on the demo content, with no login page', async ({ task, onTestFailed }) => {
    onTestFailed(async () => {
      await browser.screenshot(task.name);
    });
    const { page } = browser;
    await page.goto(`${inject('studioUrl')}/structure`);
    // The structure's French titles, the workspace saying where its data lives.
    await page.getByText('Contenu', { exact: true }).first().waitFor();
    for (const title of [
      'Manifestations',
      'Structures',
      'Campagnes',
      'Régions',
      'Résumés par e-mail',
      'Réglages du site',
    ])
      expect(await page.getByRole('link', { name: title }).count(), title).toBe(1);
    await page.getByText('Essaim (local)').waitFor();
  });

  it('moves an event: published, the API answers the new time, registrants are told', async ({
    task,
    onTestFailed,
  }) => {
    onTestFailed(async () => {
      await browser.screenshot(task.name);
    });
    const { page } = browser;
    const email = uniqueEmail('studio');
    expect(
      (await postJson(`/events/${slug}/registrations`, { name: 'Léa Garnier', email, consent: true })).status,
    ).toBe(201);
    await waitForEmails((all) => mailTo(all, email).length === 1);

    // Found as an editor finds it: the programme's list, searched by title.
    await page.getByRole('link', { name: 'Manifestations' }).click();
    await page.getByPlaceholder('Rechercher dans la liste').fill(event.title);
    await page.getByRole('link', { name: event.title }).first().click();
    await page.getByRole('heading', { name: event.title }).waitFor();
    await page.getByRole('tab', { name: 'Infos pratiques' }).click();

    // One hour earlier: still before its end.
    const startsAt = Date.parse(event.startsAt) - 3600_000;
    const input = page.locator('input#startsAt');
    await expect
      .poll(() => input.inputValue(), { timeout: 10_000 })
      .toBe(parisInput(Date.parse(event.startsAt)));
    await input.fill(parisInput(startsAt));
    await input.press('Enter');
    await publishNow(page);

    await eventually(publicEvent, (answer) => Date.parse(answer.startsAt) === startsAt);
    const inbox = await waitForEmails((all) =>
      mailTo(all, email).some((mail) => mail.subject.startsWith('Changement :')),
    );
    const notice = mailTo(inbox, email).find((mail) => mail.subject.startsWith('Changement :'));
    expect(notice?.body.text).toContain('au lieu de');
  });

  it('uploads an image to the event, which the API then shows', async ({ task, onTestFailed }) => {
    onTestFailed(async () => {
      await browser.screenshot(task.name);
    });
    const { page } = browser;
    await page.getByRole('tab', { name: 'Contenu' }).click();
    // The alternative text first: the image alone is invalid, and a publish clicked while that
    // error is still being validated away would not happen.
    await page.getByLabel('Texte alternatif').fill('Affiche de la manifestation');
    await page
      .locator('[data-testid="image-input"] input[type="file"]')
      .setInputFiles({ name: 'affiche.png', mimeType: 'image/png', buffer: png(320, 180) });
    // Uploaded, then shown from the stand-in's image endpoint (slow on a loaded 2-core machine).
    const preview = page.locator('[data-testid="image-input"] img');
    await expect
      .poll(() => preview.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth), {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
    await publishNow(page);

    const answer = await eventually(publicEvent, (answer) => Boolean(answer.image?.url));
    expect(answer.image?.alt).toBe('Affiche de la manifestation');
    // Served by the stand-in, as Sanity's CDN serves it, under a certificate valid for its name.
    const image = await download(answer.image?.url as string, inject('certificateFile'));
    expect(image.status).toBe(200);
    expect(image.contentType).toMatch(/^image\/png/);
    expect(image.body.subarray(1, 4).toString('ascii')).toBe('PNG');
  });

  it('shows the subscriber counts the backend keeps, updated live', async ({ task, onTestFailed }) => {
    onTestFailed(async () => {
      await browser.screenshot(task.name);
    });
    const { page } = browser;
    useLocalFunctionEnvironment();
    const { handler: publish } = (await import(
      '../../functions/subscriptions/publishSubscriberCounts.ts'
    )) as unknown as { handler: (event: unknown, context: unknown) => Promise<unknown> };
    const counts = new SubscriberCountStore(documentClient(), localTableName('subscribers'));
    const publishWhenCounted = async (confirmed: number) => {
      await eventually(
        () => counts.read(),
        (stored) => (stored.counters.confirmed ?? 0) >= confirmed,
      );
      await publish({}, lambdaContext('publishSubscriberCounts'));
    };
    const before = (await counts.read()).counters.confirmed ?? 0;
    await confirmedSubscriber('studio-counts', { lists: ['mois-ess'], regions: ['53'] });
    await publishWhenCounted(before + 1);

    await page.getByRole('link', { name: 'Abonnés' }).click();
    const total = page.getByTestId('confirmed-subscribers');
    await expect.poll(() => total.textContent(), { timeout: 15_000 }).toBe(String(before + 1));
    const moisEss = page.locator('[data-count-key="list-mois-ess"]');
    await expect.poll(() => moisEss.textContent()).toMatch(/^Mois de l’ESS/);
    await page.locator('[data-count-key="region-53"]').getByText('Bretagne').waitFor();

    // Another confirmation, published while the view is open: the figure follows.
    await confirmedSubscriber('studio-counts-live', { lists: ['mois-ess'] });
    await publishWhenCounted(before + 2);
    await expect.poll(() => total.textContent(), { timeout: 15_000 }).toBe(String(before + 2));
    await browser.screenshot('studio-abonnes');
  });

  it('sends a test, then the newsletter, from its actions, and watches the send reach « terminée »', async ({
    task,
    onTestFailed,
  }) => {
    onTestFailed(async () => {
      await browser.screenshot(task.name);
    });
    const { page } = browser;
    const run = Date.now().toString(36);
    const newsletterId = `newsletter-navigateur-${run}`;
    const readers = [1, 2, 3].map((n) => `lectrice${n}.${run}@exemple.fr`);
    const team = `redaction.${run}@exemple.fr`;
    await editorClient()
      .transaction()
      .createOrReplace({
        _id: `subscriptionList-lectrices-${run}`,
        _type: 'subscriptionList',
        title: 'Lectrices du test',
        slug: { _type: 'slug', current: `lectrices-${run}` },
        public: false,
      })
      .createOrReplace({
        _id: newsletterId,
        _type: 'newsletter',
        subject: `Lettre du navigateur ${run}`,
        preheader: 'Envoyée depuis le Studio',
        slug: { _type: 'slug', current: `lettre-navigateur-${run}` },
        introduction: [
          {
            _type: 'block',
            _key: 'intro',
            style: 'normal',
            markDefs: [],
            children: [{ _type: 'span', _key: 's', text: 'Bonne lecture.', marks: [] }],
          },
        ],
        sections: [],
        audience: { lists: [{ _type: 'reference', _ref: `subscriptionList-lectrices-${run}`, _key: 'l' }] },
      })
      .commit();
    for (const reader of readers) await storedSubscriber(reader, [`lectrices-${run}`]);
    await storedSubscriber(team, ['equipe-test'], 'Rédaction');

    await page.goto(`${inject('studioUrl')}/structure/newsletter;${newsletterId}`);
    await page.getByText(`Lettre du navigateur ${run}`).first().waitFor();
    const action = (name: string) => documentAction(page, name);
    await action('Envoyer un test');
    const testInbox = await waitForEmails((all) => mailTo(all, team).length === 1);
    expect(mailTo(testInbox, team)[0]?.body.text).toContain('Envoi de test');
    expect(readers.every((reader) => mailTo(testInbox, reader).length === 0)).toBe(true);

    await action('Envoyer');
    // The confirmation states the audience, counted exactly by the backend when the dialog opens.
    await page.getByText(`Envoyer « Lettre du navigateur ${run} »`).waitFor();
    await page.getByText('à 3 abonnés confirmés (décompte exact)', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Confirmer' }).click();
    await page.getByRole('tab', { name: 'Envoi' }).click();
    await expect
      .poll(() => page.getByTestId('sending-state').textContent(), { timeout: 90_000 })
      .toBe('terminée');
    expect(await page.getByTestId('sending-sent').textContent()).toBe('3');
    const inbox = await waitForEmails((all) => readers.every((reader) => mailTo(all, reader).length === 1));
    expect(mailTo(inbox, readers[0] as string)[0]?.subject).toBe(`Lettre du navigateur ${run}`);
    await browser.screenshot('studio-envoi-termine');
    // Out of the public archive again, as the demo had it.
    await documentClient().send(
      new DeleteCommand({
        TableName: localTableName('newsletterSends'),
        Key: { pk: sendKey(newsletterId), sk: archivedKey },
      }),
    );
  }, 180_000);
});

describe('a browser that does not trust the local certificate yet', () => {
  it('is told in French what to do, above Sanity’s network error', async ({ task, onTestFailed }) => {
    const newcomer = await openChromium({});
    onTestFailed(async () => {
      await newcomer.screenshot(task.name);
    });
    try {
      await newcomer.page.goto(`${inject('studioUrl')}/structure`);
      const notice = newcomer.page
        .getByRole('alert')
        .filter({ hasText: 'Le Studio local n’atteint pas son API' });
      await notice.waitFor();
      expect(await notice.textContent()).toContain(inject('certificateFile').split('/').pop());
    } finally {
      await newcomer.close();
    }
  });
});

/** Clicks "Publier" (French label) once it can be, and waits until it is done (disabled again). */
async function publishNow(page: Page): Promise<void> {
  const publish = page.getByRole('button', { name: 'Publier' });
  // Generous: in `npm test` the integration process and the printed programme's compilation
  // share the two cores, and a publish then once took more than 15 s.
  await expect.poll(() => publish.isEnabled(), { timeout: 30_000 }).toBe(true);
  await publish.click();
  await expect
    .poll(() => publish.isDisabled(), { timeout: 40_000, message: 'the document was not published' })
    .toBe(true);
}

/** GET over HTTPS, trusting only the given certificate (and checking the host name against it). */
function download(url: string, certificateFile: string) {
  return new Promise<{ status: number; contentType: string; body: Buffer }>((resolve, reject) => {
    get(url, { ca: readFileSync(certificateFile) }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          contentType: response.headers['content-type'] ?? '',
          body: Buffer.concat(chunks),
        }),
      );
    }).on('error', reject);
  });
}

/** A plain PNG image, width × height, in Essaim's green. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB
  const row = Buffer.concat([
    Buffer.from([0]),
    Buffer.from(Array.from({ length: width }, () => [46, 125, 50]).flat()),
  ]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
