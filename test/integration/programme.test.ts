import { readFileSync } from 'node:fs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { encodeSignatureHeader } from '@sanity/webhook';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { localTableName, localWebhookSecret } from '../../infra/local/localEnvironment.ts';
import { demoDatasetPath } from '../../studio/demo/generateDemoDataset.ts';
import { apiUrl, documentClient, editorClient } from './support.ts';

interface Card {
  id: string;
  slug: string;
  startsAt: string;
  endsAt: string;
  region: { code: string; name: string };
  format: string;
  themes: string[];
  openToAll: boolean;
  status: string;
  title: string;
  summary: string;
  city: string | null;
  registration: { open: boolean; capacity: number | null; waitingList: boolean };
}
interface Page {
  items: Card[];
  total: number;
  nextCursor: string | null;
}

interface DemoEvent {
  _id: string;
  _type: string;
  title: string;
  slug: { current: string };
  startsAt: string;
  status: string;
  venue?: { city: string };
  region: { _ref: string };
}

const demoEvents = readFileSync(demoDatasetPath, 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as DemoEvent)
  .filter((doc) => doc._type === 'event');

/** Published events in the Content Lake (of one region), as the programme should count them. */
const publishedEventCount = (region?: string) =>
  editorClient().fetch<number>(
    `count(*[_type == "event"${region ? ' && region._ref == $region' : ''}])`,
    region ? { region } : {},
    { perspective: 'published' },
  );

const getJson = async <T>(path: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${apiUrl()}${path}`, { headers });
  return { response, body: (await response.json()) as T };
};

async function allPages(filters: string, limit = 100): Promise<Card[]> {
  const items: Card[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `${filters}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
    const { body }: { body: Page } = await getJson<Page>(`/events?${query}`);
    items.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return items;
}

const parisDay = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date(iso));

describe('GET /events', () => {
  it('serves the whole demo programme, sorted by start, a page at a time', async () => {
    const { response, body } = await getJson<Page>('/events');
    expect(response.status).toBe(200);
    // Every published event: the demo's, and any another test file left (counted, not assumed).
    expect(body.total).toBe(await publishedEventCount());
    expect(body.total).toBeGreaterThanOrEqual(demoEvents.length);
    expect(body.items).toHaveLength(20);
    expect(body.nextCursor).toEqual(expect.any(String));
    const first = body.items[0] as Card;
    expect(Object.keys(first).sort()).toEqual(
      [
        'city',
        'endsAt',
        'format',
        'id',
        'online',
        'openToAll',
        'region',
        'registration',
        'slug',
        'startsAt',
        'status',
        'summary',
        'themes',
        'title',
      ].sort(),
    );
  });

  it('pages through a region without gaps or repeats, and every item is in that region', async () => {
    const { body: firstPage } = await getJson<Page>('/events?region=53&limit=7');
    const items = await allPages('region=53', 7);
    expect(items).toHaveLength(firstPage.total);
    expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
    expect(items.every((item) => item.region.code === '53' && item.region.name === 'Bretagne')).toBe(true);
    const starts = items.map((item) => item.startsAt);
    expect(starts).toEqual([...starts].sort());
    expect(firstPage.total).toBe(await publishedEventCount('region-53'));
    expect(firstPage.total).toBeGreaterThanOrEqual(
      demoEvents.filter((e) => e.region._ref === 'region-53').length,
    );
  });

  it('filters by format, theme, dates (Paris days), audience and text', async () => {
    const items = await allPages(
      'format=cine-debat&theme=alimentation&from=2027-11-10&to=2027-11-20&openToAll=true',
    );
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(item.format).toBe('cine-debat');
      expect(item.themes).toContain('alimentation');
      expect(item.openToAll).toBe(true);
      expect(parisDay(item.startsAt) >= '2027-11-10' && parisDay(item.startsAt) <= '2027-11-20').toBe(true);
    }
    const search = await allPages('q=épargne%20solidaire');
    expect(search.length).toBeGreaterThan(0);
    for (const item of search) expect(`${item.title} ${item.summary}`.toLowerCase()).toContain('épargne');
    // Accents and case do not matter to visitors.
    const folded = await allPages('q=EPARGNE%20solid');
    expect(folded.map((item) => item.id)).toEqual(search.map((item) => item.id));
  });

  it('says whether registration is open, by the stack’s clock', async () => {
    const items = await allPages('region=11');
    const cancelled = items.find((item) => item.status === 'cancelled');
    const scheduled = items.find((item) => item.status === 'scheduled');
    expect(cancelled?.registration.open).toBe(false);
    expect(scheduled?.registration.open).toBe(true);
  });

  it.each([
    ['region=99', '#/query/region', 'Code de région inconnu'],
    ['format=karaoke', '#/query/format', 'Format inconnu'],
    ['from=demain', '#/query/from', 'Date invalide'],
    ['limit=500', '#/query/limit', '1 à 100'],
    ['cursor=pas-un-curseur', '#/query/cursor', 'Curseur'],
    ['regoin=53', '#/query/regoin', 'pas attendu'],
  ])('refuses %s with a French problem', async (query, pointer, words) => {
    const { response, body } = await getJson<{ errors: { pointer: string; detail: string }[] }>(
      `/events?${query}`,
    );
    expect(response.status).toBe(400);
    expect(body.errors[0]?.pointer).toBe(pointer);
    expect(body.errors[0]?.detail).toContain(words);
  });

  it('answers 304 to a client that already has the same page (ETag)', async () => {
    const first = await fetch(`${apiUrl()}/events?region=94`);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    expect(first.headers.get('cache-control')).toContain('max-age=');
    const again = await fetch(`${apiUrl()}/events?region=94`, {
      headers: { 'if-none-match': etag as string },
    });
    expect(again.status).toBe(304);
  });
});

