import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { switchFormChallenges } from '../integration/formChallengeSupport.ts';
import { type DeliveredEmail, uniqueEmail, waitForEmails } from '../integration/support.ts';
import { browserFor } from './visitorBrowser.ts';

/**
 * The contact form's proof of work in Chromium, once editors switch it on: the component
 * fetches the challenge, solves it with WebCrypto (ALTCHA's solver, loaded only then) and the
 * message goes through as without it.
 */
const teamMailOf = (all: DeliveredEmail[], email: string) =>
  all.find((mail) => mail.replyTo.includes(email) && !mail.destination.to.includes(email));

describe('the contact form with its proof of work on', () => {
  beforeAll(async () => {
    await switchFormChallenges(['contact']);
  });
  afterAll(() => switchFormChallenges([]));

  it('solves the challenge in the browser and sends the message', async (context) => {
    const { page } = await browserFor(context);
    const challenges: string[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/forms/challenge')) challenges.push(String(response.status()));
    });
    const email = uniqueEmail('contact-altcha');
    await page.goto(`${inject('pagesUrl')}/contact.html`);
    const form = page.locator('essaim-contact form');
    await form.waitFor();
    await form.getByLabel('Votre nom').fill('Inès Roux');
    await form.getByLabel('Votre adresse e-mail').fill(email);
    await form.getByLabel('Sujet').selectOption({ index: 1 });
    await form
      .getByLabel('Votre message')
      .fill('Bonjour, la visite de jeudi est-elle accessible en fauteuil ?');
    await form.getByLabel(/J’accepte que ces informations soient utilisées/).check();
    await form.getByRole('button', { name: 'Envoyer le message' }).click();
    await page.getByRole('status').filter({ hasText: 'Merci, votre message est bien envoyé.' }).waitFor();
    expect(challenges).toEqual(['200']);
    const team = teamMailOf(await waitForEmails((all) => Boolean(teamMailOf(all, email))), email);
    expect(team?.body.text).toContain('accessible en fauteuil');
  });
});
