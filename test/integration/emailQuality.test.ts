import ICAL from 'ical.js';
import nodeIcal from 'node-ical';
import { describe, expect, it } from 'vitest';
import {
  type DeliveredEmail,
  type DemoEvent,
  deliveredEmails,
  demoDocuments,
  mailTo,
  pagesUrl,
  postJson,
  tokenIn,
  uniqueEmail,
  waitForEmails,
} from './support.ts';

/** Gmail clips a message whose HTML passes 102 KB: nothing we send may come near. */
const gmailClip = 102 * 1024;
const siteName = demoDocuments<{ siteName: string }>('siteSettings')[0]?.siteName ?? '';
const events = demoDocuments<DemoEvent>('event').filter(
  (event) => event.status === 'scheduled' && event.registration.capacity === undefined,
);

/** Every href in a message's HTML, and the text outside its anchors and tags. */
function linksOf(html: string) {
  const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1] ?? '');
  const outsideAnchors = html
    .replace(/<head[\s\S]*?<\/head>/, '')
    .replace(/<a\b[\s\S]*?<\/a>/g, '')
    .replace(/<[^>]+>/g, ' ');
  return { hrefs, outsideAnchors };
}

/** What every message must be: French, linked, light, signed by the same name it speaks in. */
function expectWellFormed(mail: DeliveredEmail) {
  const html = mail.body.html ?? '';
  const label = mail.subject;
  expect(Buffer.byteLength(html), label).toBeLessThan(gmailClip);
  const { hrefs, outsideAnchors } = linksOf(html);
  for (const href of hrefs) {
    const url = new URL(href.replaceAll('&amp;', '&'));
    const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
    expect(url.protocol === 'https:' || (url.protocol === 'http:' && local), `${label}: ${href}`).toBe(true);
  }
  // No bare address for a mail client to guess a link from: every link is an anchor.
  expect(outsideAnchors, label).not.toMatch(/https?:\/\//);
  expect(html, label).toMatch(/<html lang="fr"/);
  expect(html).toContain('max-width:600px');
  // The From name is the name the body speaks in (the Studio's site settings here).
  expect(mail.from, label).toContain(siteName);
  expect(html, label).toContain(siteName);
}

describe('every e-mail', () => {
  it('is French, under Gmail’s clipping size, with anchors to https only, from the name it is signed with', async () => {
    const email = uniqueEmail('qualite');
    const event = events[30] as DemoEvent;
    const contact = await postJson('/contact', {
      name: 'Éloïse Lefèvre',
      email,
      topic: 'mois-ess',
      message: 'Bonjour, « nous » organisons une journée coopérative : œuvres, ça va être très réussi’.',
      consent: true,
    });
    expect(contact.status).toBe(202);
    expect(
      (
        await postJson(`/events/${event.slug.current}/registrations`, {
          name: 'Éloïse',
          email,
          consent: true,
        })
      ).status,
    ).toBe(201);
    // Registering again sends the manage link again (and is answered as a new registration).
    expect(
      (
        await postJson(`/events/${event.slug.current}/registrations`, {
          name: 'Éloïse',
          email,
          consent: true,
        })
      ).status,
    ).toBe(201);
    const inbox = await waitForEmails((all) => mailTo(all, email).length === 3);
    const received = mailTo(inbox, email);
    const teamNotification = inbox.find(
      (mail) => mail.body.text?.includes(email) && !mail.destination.to.includes(email),
    );
    for (const mail of [...received, ...(teamNotification ? [teamNotification] : [])]) expectWellFormed(mail);

    // French survives both parts and the subject (the team's copy has the visitor's text; the
    // visitor's acknowledgement repeats none of it).
    const acknowledgement = received.find((mail) => mail.subject.startsWith('Nous avons bien reçu'));
    expect(acknowledgement?.subject).toContain('reçu');
    expect(acknowledgement?.body.text).toContain(
      '« Mois de l’ESS : proposer ou modifier une manifestation »',
    );
    expect(teamNotification?.body.text).toContain(
      '« nous » organisons une journée coopérative : œuvres, ça va être très réussi’.',
    );
    expect(teamNotification?.body.html).toContain(
      '« nous » organisons une journée coopérative : œuvres, ça va être très réussi’.',
    );

    // The manage link is a button in the HTML and a readable link in the text part.
    const confirmation = received.find((mail) => mail.subject.startsWith('Inscription confirmée'));
    expect(tokenIn(confirmation)).not.toBe('');
    expect(confirmation?.body.html).toMatch(
      /<a\s[^>]*href="https?:\/\/[^"]+\/inscription\.html\?jeton=[^"]+"[^>]*>/,
    );
  });

  it('links only to pages that open: every link to the hosted pages answers one of them', async () => {
    // Whatever the earlier tests of this run had sent: registrations, notices, attendee lists…
    const hrefs = new Set(
      (await deliveredEmails()).flatMap((mail) =>
        linksOf(mail.body.html ?? '').hrefs.map((href) => href.replaceAll('&amp;', '&')),
      ),
    );
    const toPages = [...hrefs].filter((href) => href.startsWith(`${pagesUrl()}/`));
    expect(toPages.length).toBeGreaterThan(0);
    const paths = new Set<string>();
    for (const href of toPages) {
      const response = await fetch(href);
      expect(response.status, href).toBe(200);
      expect(response.headers.get('content-type'), href).toBe('text/html; charset=utf-8');
      paths.add(new URL(href).pathname);
    }
    // The manage page and the event page at least (the attendee list's when its test ran first).
    expect([...paths]).toEqual(expect.arrayContaining(['/inscription.html', '/manifestation.html']));
  });

  it('attaches a calendar file that two independent parsers read alike, METHOD:PUBLISH as declared', async () => {
    const email = uniqueEmail('agenda');
    const event = events[31] as DemoEvent;
    expect(
      (await postJson(`/events/${event.slug.current}/registrations`, { name: 'Anaïs', email, consent: true }))
        .status,
    ).toBe(201);
    const [confirmation] = mailTo(await waitForEmails((all) => mailTo(all, email).length === 1), email);
    const attachment = (
      confirmation as unknown as { attachments: { content: string; contentType?: string }[] }
    ).attachments[0];
    expect(attachment?.contentType ?? '').toContain('method=PUBLISH');
    const ics = Buffer.from(attachment?.content ?? '', 'base64').toString('utf8');
    expect(ics).toMatch(/\r\nMETHOD:PUBLISH\r\n/);

    const calendar = new ICAL.Component(ICAL.parse(ics));
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    const byIcalJs = calendar.getFirstSubcomponent('vevent');
    const parsed = Object.values(nodeIcal.sync.parseICS(ics)).filter((item) => item?.type === 'VEVENT');
    expect(parsed).toHaveLength(1);
    const byNodeIcal = parsed[0] as { summary: string; start: Date; end: Date; uid: string };
    expect(byNodeIcal.summary).toBe(event.title);
    expect(byIcalJs?.getFirstPropertyValue('summary')).toBe(event.title);
    expect(byNodeIcal.start.toISOString()).toBe(new Date(event.startsAt).toISOString());
    expect(byNodeIcal.end.toISOString()).toBe(new Date(event.endsAt).toISOString());
    expect(byNodeIcal.uid).toBe(byIcalJs?.getFirstPropertyValue('uid'));
  });
});