describe('GET /regions', () => {
  it('lists the 18 regions, counts adding up to the programme total under the same filters', async () => {
    for (const filters of [
      '',
      'format=colloque',
      'theme=cooperation&openToAll=false',
      'from=2027-11-11&to=2027-11-11',
    ]) {
      const { body: regions } = await getJson<{ code: string; name: string; count: number }[]>(
        `/regions?${filters}`,
      );
      const { body: page } = await getJson<Page>(`/events?${filters}`);
      expect(regions).toHaveLength(18);
      expect(regions.reduce((sum, region) => sum + region.count, 0)).toBe(page.total);
    }
    const { body: regions } = await getJson<{ code: string; name: string; count: number }[]>('/regions');
    expect(regions.map((region) => region.name)).toContain('Île-de-France');
    expect(regions[0]?.name).toBe('Auvergne-Rhône-Alpes');
    const { body: bretagne } = await getJson<Page>('/events?region=53');
    expect(regions.find((region) => region.code === '53')?.count).toBe(bretagne.total);
  });
});

describe('GET /events/{slug} and calendars', () => {
  const sample = demoEvents.find((e) => e.venue && e.status === 'scheduled') as DemoEvent;
  const slug = sample.slug.current;

  it('answers the whole event, or a French 404', async () => {
    const { response, body } = await getJson<Record<string, unknown>>(`/events/${slug}`);
    expect(response.status).toBe(200);
    expect(body).toMatchObject({
      id: sample._id,
      title: sample.title,
      venue: { city: sample.venue?.city },
      region: { code: expect.any(String), cress: { name: expect.stringContaining('CRESS') } },
      registration: { open: true },
    });
    const missing = await getJson<{ title: string; detail: string }>('/events/nulle-part');
    expect(missing.response.status).toBe(404);
    expect(missing.body.detail).toBe('Aucune manifestation ne correspond à « nulle-part ».');
  });

  it('answers one event as a valid iCalendar file, in Paris time', async () => {
    const response = await fetch(`${apiUrl()}/events/${slug}.ics`);
    expect(response.headers.get('content-type')).toContain('text/calendar');
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    const vevent = calendar.getFirstSubcomponent('vevent') as ICAL.Component;
    const event = new ICAL.Event(vevent);
    expect(event.summary).toBe(sample.title);
    expect(vevent.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Paris');
    expect(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/Paris');
    const start = event.startDate;
    const expected = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(sample.startsAt));
    expect(`${String(start.hour).padStart(2, '0')}:${String(start.minute).padStart(2, '0')}`).toBe(expected);
    expect(vevent.getFirstPropertyValue('uid')).toBe(`${sample._id}@essaim`);
  });

  it('answers the filtered programme as a calendar with one entry per event', async () => {
    const { body: page } = await getJson<Page>('/events?region=94&format=conference');
    const response = await fetch(`${apiUrl()}/events.ics?region=94&format=conference`);
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    expect(calendar.getAllSubcomponents('vevent')).toHaveLength(page.total);
    const bad = await fetch(`${apiUrl()}/events.ics?format=karaoke`);
    expect(bad.status).toBe(400);
  });
});

describe('articles', () => {
  it('lists published news, newest first, and serves them as an Atom feed', async () => {
    const { body } =
      await getJson<{ title: string; publishedAt: string; slug: string }[]>('/articles?limit=5');
    expect(body).toHaveLength(5);
    const dates = body.map((article) => article.publishedAt);
    expect(dates).toEqual([...dates].sort().reverse());
    const feed = await fetch(`${apiUrl()}/feed.xml`);
    expect(feed.headers.get('content-type')).toContain('application/atom+xml');
    const xml = await feed.text();
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(xml.match(/<entry>/g)?.length).toBe(12);
    expect(xml).toContain(body[0]?.slug);
    // Categories carry a term; the feed's update is its newest entry's; the self link is this URL.
    const categories = [...xml.matchAll(/<category\b[^>]*>/g)].map((match) => match[0]);
    expect(categories.length).toBeGreaterThan(0);
    for (const category of categories) expect(category).toMatch(/term="[a-z-]+"/);
    const entryUpdates = [...xml.matchAll(/<entry>[\s\S]*?<updated>([^<]+)<\/updated>/g)].map(
      (match) => match[1],
    );
    const feedUpdated = xml.match(/<feed[^>]*>[\s\S]*?<updated>([^<]+)<\/updated>/)?.[1];
    expect(feedUpdated).toBe([...entryUpdates].sort().at(-1));
    expect(xml).toContain(`<link rel="self" href="${apiUrl()}/feed.xml"/>`);
    // Every entry links to a page that answers: its article on this API.
    const links = [...xml.matchAll(/<entry>[\s\S]*?<link href="([^"]+)"/g)].map(
      (match) => match[1] as string,
    );
    expect(links).toHaveLength(12);
    for (const link of links) {
      const article = await fetch(link.replaceAll('&amp;', '&'));
      expect(article.status, link).toBe(200);
      expect(((await article.json()) as { slug: string }).slug).toBe(
        decodeURIComponent(link.split('/').at(-1) ?? ''),
      );
    }
    expect((await fetch(`${apiUrl()}/articles/pas-un-article`)).status).toBe(404);
  });
});

