import { describe, expect, it } from 'vitest';
import {
  apiUrl,
  type DemoEvent,
  demoDocuments,
  mailTo,
  pagesUrl,
  settledEmails,
  uniqueEmail,
  waitForEmails,
} from './support.ts';

/** What a browser without JavaScript sends: the form's fields, form-encoded, no redirect followed. */
const postForm = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${apiUrl()}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });

const contactFields = (email: string) => ({
  name: 'Anaïs Le Gall',
  email,
  topic: 'information',
  message: 'Bonjour, où trouver le programme papier ?',
  consent: 'true',
  website: '',
});

describe('plain HTML forms (no JavaScript)', () => {
  it('sends a contact message and answers 303 to the hosted thank-you page', async () => {
    const email = uniqueEmail('sans-js');
    const response = await postForm('/contact', contactFields(email));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${pagesUrl()}/merci-message.html`);
    const mails = await waitForEmails((all) => mailTo(all, email).length === 1);
    expect(mailTo(mails, email)[0]?.subject).toContain('Nous avons bien reçu votre message');
    // The message itself goes to the team, who answer the visitor.
    const toTeam = await waitForEmails((all) => all.some((mail) => mail.replyTo.includes(email)));
    expect(toTeam.find((mail) => mail.replyTo.includes(email))?.body.text).toContain(
      'où trouver le programme papier',
    );
  });

  it('answers a refused form with the form again, filled in, its errors linked and announced, and sends nothing', async () => {
    const email = uniqueEmail('erreurs');
    const response = await postForm('/contact', {
      ...contactFields(email),
      email: `${email}@@`,
      consent: '',
      message: '   ',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`style-src ${new URL(pagesUrl()).origin}`);
    expect(csp).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Le formulaire contient 3 erreurs');
    expect(html).toMatch(/<div class="essaim-error-summary" role="alert"/);
    expect(html).toContain('href="#essaim-contact-email"');
    // Typed values come back, escaped; the error describes its field.
    expect(html).toContain('value="Anaïs Le Gall"');
    expect(html).toMatch(
      /id="essaim-contact-email"[^>]*aria-describedby="essaim-contact-email-aide essaim-contact-email-erreur"/,
    );
    expect(html).toContain('L’adresse e-mail n’est pas valide.');
    expect(html).toContain(`action="${apiUrl()}/contact"`);
    expect(html).not.toMatch(/name="consent"[^>]*checked/);
    expect(mailTo(await settledEmails(), email)).toHaveLength(0);
  });

  it('follows `_next` only to a configured origin, with the outcome in its query', async () => {
    const allowed = `${pagesUrl()}/index.html?source=site`;
    const toSite = await postForm('/contact', { ...contactFields(uniqueEmail('next')), _next: allowed });
    expect(toSite.headers.get('location')).toBe(allowed);
    const evil = await postForm('/contact', {
      ...contactFields(uniqueEmail('evil')),
      _next: 'https://evil.example/phishing',
    });
    expect(evil.status).toBe(303);
    expect(evil.headers.get('location')).toBe(`${pagesUrl()}/merci-message.html`);
  });

  it('registers, and registering again leads to the same thank-you page (nothing tells who is registered)', async () => {
    const event = demoDocuments<DemoEvent>('event').filter(
      (doc) => doc.status === 'scheduled' && !doc.registration.capacity,
    )[77] as DemoEvent;
    const path = `/events/${event.slug.current}/registrations`;
    const fields = { name: 'Yann Kervella', email: uniqueEmail('yann'), consent: 'on', website: '' };
    const first = await postForm(path, fields);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(
      `${pagesUrl()}/merci-inscription.html?manifestation=${event.slug.current}&statut=confirmee`,
    );
    const again = await postForm(path, fields);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    const refused = await postForm(path, { ...fields, consent: '' });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain(`Inscription : ${event.title}`);
    expect(html).toContain('Votre accord est nécessaire pour enregistrer votre inscription.');
  });

  it('still refuses bodies that are neither JSON nor a form', async () => {
    const response = await fetch(`${apiUrl()}/events/x/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'name=x',
    });
    expect(response.status).toBe(415);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });
});
