import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { secretDeclarations } from '../../functions/shared/settings.ts';
import { keyedAddressHash } from '../../functions/shared/tokens/keyedAddressHash.ts';
import { localTableName } from '../../infra/local/localEnvironment.ts';
import { type Answer, atTime, inProcessRoute, registersAtOnce, stackNow } from './abuseSupport.ts';
import {
  type DeliveredEmail,
  type DemoEvent,
  demoDocuments,
  documentClient,
  pagesUrl,
  postJson,
  registrationItemsOf,
  settledEmails,
  uniqueEmail,
  waitForEmails,
} from './support.ts';

const scheduled = demoDocuments<DemoEvent>('event').filter((event) => event.status === 'scheduled');
/** From the end of the list: the other test files pick theirs from the start. */
const unlimited = scheduled.filter((event) => event.registration.capacity === undefined).reverse();
const registration = (email: string) => ({ name: 'Sam Girard', email, consent: true });
const regionOf = (event: DemoEvent) => (event as unknown as { region: { _ref: string } }).region._ref;
/** Regions by their number of those events, most first: each chamber's mailbox has its own allowance. */
const byRegion = [...Map.groupBy(unlimited.slice(100), regionOf)].sort((a, b) => b[1].length - a[1].length);
const hashKey = secretDeclarations.ADDRESS_HASH_KEY.local;
/** The rate-limit counter of a client network in the stack's current hour. */
const clientCounter = async (scope: string, network: string) => {
  const window = Math.floor(Date.parse(stackNow) / 1000 / 3600) * 3600;
  const key = `CLIENT#${scope}#${keyedAddressHash(hashKey, `client:${network}`)}#${window}`;
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: localTableName('rateLimits'), Key: { pk: key }, ConsistentRead: true }),
  );
  return Item as { hits: number } | undefined;
};
const expectTooMany = (answer: Answer, words: string) => {
  expect(answer.status).toBe(429);
  expect(answer.headers['content-type']).toContain('application/problem+json');
  expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
  expect(answer.body).toMatchObject({ status: 429, title: 'Trop de demandes' });
  expect(answer.body.detail).toContain(words);
};