describe('POST /webhooks/sanity', () => {
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
  const payload = JSON.stringify({
    documentId: 'event-x',
    type: 'event',
    revision: 'rev-forged',
    operation: 'update',
    before: null,
    after: null,
  });
  const post = (body: string, headers: Record<string, string>) =>
    fetch(`${apiUrl()}/webhooks/sanity`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });

  it('refuses unsigned and forged calls with 401 and records nothing', async () => {
    const before = await revision();
    expect((await post(payload, {})).status).toBe(401);
    const forged = await encodeSignatureHeader(payload, Date.now(), 'not-the-secret');
    const answer = await post(payload, { 'sanity-webhook-signature': forged });
    expect(answer.status).toBe(401);
    expect(((await answer.json()) as { title: string }).title).toBe('Signature invalide');
    // Signed, but the body was altered after signing.
    const signed = await encodeSignatureHeader(payload, Date.now(), localWebhookSecret);
    expect(
      (await post(payload.replace('event-x', 'event-y'), { 'sanity-webhook-signature': signed })).status,
    ).toBe(401);
    expect((await post(payload, { 'sanity-webhook-signature': 't=abc,v1=zzz' })).status).toBe(401);
    expect(await revision()).toBe(before);
  });

  it('refreshes what visitors see when an editor changes an event in the Content Lake', async () => {
    const event = demoEvents[100] as DemoEvent;
    const slug = event.slug.current;
    const { body: initial } = await getJson<{ title: string }>(`/events/${slug}`);
    expect(initial.title).toBe(event.title);
    // An editor publishes a new title: the lake stores it and sends its signed webhook.
    const editor = editorClient();
    const newTitle = `${event.title} (nouvelle formule)`;
    await editor.patch(event._id).set({ title: newTitle }).commit();
    const deadline = Date.now() + 8000;
    let title = initial.title;
    while (title !== newTitle && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      title = (await getJson<{ title: string }>(`/events/${slug}`)).body.title;
    }
    expect(title).toBe(newTitle);
    expect(await revision()).toMatch(new RegExp(`^${event._id}#`));
  });
});
