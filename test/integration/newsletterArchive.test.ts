import { randomUUID } from 'node:crypto';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archivedKey, sendKey } from '../../functions/newsletters/newsletterArchive.ts';
import { type NewsletterForMail, renderNewsletterMail } from '../../functions/newsletters/newsletterMail.ts';
import { newsletterForMailQuery } from '../../functions/newsletters/queries.ts';
import { brandOf } from '../../functions/shared/content/siteSettings.ts';
import { localTableName } from '../../infra/local/localEnvironment.ts';
import {
  anonymousContentClient,
  apiUrl,
  documentClient,
  editorClient,
  pagesUrl,
  useLocalFunctionEnvironment,
} from './support.ts';

/**
 * The public archive of sent newsletters through the local stack: the demo's September and
 * October newsletters are recorded as sent (the `ARCHIVED` item the sending pipeline writes when
 * a send finishes), November's is not. Also the mail's query on the Content Lake stand-in, with
 * an image uploaded as editors do.
 */
const table = localTableName('newsletterSends');
const sent = {
  'newsletter-septembre-2027': '2027-09-15T08:00:00.000Z',
  'newsletter-octobre-2027': '2027-10-15T08:00:00.000Z',
};
const notSent = 'newsletter-novembre-2027';
const keyOf = (id: string) => ({ pk: sendKey(id), sk: archivedKey });