describe('the contact form is no relay', () => {
  it('acknowledges without echoing, once a day per mailbox, and the team still gets every message', async () => {
    const victim = uniqueEmail('victime');
    const [local, domain] = victim.split('@');
    const spellings = [victim, victim.toUpperCase(), `${local}+a@${domain}`, `${local}+b@${domain}`];
    const spam = 'Gagnez 1000 euros sur https://arnaque.example';
    const answers = await Promise.all(
      spellings.map((email, index) =>
        postJson('/contact', {
          name: `${spam} ${index}`,
          email,
          topic: 'information',
          message: `${spam}, offre numéro ${index}.`,
          consent: true,
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202, 202]);
    const ids = await Promise.all(
      answers.map(async (answer) => ((await answer.json()) as { id: string }).id),
    );
    const mailed = await waitForEmails((all) =>
      ids.every((id) => all.some((mail) => mail.body.text?.includes(id))),
    );
    // Every message reached the team, with its text.
    for (const id of ids)
      expect(mailed.find((mail) => mail.body.text?.includes(id))?.body.text).toContain(spam);
    const toVictim = (all: DeliveredEmail[]) =>
      all.filter((mail) => mail.destination.to.some((to) => spellings.includes(to)));
    const settled = toVictim(await settledEmails());
    expect(settled).toHaveLength(1);
    expect(settled[0]?.subject).toBe('Nous avons bien reçu votre message — Groupement ESS');
    for (const part of [settled[0]?.body.text, settled[0]?.body.html, settled[0]?.subject])
      expect(part).not.toMatch(/arnaque|Gagnez|1000/);

    // The next day (by the function's clock) the mailbox may be acknowledged once more.
    const contact = await inProcessRoute(
      () => import('../../functions/contact/submitContactMessage.ts'),
      'POST /contact',
    );
    const nextDay = new Date(Date.parse(stackNow) + 86_400_000).toISOString();
    const later = await atTime(nextDay, () =>
      contact({
        sourceIp: '192.0.2.40',
        body: {
          name: 'Sam',
          email: victim,
          topic: 'information',
          message: 'Une autre question.',
          consent: true,
        },
      }),
    );
    expect(later.status).toBe(202);
    await waitForEmails((all) => toVictim(all).length === 2);
  });
});

describe('rate limits', () => {
  let register: Awaited<ReturnType<typeof inProcessRoute>>;
  beforeAll(async () => {
    register = await inProcessRoute(
      () => import('../../functions/registrations/registerForEvent.ts'),
      'POST /events/{slug}/registrations',
    );
  });

  it('mails one victim at most the mailbox’s allowance, whatever the events and spellings (100 at once)', async () => {
    const victim = uniqueEmail('cible');
    const [local, domain] = victim.split('@');
    const answers = await Promise.all(
      unlimited
        .slice(0, 100)
        .map((event, index) =>
          postJson(
            `/events/${event.slug.current}/registrations`,
            registration(index % 2 ? `${local}+${index}@${domain}` : victim.toUpperCase()),
          ),
        ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(95);
    const refused = answers.find((answer) => answer.status === 429) as Response;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { detail: string }).detail).toContain('réessayez dans');
    const settled = await settledEmails();
    const received = settled.filter((mail) =>
      mail.destination.to.some((to) => to.toLowerCase().startsWith(local as string)),
    );
    expect(received).toHaveLength(5);
  });

  it('lets one client take only its allowance of places (IPv6 counted by /64), others still register', async () => {
    // Places held until confirmation (the default with limited places): a script's invented
    // addresses hold places for half an hour at most, and no more than its allowance.
    const event = scheduled.filter(
      (candidate) =>
        (candidate.registration.capacity ?? 0) >= 80 &&
        !candidate.registration.waitingList &&
        !registersAtOnce(candidate),
    )[0] as DemoEvent;
    const slug = event.slug.current;
    const answers: Answer[] = [];
    await atTime(stackNow, async () => {
      for (let index = 0; index < 41; index++) {
        // Two addresses of the same /64: one household, one client.
        const sourceIp = index % 2 ? '2001:db8:7:8::1' : '2001:db8:7:8:aaaa::2';
        answers.push(
          await register({
            sourceIp,
            pathParameters: { slug },
            body: registration(uniqueEmail(`robot${index}`)),
          }),
        );
      }
    });
    expect(answers.slice(0, 40).every((answer) => answer.status === 202)).toBe(true);
    expectTooMany(answers[40] as Answer, 'votre connexion');
    // A header the client writes changes nothing: the connection decides.
    const spoofed = await atTime(stackNow, () =>
      register({
        sourceIp: '2001:db8:7:8::3',
        headers: { 'x-forwarded-for': '198.51.100.99' },
        pathParameters: { slug },
        body: registration(uniqueEmail('usurpe')),
      }),
    );
    expect(spoofed.status).toBe(429);
    const neighbour = await atTime(stackNow, () =>
      register({
        sourceIp: '2001:db8:7:9::1',
        pathParameters: { slug },
        body: registration(uniqueEmail('voisin')),
      }),
    );
    expect(neighbour.status).toBe(202);
    const counter = (await registrationItemsOf(event)).find((item) => item.sk === 'COUNTER');
    expect(counter).toMatchObject({ held: 41, taken: 41 });
  });

  it('counts the connection’s address, never X-Forwarded-For, through the local API Gateway', async () => {
    const before = (await clientCounter('contact', '127.0.0.1'))?.hits ?? 0;
    const response = await postJson(
      '/contact',
      { name: 'Sam', email: uniqueEmail('xff'), topic: 'information', message: 'Bonjour.', consent: true },
      { 'x-forwarded-for': '203.0.113.77' },
    );
    expect(response.status).toBe(202);
    expect((await clientCounter('contact', '127.0.0.1'))?.hits).toBe(before + 1);
    expect(await clientCounter('contact', '203.0.113.77')).toBeUndefined();
  });

  it('caps the attendee-list links a chamber receives, across events', async () => {
    const [, events = []] = byRegion[0] ?? [];
    const statuses: number[] = [];
    for (const event of events.slice(0, 8))
      statuses.push((await postJson(`/events/${event.slug.current}/attendees/link`, {})).status);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(3);
    expect(statuses.every((status) => status === 202 || status === 429)).toBe(true);
    const links = (await settledEmails()).filter((mail) =>
      events.slice(0, 8).some((event) => mail.subject === `Liste des inscrits : ${event.title}`),
    );
    expect(links.length).toBe(statuses.filter((status) => status === 202).length);
    expect(links.length).toBeLessThanOrEqual(5);
  });
});

describe('addresses in mails', () => {
  it('come from configuration, whatever Host and X-Forwarded-* headers the request carried', async () => {
    const forged = {
      host: 'evil.example',
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'http',
      forwarded: 'host=evil.example;proto=http',
      origin: 'https://evil.example',
      referer: 'https://evil.example/page',
    };
    const email = uniqueEmail('hote');
    // From the quietest region: the attendee-list test above used the busiest chamber's allowance.
    const event = byRegion.at(-1)?.[1][0] as DemoEvent;
    const register = await inProcessRoute(
      () => import('../../functions/registrations/registerForEvent.ts'),
      'POST /events/{slug}/registrations',
    );
    const askList = await inProcessRoute(
      () => import('../../functions/registrations/requestAttendeeList.ts'),
      'POST /events/{slug}/attendees/link',
    );
    const slug = event.slug.current;
    await atTime(stackNow, async () => {
      const registered = await register({
        sourceIp: '192.0.2.80',
        headers: forged,
        pathParameters: { slug },
        body: registration(email),
      });
      expect(registered.status).toBe(201);
      expect(
        (await askList({ sourceIp: '192.0.2.80', headers: forged, pathParameters: { slug } })).status,
      ).toBe(202);
    });
    const subject = `Liste des inscrits : ${event.title}`;
    const mails = await waitForEmails(
      (all) =>
        all.some((mail) => mail.destination.to.includes(email)) &&
        all.some((mail) => mail.subject === subject),
    );
    const ours = mails.filter((mail) => mail.destination.to.includes(email) || mail.subject === subject);
    for (const mail of ours) {
      const hrefs = [...(mail.body.html ?? '').matchAll(/href="([^"]+)"/g)].map(([, href]) => href ?? '');
      expect(hrefs.length, mail.subject).toBeGreaterThan(0);
      for (const part of [mail.body.html ?? '', mail.body.text ?? ''])
        expect(part).not.toContain('evil.example');
      for (const href of hrefs) expect(href.startsWith(`${pagesUrl()}/`), href).toBe(true);
    }
  });
});
