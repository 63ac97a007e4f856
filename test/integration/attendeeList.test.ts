import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoDatasetPath } from '../../studio/demo/generateDemoDataset.ts';
import {
  apiUrl,
  type DeliveredEmail,
  postJson,
  settledEmails,
  uniqueEmail,
  waitForEmails,
} from './support.ts';

type Doc = Record<string, unknown> & { _id: string; _type: string };
const documents = readFileSync(demoDatasetPath, 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Doc);
const event = documents.filter(
  (doc) =>
    doc._type === 'event' &&
    doc.status === 'scheduled' &&
    !(doc.registration as { capacity?: number }).capacity,
)[20] as Doc & { slug: { current: string }; title: string };
const organizer = documents.find((doc) => doc._id === (event.organizer as { _ref: string })._ref) as Doc & {
  email: string;
};
const region = documents.find((doc) => doc._id === (event.region as { _ref: string })._ref) as Doc & {
  cress: { email: string };
};
/** The CSV the mailed page (`liste-des-inscrits.html?manifestation=…&jeton=…`) downloads. */
const linkIn = (mail: DeliveredEmail | undefined) => {
  const page = new URL(mail?.body.text?.match(/(http[^\s\]]+liste-des-inscrits\.html[^\s\]]+)/)?.[1] ?? '');
  const slug = page.searchParams.get('manifestation') ?? '';
  const token = page.searchParams.get('jeton') ?? '';
  return `${apiUrl()}/events/${encodeURIComponent(slug)}/attendees.csv?token=${encodeURIComponent(token)}`;
};

describe('attendee list', () => {
  it('goes, as a 24-hour link, to the organiser and the regional chamber only, and opens as a French CSV', async () => {
    const people = [
      { name: 'Zoé Lefèvre', email: uniqueEmail('zoe') },
      { name: 'Noël Dupré', email: uniqueEmail('noel') },
    ];
    for (const person of people) {
      const response = await postJson(`/events/${event.slug.current}/registrations`, {
        ...person,
        consent: true,
      });
      expect(response.status).toBe(201);
    }
    const request = await postJson(`/events/${event.slug.current}/attendees/link`, {});
    expect(request.status).toBe(202);
    const subject = `Liste des inscrits : ${event.title}`;
    const mails = await waitForEmails((all) => all.some((mail) => mail.subject === subject));
    const sent = mails.filter((mail) => mail.subject === subject);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.destination.to.sort()).toEqual([organizer.email, region.cress.email].sort());

    const link = linkIn(sent[0]);
    const csv = await fetch(link);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('Nom;E-mail;Statut;Inscrit le');
    expect(lines).toHaveLength(1 + people.length);
    for (const person of people)
      expect(lines.some((line) => line.startsWith(`${person.name};${person.email};Confirmée;`))).toBe(true);

    // Asked again within the hour: no second mail.
    expect((await postJson(`/events/${event.slug.current}/attendees/link`, {})).status).toBe(202);
    expect((await settledEmails()).filter((mail) => mail.subject === subject)).toHaveLength(1);
  });

  it('refuses anyone without the link, a tampered one, and one made for another event', async () => {
    const base = `${apiUrl()}/events/${event.slug.current}/attendees.csv`;
    expect((await fetch(base)).status).toBe(400);
    const mails = await waitForEmails((all) =>
      all.some((mail) => mail.subject === `Liste des inscrits : ${event.title}`),
    );
    const link = linkIn(mails.find((mail) => mail.subject === `Liste des inscrits : ${event.title}`));
    const token = new URL(link).searchParams.get('token') as string;
    const tampered = `${token.slice(0, -3)}abc`;
    expect((await fetch(`${base}?token=${encodeURIComponent(tampered)}`)).status).toBe(404);
    const other = documents.find((doc) => doc._type === 'event' && doc._id !== event._id) as Doc & {
      slug: { current: string };
    };
    const foreign = await fetch(
      `${apiUrl()}/events/${other.slug.current}/attendees.csv?token=${encodeURIComponent(token)}`,
    );
    expect(foreign.status).toBe(404);
    const manageLinkAsToken = await fetch(`${base}?token=${encodeURIComponent('k.e30.abc')}`);
    expect(manageLinkAsToken.status).toBe(404);
    const [, payload, mac] = token.split('.');
    for (const keyId of ['constructor', '__proto__', 'toString']) {
      const odd = await fetch(`${base}?token=${encodeURIComponent(`${keyId}.${payload}.${mac}`)}`);
      expect(odd.status, keyId).toBe(404);
    }
  });
});