interface ArchivePage {
  items: { id: string; slug: string; subject: string; sentAt: string; url: string }[];
  nextCursor: string | null;
}
const get = (path: string, headers: Record<string, string> = {}) => fetch(`${apiUrl()}${path}`, { headers });
const archivePage = async (query: string): Promise<ArchivePage> => {
  const response = await get(`/newsletters${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as ArchivePage;
};

describe('the newsletter archive', () => {
  beforeAll(async () => {
    for (const [id, sentAt] of Object.entries(sent))
      await documentClient().send(new PutCommand({ TableName: table, Item: { ...keyOf(id), sentAt } }));
    await documentClient().send(new DeleteCommand({ TableName: table, Key: keyOf(notSent) }));
  });
  afterAll(async () => {
    for (const id of Object.keys(sent))
      await documentClient().send(new DeleteCommand({ TableName: table, Key: keyOf(id) }));
  });

  it('lists sent newsletters newest first, a page at a time, without the ones not sent', async () => {
    const all = await archivePage('?limit=100');
    const ids = all.items.map((item) => item.id);
    expect(ids).not.toContain(notSent);
    expect(ids.indexOf('newsletter-octobre-2027')).toBeLessThan(ids.indexOf('newsletter-septembre-2027'));
    expect(ids.indexOf('newsletter-septembre-2027')).toBeGreaterThan(-1);
    expect(all.items.find((item) => item.id === 'newsletter-octobre-2027')).toEqual({
      id: 'newsletter-octobre-2027',
      slug: 'lettre-octobre-2027',
      subject: 'Octobre : les premiers rendez-vous du Mois de l’ESS 2027',
      preheader: 'Inscrivez-vous dès maintenant : les places partent vite.',
      sentAt: sent['newsletter-octobre-2027'],
      url: `${pagesUrl()}/lettre.html?lettre=lettre-octobre-2027`,
    });
    // Page by page, the cursor gives the same archive, none skipped or repeated.
    const paged: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: ArchivePage = await archivePage(`?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(1);
      paged.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    }
    expect(paged).toEqual(ids);
  });

  it.each([
    ['?cursor=pas-un-curseur', '#/query/cursor', 'Curseur de pagination invalide'],
    ['?limit=0', '#/query/limit', 'Le nombre de résultats par page va de 1 à 100.'],
    ['?ordre=asc', '#/query/ordre', ''],
  ])('answers %s with a French 400', async (query, pointer, detail) => {
    const response = await get(`/newsletters${query}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { errors: { pointer: string; detail: string }[] };
    expect(problem.errors[0]?.pointer).toBe(pointer);
    expect(problem.errors[0]?.detail).toContain(detail);
  });

  it('gives a sent newsletter with its page’s HTML, generic and without personal links; 304 on its ETag', async () => {
    const response = await get('/newsletters/lettre-octobre-2027');
    expect(response.status).toBe(200);
    const newsletter = (await response.json()) as { subject: string; sentAt: string; html: string };
    expect(newsletter.sentAt).toBe(sent['newsletter-octobre-2027']);
    expect(newsletter.html).toContain('<p class="essaim-newsletter-greeting">Bonjour,</p>');
    expect(newsletter.html).toContain('<h2>Nos coups de cœur</h2>');
    // The section's three events, as cards linking to their pages.
    expect(newsletter.html.match(/<li class="essaim-card">/g)).toHaveLength(4);
    expect(newsletter.html).toContain(`href="${pagesUrl()}/manifestation.html?slug=`);
    expect(newsletter.html).not.toMatch(/\{\{|désabonner|préférences/);
    const etag = response.headers.get('etag') ?? '';
    expect((await get('/newsletters/lettre-octobre-2027', { 'if-none-match': etag })).status).toBe(304);
  });

  it.each(['lettre-novembre-2027', 'pas-une-lettre'])(
    'answers %s, not sent or unknown, with the same 404',
    async (slug) => {
      const response = await get(`/newsletters/${slug}`);
      expect(response.status).toBe(404);
      expect(((await response.json()) as { detail: string }).detail).toBe(
        `Aucune lettre d’information envoyée ne correspond à « ${slug} ».`,
      );
    },
  );

  it('gives the archive as an Atom feed, each entry with its text and its page', async () => {
    const response = await get('/newsletters/feed.atom');
    expect(response.headers.get('content-type')).toContain('application/atom+xml');
    const xml = await response.text();
    expect(xml).toContain(`<link rel="self" href="${apiUrl()}/newsletters/feed.atom"/>`);
    const entries = [...xml.matchAll(/<entry>[\s\S]*?<\/entry>/g)].map((match) => match[0]);
    const october = entries.findIndex((entry) =>
      entry.includes('tag:essaim,2026:newsletter/newsletter-octobre-2027'),
    );
    const september = entries.findIndex((entry) => entry.includes('newsletter/newsletter-septembre-2027'));
    expect(october).toBeGreaterThan(-1);
    expect(september).toBeGreaterThan(october);
    expect(entries.some((entry) => entry.includes(notSent))).toBe(false);
    expect(entries[october]).toContain(`<link href="${pagesUrl()}/lettre.html?lettre=lettre-octobre-2027"/>`);
    expect(entries[october]).toMatch(
      /<content type="html"><!\[CDATA\[<p class="essaim-newsletter-greeting">Bonjour,/,
    );
  });
});

describe('newsletterForMailQuery on the Content Lake', () => {
  const id = `newsletter-image-${randomUUID().slice(0, 8)}`;
  afterAll(() => editorClient().delete(id));

  it('resolves lists, events and an uploaded image as a 600-pixel URL the mail shows with its alt text', async () => {
    useLocalFunctionEnvironment();
    const editor = editorClient();
    // A 1×1 PNG, uploaded as the Studio uploads images.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    const asset = await editor.assets.upload('image', png, { filename: 'velo.png' });
    await editor.create({
      _id: id,
      _type: 'newsletter',
      subject: 'Avec une image',
      slug: { _type: 'slug', current: id },
      preheader: 'Une image',
      introduction: [
        {
          _key: 'img',
          _type: 'accessibleImage',
          alt: 'Un atelier de réparation de vélos',
          asset: { _type: 'reference', _ref: asset._id },
        },
      ],
      sections: [
        {
          _key: 's',
          _type: 'newsletterSection',
          heading: 'Rendez-vous',
          items: [{ _key: 'e', _type: 'reference', _ref: 'event-2027-00001' }],
        },
      ],
      audience: {
        lists: [{ _key: 'l', _type: 'reference', _ref: 'subscriptionList-actualites' }],
        regions: [{ _key: 'r', _type: 'reference', _ref: 'region-53' }],
      },
    });
    // Read as the functions read it: published, without a token.
    const newsletter = (await anonymousContentClient().fetch(
      newsletterForMailQuery,
      { id },
      { perspective: 'published' },
    )) as NewsletterForMail;
    expect(newsletter.audience).toEqual({ lists: ['actualites'], regions: ['53'], themes: null });
    const image = newsletter.introduction?.[0];
    expect(image).toMatchObject({
      _type: 'accessibleImage',
      alt: 'Un atelier de réparation de vélos',
      width: 1,
    });
    const src = (image as { url: string }).url;
    expect(src).toBe(`${asset.url}?w=600&auto=format&fit=max`);
    // The stand-in serves the image, whatever the size asked.
    expect((await fetch(src)).headers.get('content-type')).toBe('image/png');
    expect(newsletter.sections?.[0]?.items?.[0]).toMatchObject({ _type: 'event', slug: expect.any(String) });
    const mail = await renderNewsletterMail(newsletter, { brand: brandOf({ siteName: 'Groupement ESS' }) });
    expect(mail.html).toContain(`src="${src.replaceAll('&', '&amp;')}"`);
    expect(mail.text).toContain('Un atelier de réparation de vélos');
  });
});
